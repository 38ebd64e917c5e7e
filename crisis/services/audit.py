"""The auditor's bundle: export every document with the journal and keys; verify it offline."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from crisis.adapters.signing import SigningKey, verify_signature
from crisis.domain.document_check import (
    PARTIES,
    JournalEntry,
    check_document,
    check_pdf_recorded,
)
from crisis.domain.documents import canonical_bytes
from crisis.domain.journal_chain import checkpoint_message, walk_chain
from crisis.errors import ValidationError
from crisis.i18n import msg, t
from crisis.services import audit_evidence, documents, holds
from crisis.services.audit_evidence import Evidence
from crisis.services.journal import default_key_path, pinned_keys
from crisis.services.journaling import recorded_head, utc_stamp
from crisis.services.workspace import Workspace
from inventory.journal_rows import EVENT_COLUMNS
from inventory.repo import journal as journal_repo
from inventory.repo import operators as operators_repo

FORMAT = "crisis-kit/audit-bundle/v1"
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.sig.json"
EVENTS = "journal/events.jsonl"
CHECKPOINTS = "journal/checkpoints.json"
OPERATORS = "keys/operators.json"
CHECKPOINT_KEYS = "keys/checkpoint-keys.json"
AUTHORITY = "keys/authority.pem"
HOLDS = "holds/forensic-holds.json"
TRUST = "keys/trust"
PDF_NAME = "document.pdf"


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What `export_bundle` wrote."""

    path: str
    documents: int
    events: int
    files: int
    #: Evidence files recorded on another station, not held here: not in the bundle.
    missing_evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditVerdict:
    """What `verify_bundle` found."""

    documents: int
    events: int
    problems: tuple[str, ...]
    seconds: float
    #: What the verifier could not check and says so, without it being an alteration (an
    #: evidence file the exporting station did not hold).
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Nothing changed, removed or added; every document checks out."""
        return not self.problems


def document_dir(reference: str) -> str:
    """The bundle folder of a document (its reference with '/' spelt '__')."""
    return "documents/" + reference.replace("/", "__")


def export_bundle(
    ws: Workspace,
    out: Path,
    trust_roots: Sequence[tuple[str, bytes]] = (),
    checkpoint_key: Path | None = None,
    passphrase: str | None = None,
) -> ExportSummary:
    """Write the audit bundle to the new folder `out`.

    The bundle carries the trust roots its PDF signatures need: the local authority, the
    roots of the PKCS#12 chains kept at sealing, and `trust_roots` (name, PEM) given by the
    exporter for chains that stop below their root; the manifest lists them, and the versions
    of the renderer and fonts. The manifest is signed with the journal checkpoint key
    (`checkpoint_key`, by default the station's; opened with `passphrase`), when the station
    has it.

    Evidence files (insurance proofs, termination letter scans) go under ``evidence/`` by
    their SHA-256; one this station does not hold is listed in ``evidence/index.json`` as
    not included and returned in the summary (`ExportSummary.missing_evidence`).

    The files are written to a temporary folder beside `out`, renamed into place once
    complete: a failure part-way leaves nothing.

    Raises:
        ValidationError: `out` exists and is not an empty folder; a trust root is not a
            PEM certificate; the bundle cannot be written.
    """
    from crisis.adapters.pades import certificate_fingerprint
    from crisis.adapters.pdf_render import renderer_versions

    ws.operator_role()  # any registered operator, auditors included, may export
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValidationError(msg("error.audit.out_not_empty", out=str(out)), where="out")
    roots: dict[str, bytes] = {}
    given = [("", pem) for pem in documents.trusted_roots()] + list(trust_roots)
    for name, pem in given:
        try:
            roots[f"{TRUST}/{certificate_fingerprint(pem)}.pem"] = pem
        except ValueError as exc:
            raise ValidationError(
                msg("error.where", where=name or msg("error.audit.kept_root"), error=str(exc)),
                where=msg("error.audit.trust_root"),
            ) from None
    files: dict[str, bytes] = {}
    docs = documents.list_documents(ws)
    for doc in docs:
        base = document_dir(doc.reference)
        files[f"{base}/snapshot.json"] = doc.snapshot
        files[f"{base}/signatures.json"] = documents.signatures_json(doc)
        files[f"{base}/{PDF_NAME}"] = doc.signed_pdf or documents.render_document(ws, doc.reference)
    with ws.db.engine.connect() as conn:
        lines = [
            json.dumps(list(row), ensure_ascii=False, separators=(",", ":"))
            for row in journal_repo.iter_event_tuples(conn)
        ]
    files[EVENTS] = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    with ws.db.session() as s:
        size, head = recorded_head(s)
        cps = [
            {
                "size": c.size,
                "head_hash": c.head_hash,
                "signed_at": c.signed_at,
                "operator": c.operator,
                "public_key": c.public_key,
                "signature": c.signature,
            }
            for c in journal_repo.checkpoints(s)
        ]
        ops = [
            {"name": o.name, "role": o.role, "public_key": o.public_key}
            for o in operators_repo.all_(s)
        ]
    files[CHECKPOINTS] = _json(cps)
    files[OPERATORS] = _json(ops)
    files[CHECKPOINT_KEYS] = _json(sorted(pinned_keys()))
    # Devices kept for investigators: each hold, its seal and its chain of custody.
    files[HOLDS] = _json([h.as_record() for h in holds.all_holds(ws)])
    # Insurance proofs and termination letter scans, under their SHA-256.
    evidence, missing = audit_evidence.bundle_files(ws)
    files.update(evidence)
    authority = documents.authority_certificate()
    if authority:
        files[AUTHORITY] = authority
    files.update(roots)
    manifest = {
        "format": FORMAT,
        "created_at": utc_stamp(),
        "journal": {"size": size, "head": head},
        "trust_roots": sorted(roots),
        # What rendered the pages: a verifier re-renders them only with the same.
        "renderer": renderer_versions(),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    signed = {MANIFEST: _json(manifest)}
    key_file = checkpoint_key or default_key_path()
    if key_file.exists():  # an auditor's station has none: its bundle says so when verified
        key = SigningKey.load(key_file, passphrase.encode("utf-8") if passphrase else None)
        signed[MANIFEST_SIGNATURE] = _json(
            {"public_key": key.public_hex, "signature": key.sign(signed[MANIFEST])}
        )
    _write_atomically(out, {**files, **signed})
    return ExportSummary(str(out), len(docs), len(lines), len(files) + 1, missing)


def _write_atomically(out: Path, files: dict[str, bytes]) -> None:
    """Write `files` into a sibling temporary folder, then rename it to `out`: a failure
    part-way leaves no half bundle (and `out` as it was)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        for name, data in files.items():
            path = partial / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        partial.rename(out)  # replaces `out` only when it is an empty folder
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise ValidationError(
            msg("error.audit.cannot_write", error=str(exc)), where=str(out)
        ) from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def verify_bundle(
    bundle: Path, trusted_keys: Collection[str] = (), lang: str = "en"
) -> AuditVerdict:
    """Check a bundle with nothing but its own files; name what was changed, removed or added.

    Args:
        trusted_keys: journal checkpoint public keys (hex) to trust; by default the keys the
            exporting station had pinned (the bundle's own copy). Checkpoints signed by
            another key are reported.
        lang: the language of the bundle-level problems (reports pass
            `crisis.i18n.default_language()`); the checks of each document are in English.

    Raises:
        ValidationError: `bundle` has no readable manifest.
    """
    started = time.perf_counter()
    try:
        manifest = json.loads((bundle / MANIFEST).read_bytes())
        listed: dict[str, str] = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            msg("error.audit.no_manifest", bundle=str(bundle), manifest=MANIFEST, error=str(exc))
        ) from None
    problems: list[str] = []
    present = {p.relative_to(bundle).as_posix() for p in _files(bundle)} - {
        MANIFEST,
        MANIFEST_SIGNATURE,
    }
    for name in sorted(set(listed) - present):
        problems.append(t("problem.bundle.removed", lang, name=name))
    for name in sorted(present - set(listed)):
        problems.append(t("problem.bundle.added", lang, name=name))
    for name in sorted(set(listed) & present):
        if hashlib.sha256((bundle / name).read_bytes()).hexdigest() != listed[name]:
            problems.append(t("problem.bundle.changed", lang, name=name))

    rows = _events(bundle, problems)
    evidence_problems, notes = audit_evidence.check(bundle, rows, lang)
    problems += evidence_problems
    cps = _read_json(bundle, CHECKPOINTS, problems) or []
    trusted = set(trusted_keys) or _carried_keys(bundle, problems)
    _check_manifest_signature(bundle, trusted, problems, lang)
    report = walk_chain(rows, {int(c["size"]) for c in cps})
    if report.first_break:
        b = report.first_break
        kind = t(f"problem.chain.{b.kind}", lang)
        problems.append(t("problem.bundle.chain", lang, seq=b.seq, kind=kind, detail=b.detail))
    expected = manifest.get("journal", {})
    if not report.first_break and (report.count, report.head_hash) != (
        expected.get("size"),
        expected.get("head"),
    ):
        problems.append(
            t("problem.bundle.size", lang, size=expected.get("size"), count=report.count)
        )
    proven: list[tuple[int, str]] = []  # (size, signed_at) of the checkpoints that hold
    for c in cps:
        label = t("problem.bundle.checkpoint", lang, at=c["signed_at"], size=c["size"])
        message = checkpoint_message(int(c["size"]), str(c["head_hash"]), str(c["signed_at"]))
        holds = True
        if not verify_signature(str(c["public_key"]), message, str(c["signature"])):
            problems.append(t("problem.checkpoint.signature", lang, label=label))
            holds = False
        if c["public_key"] not in trusted:
            problems.append(
                t("problem.bundle.untrusted", lang, label=label,
                  public_key=str(c["public_key"])[:16], name=CHECKPOINT_KEYS)
            )  # fmt: skip
            holds = False
        if report.hashes_at.get(int(c["size"])) != c["head_hash"] and not report.first_break:
            problems.append(t("problem.bundle.signed_head", lang, label=label))
            holds = False
        if holds and not report.first_break:
            proven.append((int(c["size"]), str(c["signed_at"])))
    if not cps:
        problems.append(t("docs.bundle.no_checkpoint", lang))

    entries = {r[0]: JournalEntry.from_row(tuple(r)) for r in rows if _relevant(r[3])}
    operator_keys = {
        str(e.after.get("public_key")) for e in entries.values() if e.action == "operator.added"
    }
    issued = {e.entity_id: e.seq for e in entries.values() if e.action == "document.issued"}
    roots = _trust_roots(bundle, manifest, problems)
    kept = {fp for fp, _ in roots}
    for e in sorted(entries.values(), key=lambda e: e.seq):
        wanted = e.after.get("trust_root_sha256") if e.action == "document.pdf_signed" else None
        if wanted and wanted not in kept:
            problems.append(
                t("problem.bundle.root", lang, reference=e.entity_id, sha256=wanted, seq=e.seq)
            )
    pems = tuple(pem for _, pem in roots)
    judged = _judged_at(entries, sorted(proven))
    rerender = _same_renderer(manifest, problems, lang)
    folders = sorted({n.split("/")[1] for n in present | set(listed) if n.startswith("documents/")})
    seen: set[str] = set()
    superseded = _superseded(bundle, folders)
    for found, reference in _check_folders(
        bundle, folders, entries, operator_keys, pems, superseded, judged, rerender, lang
    ):
        problems.extend(found)
        seen.add(reference)
    for reference, seq in sorted(issued.items()):
        if reference not in seen:
            problems.append(
                t("problem.bundle.document_removed", lang, reference=reference, seq=seq)
            )
    return AuditVerdict(
        len(folders), report.count, tuple(problems), time.perf_counter() - started, tuple(notes)
    )


def _check_manifest_signature(
    bundle: Path, trusted: set[str], problems: list[str], lang: str
) -> None:
    """The manifest (every file's hash) is signed by a trusted journal checkpoint key."""
    try:
        sig = json.loads((bundle / MANIFEST_SIGNATURE).read_bytes())
        public, signature = str(sig["public_key"]), str(sig["signature"])
    except FileNotFoundError:
        problems.append(t("docs.bundle.manifest_unsigned", lang, name=MANIFEST_SIGNATURE))
        return
    except (OSError, ValueError, KeyError, TypeError):
        problems.append(t("docs.bundle.manifest_signature", lang, name=MANIFEST_SIGNATURE))
        return
    if not verify_signature(public, (bundle / MANIFEST).read_bytes(), signature):
        problems.append(t("docs.bundle.manifest_signature", lang, name=MANIFEST_SIGNATURE))
    elif public not in trusted:
        problems.append(t("docs.bundle.manifest_untrusted", lang, public_key=public[:16]))


def _same_renderer(manifest: dict[str, Any], problems: list[str], lang: str) -> bool:
    """Whether this station renders as the exporting one did (same fpdf2, same font files):
    only then can a sealed PDF's first revision be re-rendered and compared byte for byte."""
    from crisis.adapters.pdf_render import renderer_versions

    recorded = manifest.get("renderer")
    here = renderer_versions()
    if recorded == here:
        return True
    problems.append(
        t("docs.bundle.other_renderer", lang, recorded=json.dumps(recorded, sort_keys=True),
          here=json.dumps(here, sort_keys=True))
    )  # fmt: skip
    return False


def _judged_at(
    entries: dict[int, JournalEntry], proven: list[tuple[int, str]]
) -> dict[str, tuple[int, str]]:
    """For each sealed document: (the journal event of its last PDF signature, the time of
    the first signed checkpoint covering that event, or "" when none does).

    The checkpoint proves the signatures existed then, so their certificates are judged at
    that time, not at the time of the audit (when they may long have expired)."""
    out: dict[str, tuple[int, str]] = {}
    for e in sorted(entries.values(), key=lambda e: e.seq):
        if e.action == "document.pdf_signed":
            at = next((when for size, when in proven if size >= e.seq), "")
            out[e.entity_id] = (e.seq, at)
    return out


#: What the worker processes share (set once per worker, read-only afterwards).
_SHARED: dict[str, Any] = {}
#: Below this many documents, starting worker processes costs more than it saves.
_PARALLEL_FROM = 64


def _check_folders(
    bundle: Path,
    folders: list[str],
    entries: dict[int, JournalEntry],
    operator_keys: set[str],
    roots: tuple[bytes, ...],
    superseded: frozenset[str],
    judged: dict[str, tuple[int, str]],
    rerender: bool,
    lang: str,
) -> list[tuple[list[str], str]]:
    """Check every document folder; PDF validation is CPU-bound, so big bundles use all cores."""
    shared = (bundle, entries, operator_keys, roots, superseded, judged, rerender, lang)
    workers = os.cpu_count() or 1
    if len(folders) < _PARALLEL_FROM or workers < 2:
        _share(*shared)
        return [_check_shared(f) for f in folders]
    with ProcessPoolExecutor(workers, initializer=_share, initargs=shared) as pool:
        return list(pool.map(_check_shared, folders, chunksize=16))


def _share(
    bundle: Path,
    entries: dict[int, JournalEntry],
    keys: set[str],
    roots: tuple[bytes, ...],
    superseded: frozenset[str],
    judged: dict[str, tuple[int, str]],
    rerender: bool,
    lang: str,
) -> None:
    _SHARED.update(bundle=bundle, entries=entries, keys=keys, roots=roots,
                   superseded=superseded, judged=judged, rerender=rerender,
                   lang=lang)  # fmt: skip


def _check_shared(folder: str) -> tuple[list[str], str]:
    return _check_folder(
        _SHARED["bundle"], folder, _SHARED["entries"], _SHARED["keys"], _SHARED["roots"],
        _SHARED["superseded"], _SHARED["judged"], _SHARED["rerender"], _SHARED["lang"],
    )  # fmt: skip


def _superseded(bundle: Path, folders: list[str]) -> frozenset[str]:
    """The documents a later revision in the bundle replaces (named in its signed snapshot):
    a sheet superseded before anyone signed it is a draft, not a missing signature."""
    found: set[str] = set()
    for folder in folders:
        try:
            data = json.loads((bundle / "documents" / folder / "snapshot.json").read_bytes())
        except (OSError, ValueError):
            continue  # reported by the folder's own check
        replaced = data.get("supersedes") if isinstance(data, dict) else None
        if isinstance(replaced, dict) and isinstance(replaced.get("reference"), str):
            found.add(replaced["reference"])
    return frozenset(found)


def _check_folder(
    bundle: Path,
    folder: str,
    entries: dict[int, JournalEntry],
    operator_keys: set[str],
    roots: tuple[bytes, ...],
    superseded: frozenset[str],
    judged: dict[str, tuple[int, str]],
    rerender: bool,
    lang: str,
) -> tuple[list[str], str]:
    def about(reference: str, problem: str) -> str:
        return t("problem.doc.about", lang, reference=reference, problem=problem)

    base = bundle / "documents" / folder
    name = f"documents/{folder}"
    try:
        snapshot = (base / "snapshot.json").read_bytes()
        sigs = json.loads((base / "signatures.json").read_bytes())
    except (OSError, ValueError) as exc:
        unreadable = t("problem.doc.unreadable", lang, error=exc)
        return [about(name, unreadable)], folder.replace("__", "/")
    reference = str(sigs.get("reference", folder))
    required = () if reference in superseded else PARTIES
    v = check_document(snapshot, sigs, verify_signature, entries, operator_keys, lang, required)
    out = [about(reference, p) for p in v.problems]
    pdf_path = base / PDF_NAME
    if not pdf_path.exists():
        return [*out, about(reference, t("problem.doc.pdf_missing", lang))], reference
    pdf = pdf_path.read_bytes()
    seq, at = judged.get(reference, (0, ""))
    moment = datetime.fromisoformat(at) if at else None
    found = _check_pdf(pdf, snapshot, roots, lang, moment)
    if found and seq and moment is None:
        found.append(t("docs.pdf.judged_today", lang, seq=seq))
    out.extend(about(reference, p) for p in found)
    sealed = [e.seq for e in entries.values()
              if e.entity_id == reference and e.action == "document.pdf_signed"]  # fmt: skip
    if not sealed:
        rendered = documents.render_files(snapshot, (base / "signatures.json").read_bytes())
        if rendered != pdf:
            out.append(about(reference, t("problem.doc.not_rendering", lang)))
    elif rerender and not pdf.startswith(_first_revision(snapshot, sigs, min(sealed))):
        # The page both parties signed is the rendering of this snapshot, byte for byte.
        out.append(about(reference, t("docs.pdf.not_the_snapshot", lang)))
    if any(
        e.action == "document.pdf_signed" and e.entity_id == reference for e in entries.values()
    ):
        digest = hashlib.sha256(pdf).hexdigest()
        recorded = check_pdf_recorded(reference, digest, entries, lang)
        out.extend(about(reference, p) for p in recorded)
    return out, reference


def _first_revision(snapshot: bytes, sigs: dict[str, Any], sealed_at: int) -> bytes:
    """The unsigned PDF as rendered when it was first sealed (journal event `sealed_at`):
    the snapshot with the signatures made before that event."""
    earlier = {**sigs, "signatures": [x for x in sigs.get("signatures", [])
                                      if int(x.get("journal_seq", 0)) < sealed_at]}  # fmt: skip
    return documents.render_files(snapshot, canonical_bytes(earlier))


def _check_pdf(
    pdf: bytes, snapshot: bytes, roots: tuple[bytes, ...], lang: str, at: datetime | None = None
) -> list[str]:
    from crisis.adapters.pades import pdf_attachments, validate_pdf, validate_timestamps

    try:
        files = pdf_attachments(pdf)
    except ValueError as exc:
        return [t("problem.doc.pdf_unreadable", lang, error=exc)]
    out: list[str] = []
    if files.get(documents.SNAPSHOT_NAME) != snapshot:
        out.append(t("problem.doc.pdf_other_snapshot", lang))
    try:
        found = validate_pdf(pdf, roots, at)
    except ValueError as exc:
        return [*out, str(exc)]
    for f in found:
        if not f.ok:
            out.append(t("problem.doc.pdf_signature", lang, field=f.field, signer=f.signer))
    if found and not found[-1].covers_whole_document:
        out.append(t("problem.doc.pdf_changed_after", lang))
    try:  # RFC 3161 document timestamps, judged like the signatures
        stamps = validate_timestamps(pdf, roots, at)
    except ValueError as exc:
        return [*out, str(exc)]
    out += [t("problem.doc.timestamp", lang, field=x.field, authority=x.authority)
            for x in stamps if not x.ok]  # fmt: skip
    return out


def _trust_roots(
    bundle: Path, manifest: dict[str, Any], problems: list[str]
) -> list[tuple[str, bytes]]:
    """(fingerprint, PEM) of the local authority and of every trust root the manifest lists."""
    from crisis.adapters.pades import certificate_fingerprint

    names = ([AUTHORITY] if (bundle / AUTHORITY).exists() else []) + [
        str(n) for n in manifest.get("trust_roots", [])
    ]
    out: list[tuple[str, bytes]] = []
    for name in names:
        try:
            pem = (bundle / name).read_bytes()
        except OSError:
            continue  # reported as removed
        try:
            fingerprint = certificate_fingerprint(pem)
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
            continue
        if name.startswith(f"{TRUST}/") and name != f"{TRUST}/{fingerprint}.pem":
            problems.append(f"{name}: holds the certificate {fingerprint}, not the one it names")
        out.append((fingerprint, pem))
    return out


def _carried_keys(bundle: Path, problems: list[str]) -> set[str]:
    """The checkpoint keys the exporting station had pinned, as the bundle carries them."""
    if not (bundle / CHECKPOINT_KEYS).exists():
        return set()  # reported as removed when the manifest lists it
    keys = _read_json(bundle, CHECKPOINT_KEYS, problems)
    if not isinstance(keys, list):
        problems.append(f"{CHECKPOINT_KEYS} is not a list of keys")
        return set()
    return {str(k) for k in keys}


def _relevant(action: Any) -> bool:
    return str(action).startswith("document.") or action == "operator.added"


def _events(bundle: Path, problems: list[str]) -> list[tuple[Any, ...]]:
    try:
        text = (bundle / EVENTS).read_text("utf-8")
    except OSError:
        problems.append(f"journal: {EVENTS} is missing")
        return []
    rows: list[tuple[Any, ...]] = []
    for n, line in enumerate(text.splitlines(), 1):
        try:
            row = json.loads(line)
        except ValueError:
            row = None
        if not isinstance(row, list) or len(row) != len(EVENT_COLUMNS):
            problems.append(f"journal: line {n} of {EVENTS} is not an event")
            continue
        rows.append(tuple(row))
    return rows


def _read_json(bundle: Path, name: str, problems: list[str]) -> Any:
    try:
        return json.loads((bundle / name).read_bytes())
    except (OSError, ValueError):
        problems.append(f"{name} is missing or not JSON")
        return None


def _files(root: Path) -> Iterator[Path]:
    return (p for p in root.rglob("*") if p.is_file())


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
