"""The credential handover: a town's secrets sealed for its correspondent, and a printable sheet."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crisis.adapters.vault_crypto import open_package, seal_package
from crisis.errors import ValidationError, VaultError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.output_files import write_output
from crisis.services.towns import find_town
from crisis.services.vault import open_secret, ref_of, unlocked_key
from crisis.services.workspace import Workspace
from inventory.repo import vault as repo
from inventory.tables import Secret


@dataclass(frozen=True, slots=True)
class HandoverItem:
    """One line of a handover sheet: what a secret opens, never its value."""

    owner_type: str
    owner_id: str
    name: str
    kind: str
    login: str
    version: int


@dataclass(frozen=True, slots=True)
class HandoverExport:
    """What `export_handover` wrote."""

    organisation: str
    package: Path
    sheet: Path
    sha256: str
    recipient: str
    items: tuple[HandoverItem, ...]
    seq: int


@dataclass(frozen=True, slots=True)
class OpenedSecret:
    """A secret read back from a handover package, on the town's side."""

    owner_type: str
    owner_id: str
    name: str
    kind: str
    login: str
    value: str


def export_handover(
    ws: Workspace,
    organisation: str,
    out_dir: Path,
    *,
    passphrase: str | None = None,
    public_key: str | None = None,
) -> HandoverExport:
    """Seal a town's secrets for its correspondent and write the package and its sheet.

    Args:
        organisation: the town, by name or INSEE code.
        out_dir: where the package (``.crisis-package``) and the sheet (``.md``) go.
        passphrase: a passphrase the town chose, or
        public_key: the town's X25519 public key (hex).

    Raises:
        NotFoundError: unknown organisation.
        ValidationError: the town has no secret in the vault.
        VaultError: the vault is locked or a secret does not open (nothing is written).
    """
    operator = ws.acting_operator()
    if passphrase is not None and len(passphrase) < 12:
        raise ValidationError(msg("error.handover.passphrase_short"))
    with ws.db.session(write=True) as s:
        key = unlocked_key(ws, s)
        org = find_town(s, organisation)
        assert org.id is not None
        secrets = list(repo.secrets(s, org.id))
        if not secrets:
            raise ValidationError(msg("error.handover.nothing", organisation=org.name))
        now = datetime.now(UTC)
        items = tuple(_item(sec) for sec in secrets)
        payload = {
            "organisation": org.name,
            "insee_code": org.insee_code,
            "exported_at": now.isoformat(),
            "secrets": [
                {**_item_json(it), "value": open_secret(key, sec).decode("utf-8")}
                for it, sec in zip(items, secrets, strict=True)
            ],
        }
        package = seal_package(
            json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            passphrase=passphrase,
            public_key=public_key,
        )
        digest = hashlib.sha256(package).hexdigest()
        recipient = (
            "passphrase chosen by the town"
            if passphrase is not None
            else f"X25519 key {public_key}"
        )
        stem = f"handover-{org.insee_code or org.id}-{now.strftime('%Y%m%dT%H%M%SZ')}"
        out_dir.mkdir(parents=True, exist_ok=True)
        pkg_path, sheet_path = out_dir / f"{stem}.crisis-package", out_dir / f"{stem}.md"
        seq = record(
            s,
            operator,
            [
                Change(
                    "vault.handover_exported",
                    "organisation",
                    org.name,
                    None,
                    {
                        "package": pkg_path.name,
                        "sha256": digest,
                        "recipient": recipient,
                        "secrets": [str(ref_of(sec)) for sec in secrets],
                    },
                )
            ],
        )
        sheet = handover_sheet(
            org.name,
            org.insee_code,
            repo.correspondent_name(s, org.id),
            operator,
            now,
            pkg_path.name,
            digest,
            recipient,
            items,
            seq,
        )
        try:
            write_output(pkg_path, package, force=False)  # never through a link
            write_output(sheet_path, sheet.encode("utf-8"), force=False)
        except OSError as exc:
            pkg_path.unlink(missing_ok=True)
            raise ValidationError(
                msg("error.handover.cannot_write", reason=exc.strerror or "")
            ) from None
    return HandoverExport(org.name, pkg_path, sheet_path, digest, recipient, items, seq)


def open_handover(
    package: Path,
    *,
    passphrase: str | None = None,
    private_key: str | None = None,
    private_key_file: Path | None = None,
) -> tuple[OpenedSecret, ...]:
    """Read a handover package with the town's passphrase or X25519 private key.

    Args:
        package: the ``.crisis-package`` file.
        passphrase: the passphrase the town chose, or
        private_key: its X25519 private key (hex), or
        private_key_file: a file holding that hex key.

    Raises:
        VaultError: unreadable file, wrong passphrase or key, or not a (valid) package.
    """
    try:
        data = package.read_bytes()
        if private_key_file is not None:
            private_key = private_key_file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        name = getattr(exc, "filename", None) or private_key_file or package
        raise VaultError(msg("error.handover.cannot_read", name=name)) from None
    doc = json.loads(open_package(data, passphrase=passphrase, private_key=private_key))
    return tuple(
        OpenedSecret(e["owner_type"], e["owner_id"], e["name"], e["kind"], e["login"], e["value"])
        for e in doc["secrets"]
    )


def handover_sheet(
    organisation: str,
    insee_code: str | None,
    correspondent: str,
    operator: str,
    at: datetime,
    package: str,
    sha256: str,
    recipient: str,
    items: tuple[HandoverItem, ...],
    seq: int,
) -> str:
    """The printable sheet (Markdown) listing what a package holds, never a secret."""
    lines = [
        f"# Remise des accès — {organisation}",
        "",
        f"- Commune : {organisation}" + (f" (INSEE {insee_code})" if insee_code else ""),
        f"- Correspondant : {correspondent or '____________________'}",
        f"- Exporté le : {at.strftime('%Y-%m-%d %H:%M:%S')} UTC par {operator}",
        f"- Paquet chiffré : `{package}`",
        f"- Empreinte SHA-256 : `{sha256}`",
        f"- Destinataire : {recipient}",
        f"- Événement du journal : n° {seq}",
        "",
        "Les mots de passe ne figurent pas sur cette fiche : ils sont dans le paquet chiffré, "
        "qui ne s'ouvre qu'avec la phrase secrète ou la clé choisie par la commune.",
        "",
        "| Propriétaire | Identifiant | Secret | Nature | Compte | Version |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {i.owner_type} | {i.owner_id} | {i.name} | {i.kind} | {i.login or '—'} | {i.version} |"
        for i in items
    ]
    lines += [
        "",
        f"{len(items)} secrets.",
        "",
        "| Pour le prêteur | Pour la commune |",
        "|---|---|",
        "| Nom, date, signature : | Nom, date, signature : |",
        "",
    ]
    return "\n".join(lines)


def _item(sec: Secret) -> HandoverItem:
    return HandoverItem(sec.owner_type, sec.owner_id, sec.name, sec.kind, sec.login, sec.version)


def _item_json(it: HandoverItem) -> dict[str, object]:
    return {
        "owner_type": it.owner_type,
        "owner_id": it.owner_id,
        "name": it.name,
        "kind": it.kind,
        "login": it.login,
        "version": it.version,
    }
