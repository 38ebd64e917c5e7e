"""Backups of the whole station (inventory, keys, witness, authority) and checked restores."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from crisis.adapters import backup_crypto, pg_tools
from crisis.config import data_dir
from crisis.domain.roles import Role
from crisis.errors import ConfigurationError, PermissionDeniedError, ValidationError
from crisis.i18n import msg
from crisis.services import journal
from crisis.services.journaling import Change, record, utc_stamp
from crisis.services.workspace import Workspace
from inventory.copies import scratch_database, sqlite_replace, sqlite_snapshot
from inventory.migrate import upgrade_to_head
from inventory.repo import journal as journal_repo

FORMAT = "crisis-kit backup v1"
MANIFEST = "manifest.json"
SQLITE_NAME = "database/inventory.sqlite3"
PG_NAME = "database/inventory.pgdump"
#: The folders of the data directory a backup carries: the checkpoint key, pinned keys and
#: witness (``keys``), the local certification authority and kept trust roots (``pki``).
DATA_FOLDERS = ("keys", "pki")


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What `make_backup` wrote."""

    path: str
    bytes: int
    sha256: str
    events: int
    files: int


@dataclass(frozen=True, slots=True)
class BackupCheck:
    """What a backup holds and whether it checks out (journal, checkpoints, documents)."""

    made_at: str
    made_by: str
    dialect: str
    events: int
    checkpoints: int
    uncovered: int
    documents: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Every file as the manifest says, the journal intact, every document checks out."""
        return not self.problems


@dataclass(frozen=True, slots=True)
class LastBackup:
    """The last backup made of this inventory, as journaled."""

    at: datetime
    operator: str
    file: str
    sha256: str


def make_backup(ws: Workspace, target: Path, passphrase: str) -> BackupSummary:
    """Write an encrypted, consistent copy of the inventory and of the data directory's keys,
    witness and authority to `target`, then journal it.

    The copy is written beside `target` and renamed over it only once complete and on disk:
    a process killed part-way leaves the previous backup as it was.

    Raises:
        ValidationError: `target` is a folder, a symbolic link, a file that is not a backup,
            or in a folder that does not exist; the passphrase is too short.
        ConfigurationError, PeerError: the database cannot be copied (pg_dump).
    """
    operator = ws.acting_operator()
    _check_passphrase(passphrase)
    _check_target(target)
    with _staging() as stage:
        files = _stage_database(ws, stage)
        for folder in DATA_FOLDERS:
            files += _stage_folder(data_dir() / folder, stage, f"data/{folder}")
        manifest = {
            "format": FORMAT,
            "made_at": utc_stamp(),
            "made_by": operator,
            "dialect": ws.db.dialect,
            "database": journal.database_id(ws),
            "files": {name: _sha256(stage / name) for name in sorted(files)},
        }
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), "utf-8")
        digest, size = _write_encrypted(stage, [*sorted(files), MANIFEST], target, passphrase)
    with ws.db.session(write=True) as s:
        seq, _ = journal_repo.head(s)
        after = {"file": target.name, "sha256": digest, "bytes": size}
        record(s, operator, [Change("backup.made", "backup", "inventory", None, after)])
    return BackupSummary(str(target), size, digest, seq, len(files))


def check_backup(ws: Workspace, source: Path, passphrase: str, lang: str = "en") -> BackupCheck:
    """Open the backup `source` in a private folder and check it, changing nothing (a
    PostgreSQL dump is checked in a scratch database on the server of `ws`).

    Raises:
        ValidationError: not a backup, or its files are not those its manifest lists.
        VaultError: wrong passphrase, or the file was altered or cut short.
    """
    with _staging() as stage, _opened(source, passphrase, stage) as manifest:
        return _check_opened(ws, stage, manifest, lang)[0]


def restore_backup(ws: Workspace, source: Path, passphrase: str, lang: str = "en") -> BackupCheck:
    """Check the backup `source`, then put it in place of this workspace's inventory and add
    its keys, pinned keys, witness and authority to the data directory.

    Nothing is replaced unless the whole backup checks out (journal, checkpoints, document
    hashes and signatures). The database is replaced in one transaction (SQLite's backup
    API, or ``pg_restore --single-transaction``); files already in the data directory are
    kept (pinned keys and witness lines are merged).

    Raises:
        PermissionDeniedError: operators are registered and the operator is not an admin.
        ValidationError: the backup does not check out (each problem named); nothing changed.
        VaultError: wrong passphrase, or the file was altered.
    """
    operator = ws.acting_operator()
    role = ws.operator_role()
    if role is not None and role is not Role.ADMIN:
        raise PermissionDeniedError(
            msg("error.backup.admin_only", name=ws.operator.strip(), role=msg(f"role.{role.value}"))
        )
    with _staging() as stage, _opened(source, passphrase, stage) as manifest:
        verdict, checked = _check_opened(ws, stage, manifest, lang)
        if not verdict.ok:
            raise ValidationError(
                msg("error.backup.does_not_check", problems="; ".join(verdict.problems)),
                where=str(source),
            )
        if manifest["dialect"] != ws.db.dialect:
            raise ValidationError(
                msg("error.backup.dialect", backup=str(manifest["dialect"]), here=ws.db.dialect),
                where=str(source),
            )
        with ws.db.session() as s:
            previous = journal_repo.head(s)
        if ws.db.dialect == "sqlite":
            sqlite_replace(ws.db.engine, checked)
        else:
            pg_tools.restore(checked, ws.db.url)
            upgrade_to_head(ws.db.engine)
        for folder in DATA_FOLDERS:
            _merge_folder(stage / "data" / folder, data_dir() / folder)
        digest = _sha256(source)
        gone = journal.witness_restore(ws, digest)
        journal.witness_again(ws, _witness_of(stage, manifest))
    after = {
        "file": source.name,
        "sha256": digest,
        "made_at": manifest["made_at"],
        "made_by": manifest["made_by"],
        "discarded_checkpoints": len(gone),
        "replaced_journal": {"size": previous[0], "head": previous[1]},
    }
    with ws.db.session(write=True) as s:
        record(s, operator, [Change("backup.restored", "backup", "inventory", None, after)])
    return verdict


def last_backup(s: Session) -> LastBackup | None:
    """The last backup journaled in this inventory, if any (read in the caller's session)."""
    e = journal_repo.last_event(s, "backup", "inventory", ("backup.made",))
    if e is None:
        return None
    after: dict[str, Any] = json.loads(e.after)
    file, digest = str(after.get("file", "")), str(after.get("sha256", ""))
    return LastBackup(last_backup_at(e.at), e.operator, file, digest)


def last_backup_at(at: str) -> datetime:
    """The journaled time of a backup, as an aware UTC datetime."""
    return datetime.fromisoformat(at)


# --- writing --------------------------------------------------------------------------------


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < 12:
        raise ValidationError(msg("error.backup.passphrase_short"), where="passphrase")


def _check_target(target: Path) -> None:
    try:
        _check_target_path(target)
    except (OSError, ValueError) as exc:
        raise ValidationError(
            msg("error.backup.file_name", error=str(exc)), where=repr(str(target))
        ) from None


def _check_target_path(target: Path) -> None:
    if target.is_symlink():
        raise ValidationError(msg("error.backup.symlink"), where=str(target))
    if target.is_dir():
        raise ValidationError(msg("error.backup.folder"), where=str(target))
    if not target.parent.is_dir():
        raise ValidationError(
            msg("error.output.no_folder", folder=str(target.parent)), where=str(target)
        )
    if target.exists() and not backup_crypto.is_backup(target):
        raise ValidationError(msg("error.backup.not_a_backup"), where=str(target))


@contextmanager
def _staging() -> Iterator[Path]:
    """A private folder in the data directory (owner only), removed afterwards."""
    base = data_dir()
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".backup-", dir=base))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _stage_database(ws: Workspace, stage: Path) -> list[str]:
    (stage / "database").mkdir()
    if ws.db.dialect == "sqlite":
        sqlite_snapshot(ws.db.engine, stage / SQLITE_NAME)
        return [SQLITE_NAME]
    pg_tools.dump(ws.db.url, stage / PG_NAME)
    return [PG_NAME]


def _stage_folder(folder: Path, stage: Path, prefix: str) -> list[str]:
    """Copy the regular files under `folder` into the stage (symbolic links are skipped)."""
    names: list[str] = []
    if not folder.is_dir():
        return names
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.name.startswith(".backup-"):
            continue
        name = f"{prefix}/{path.relative_to(folder).as_posix()}"
        (stage / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, stage / name)
        names.append(name)
    return names


def _write_encrypted(
    stage: Path, names: list[str], target: Path, passphrase: str
) -> tuple[str, int]:
    """Encrypt a tar of `names` into a temporary file beside `target`, on disk (fsync), then
    rename it over `target` and sync the folder. Returns the file's SHA-256 and size."""
    try:
        fd, partial_name = tempfile.mkstemp(prefix=f".{target.name}.partial-", dir=target.parent)
    except OSError as exc:
        raise ValidationError(
            msg("error.backup.cannot_write", reason=exc.strerror or ""), where=str(target)
        ) from None
    partial = Path(partial_name)
    try:
        with os.fdopen(fd, "wb") as out:
            writer = backup_crypto.EncryptingWriter(out, passphrase)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                for name in names:
                    tar.add(stage / name, arcname=name, recursive=False)
            writer.finish()
            out.flush()
            os.fsync(out.fileno())
        digest, size = _sha256(partial), partial.stat().st_size
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ValidationError(
            msg("error.backup.cannot_write", reason=exc.strerror or ""), where=str(target)
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return digest, size


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- reading --------------------------------------------------------------------------------


@contextmanager
def _opened(source: Path, passphrase: str, stage: Path) -> Iterator[dict[str, Any]]:
    """Decrypt and unpack `source` into `stage`; yields its manifest, once every file was
    found as the manifest lists it (and nothing else)."""
    payload = stage / "payload.tar"
    try:
        with payload.open("wb") as out:
            backup_crypto.decrypt_to(source, out, passphrase)
    except OSError as exc:
        raise ValidationError(
            msg("error.backup.cannot_open", reason=exc.strerror or ""), where=str(source)
        ) from None
    tree = stage / "tree"
    tree.mkdir()
    try:
        with tarfile.open(payload, mode="r:") as tar:
            tar.extractall(tree, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise ValidationError(
            msg("error.backup.damaged", error=str(exc)), where=str(source)
        ) from None
    payload.unlink()
    try:
        manifest: dict[str, Any] = json.loads((tree / MANIFEST).read_text("utf-8"))
        listed: dict[str, str] = manifest["files"]
        if manifest.get("format") != FORMAT:
            raise ValueError(manifest.get("format"))
    except (OSError, ValueError, KeyError, TypeError):
        raise ValidationError(msg("error.backup.no_manifest"), where=str(source)) from None
    found = {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()} - {MANIFEST}
    wrong = sorted(set(listed) ^ found) + sorted(
        n for n in set(listed) & found if _sha256(tree / n) != listed[n]
    )
    if wrong:
        raise ValidationError(
            msg("error.backup.files_differ", files=", ".join(wrong)), where=str(source)
        )
    for child in tree.iterdir():
        child.rename(stage / child.name)
    yield manifest


def _check_opened(
    ws: Workspace, stage: Path, manifest: dict[str, Any], lang: str
) -> tuple[BackupCheck, Path]:
    """Check the unpacked copy's journal (against its own pinned keys and witness) and
    documents; a PostgreSQL dump is loaded for that into a scratch database on the server of
    `ws`, dropped afterwards. Returns the verdict and the file to restore (an SQLite copy
    brought to the current schema, or the PostgreSQL dump)."""
    from crisis.services.verification import verify_stored_documents

    trusted = journal.pinned_keys(stage / "data" / "keys" / journal.pinned_keys_path().name)
    witness = _witness_of(stage, manifest)
    pki = stage / "data" / "pki"
    roots = [p.read_bytes() for p in sorted(pki.glob("ca.cert.pem"))] + [
        p.read_bytes() for p in sorted((pki / "trusted").glob("*.pem"))
    ]

    def check(url: str) -> BackupCheck:
        ws = Workspace(url=url)
        try:
            v = journal.verify_journal(ws, trusted_keys=trusted, lang=lang, witness=witness)
            docs = verify_stored_documents(ws, roots, lang)
        finally:
            ws.db.dispose()
        problems = v.problems + docs.problems
        if not trusted:
            problems += ("the backup carries no pinned checkpoint key",)
        return BackupCheck(
            str(manifest["made_at"]), str(manifest["made_by"]), str(manifest["dialect"]),
            v.events, v.checkpoints, v.uncovered, docs.documents, problems,
        )  # fmt: skip

    if manifest["dialect"] == "sqlite":
        copy = stage / SQLITE_NAME
        return check(str(copy)), copy
    if ws.db.dialect != "postgresql":
        raise ValidationError(msg("error.backup.postgres_needed"))
    dump = stage / PG_NAME
    try:
        with scratch_database(ws.db.engine) as url:
            pg_tools.restore(dump, url)
            return check(url), dump
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise ConfigurationError(msg("error.backup.scratch", reason=reason)) from None


def _witness_of(stage: Path, manifest: dict[str, Any]) -> list[journal.CheckpointView]:
    """The checkpoints the backup's witness records for the database it copied."""
    path = stage / "data" / "keys" / journal.witness_path().name
    return journal.witnessed(path, str(manifest["database"]))


def _merge_folder(source: Path, dest: Path) -> None:
    """Add the backup's files to the data directory: a file not there is copied (owner
    only); lines of the pinned keys and the witness are merged; any other file already there
    is kept as it is."""
    if not source.is_dir():
        return
    merged = {journal.pinned_keys_path().name, journal.witness_path().name}
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        out = dest / path.relative_to(source)
        out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not out.exists():
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(path.read_bytes())
        elif out.name in merged:
            have = set(out.read_text("utf-8").splitlines())
            new = [ln for ln in path.read_text("utf-8").splitlines() if ln not in have]
            if new:
                with out.open("a", encoding="utf-8") as f:
                    f.write("".join(f"{ln}\n" for ln in new))
