"""Evidence files in the audit bundle: insurance proofs and termination letter scans, each
under its SHA-256, checked against the journal that recorded it.

A station that does not hold a file (it was recorded on another station of a shared
PostgreSQL inventory) exports the bundle without it and says so in the bundle's evidence
index; the verifier reports it plainly as missing there, not as an alteration.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisis.i18n import t
from crisis.services import evidence_files
from crisis.services.workspace import Workspace
from inventory.repo import agreement_obligations as obligations_repo
from inventory.repo import parties as parties_repo

FOLDER = "evidence"
INDEX = "evidence/index.json"
#: The journal actions that record an evidence file: (kind, field of its SHA-256, of its name).
ACTIONS = {
    "agreement.insurance_proof_added": ("insurance_proof", "file_sha256", "file_name"),
    "agreement.notice_received": ("notice_letter", "scan_sha256", "scan_name"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """An evidence file as recorded: its SHA-256, name, kind and agreement."""

    sha256: str
    file_name: str
    kind: str  # insurance_proof | notice_letter
    agreement: str


def recorded(ws: Workspace) -> list[Evidence]:
    """Every evidence file the inventory records, by agreement then SHA-256."""
    with ws.db.session() as s:
        found = [
            Evidence(p.file_sha256, p.file_name, "insurance_proof", a.reference)
            for p, a in obligations_repo.all_proofs(s)
        ]
        found += [
            Evidence(a.notice_scan_sha256, a.notice_scan_name or "", "notice_letter", a.reference)
            for a in parties_repo.agreements(s)
            if a.notice_scan_sha256
        ]
    return sorted(set(found), key=lambda e: (e.agreement, e.kind, e.sha256))


def bundle_files(ws: Workspace) -> tuple[dict[str, bytes], tuple[Evidence, ...]]:
    """The bundle's evidence files and index, and the files this station does not hold.

    A kept copy is taken as it is: one altered here shows as such when the bundle is verified.
    """
    files: dict[str, bytes] = {}
    index: list[dict[str, Any]] = []
    missing: list[Evidence] = []
    for e in recorded(ws):
        path = evidence_files.evidence_dir() / e.sha256
        try:
            files[f"{FOLDER}/{e.sha256}"] = path.read_bytes()
            included = True
        except OSError:
            missing.append(e)
            included = False
        index.append(
            {"sha256": e.sha256, "file": e.file_name, "kind": e.kind,
             "agreement": e.agreement, "included": included}
        )  # fmt: skip
    files[INDEX] = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True).encode()
    return files, tuple(missing)


def check(bundle: Path, rows: Sequence[tuple[Any, ...]], lang: str) -> tuple[list[str], list[str]]:
    """Check each evidence file the bundle's journal records: (problems, notes).

    A file whose content no longer has its recorded SHA-256 is a problem, as is one neither
    in the bundle nor in its index; one the exporting station did not hold is a note.
    """
    try:
        listed = json.loads((bundle / INDEX).read_bytes())
        absent = {str(x["sha256"]) for x in listed if not x.get("included", True)}
    except (OSError, ValueError, TypeError, KeyError):
        absent = set()  # a missing or broken index is reported by the manifest check
    problems: list[str] = []
    notes: list[str] = []
    seen: set[str] = set()
    for row in rows:
        seq, _at, _op, action, _etype, entity, _before, after_text, *_ = row
        if action not in ACTIONS:
            continue
        kind, sha_field, name_field = ACTIONS[str(action)]
        try:
            after = json.loads(after_text) if after_text else {}
        except ValueError:
            continue
        sha = str(after.get(sha_field) or "")
        if not sha or sha in seen:
            continue
        seen.add(sha)
        words = {
            "kind": t(f"evidence.kind.{kind}", lang),
            "agreement": entity,
            "sha256": sha,
            "name": f"{FOLDER}/{sha}",
            "file": after.get(name_field) or "",
            "seq": seq,
        }
        path = bundle / FOLDER / sha
        if path.is_file():
            if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                problems.append(t("problem.evidence.changed", lang, **words))
        elif sha in absent:
            notes.append(t("note.evidence.missing_there", lang, **words))
        else:
            problems.append(t("problem.evidence.unlisted", lang, **words))
    return problems, notes
