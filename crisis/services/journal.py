"""Use cases on the journal: verify the chain, issue signed checkpoints, browse events."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from crisis.adapters.signing import SigningKey, load_or_create, valid_public_key, verify_signature
from crisis.config import data_dir
from crisis.domain.journal_chain import ChainBreak, checkpoint_message
from crisis.errors import ConfigurationError, ValidationError, reason_of
from crisis.i18n import msg, t
from crisis.services.assets import event_view
from crisis.services.journal_walk import PARALLEL_FROM, walk_journal
from crisis.services.journaling import JOURNAL_TAIL, locked_head, utc_stamp
from crisis.services.views import EventView
from crisis.services.workspace import Workspace
from inventory.database import AFTER_COMMIT
from inventory.repo import journal as repo
from inventory.tables import JournalCheckpoint

EXPECTED_TRIGGERS = {
    "sqlite": {
        "journal_event_no_update",
        "journal_event_no_delete",
        "journal_checkpoint_no_update",
        "journal_checkpoint_no_delete",
    },
    "postgresql": {
        "journal_event_no_change",
        "journal_event_no_truncate",
        "journal_checkpoint_no_change",
        "journal_checkpoint_no_truncate",
    },
}


@dataclass(frozen=True, slots=True)
class CheckpointView:
    """A signed checkpoint."""

    size: int
    head_hash: str
    signed_at: str
    operator: str
    public_key: str
    signature: str


@dataclass(frozen=True, slots=True)
class JournalVerdict:
    """The outcome of `verify_journal`."""

    events: int
    head_hash: str
    checkpoints: int
    first_break: ChainBreak | None
    problems: tuple[str, ...]
    seconds: float
    #: Events after the last intact, trusted checkpoint: nothing signed covers them yet.
    uncovered: int = 0

    @property
    def ok(self) -> bool:
        """True when the chain, every checkpoint and the guards are intact."""
        return not self.problems


def default_key_path() -> Path:
    """Where this installation's journal checkpoint key lives."""
    return data_dir() / "keys" / "journal-checkpoint.ed25519.pem"


def pinned_keys_path() -> Path:
    """The checkpoint public keys this station trusts, kept outside the database."""
    return data_dir() / "keys" / "journal-checkpoint.trusted"


def witness_path() -> Path:
    """The checkpoints this station signed, kept outside the database: a checkpoint deleted
    from the database is still known here."""
    return data_dir() / "keys" / "journal-checkpoints.witness.jsonl"


def database_id(ws: Workspace) -> str:
    """The database a checkpoint belongs to, as the witness names it (no password)."""
    return ws.db.engine.url.render_as_string(hide_password=True)


def _witness(ws: Workspace, cp: CheckpointView) -> None:
    record = {"database": database_id(ws), **{f: getattr(cp, f) for f in CheckpointView.__slots__}}
    path = witness_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, sort_keys=True) + "\n")


def witness_again(ws: Workspace, checkpoints: Collection[CheckpointView]) -> None:
    """Record in this station's witness, for the database of `ws`, the `checkpoints` known
    to have been signed on the inventory it now holds (a restored copy), once each."""
    have = {c.signature for c in witnessed(witness_path(), database_id(ws))}
    for cp in checkpoints:
        if cp.signature not in have:
            _witness(ws, cp)
            have.add(cp.signature)


def witnessed(path: Path, here: str) -> list[CheckpointView]:
    """The checkpoints the witness file `path` records for the database named `here`
    (unreadable lines are skipped)."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        return []
    out: list[CheckpointView] = []
    discarded: set[str] = set()
    for line in lines:
        try:
            r = json.loads(line)
            if r.pop("database") != here:
                continue
            if "discarded" in r:
                discarded.update(r["discarded"])
            else:
                out.append(CheckpointView(**r))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return [c for c in out if c.signature not in discarded]


def witness_restore(ws: Workspace, backup_sha256: str) -> tuple[CheckpointView, ...]:
    """After a backup was restored over the database of `ws`: record in the witness that
    the checkpoints it knew and the restored journal does not hold were discarded by that
    restore (so they are not reported deleted). Returns them."""
    with ws.db.session() as s:
        kept = {c.signature for c in repo.checkpoints(s)}
    gone = tuple(c for c in witnessed(witness_path(), database_id(ws)) if c.signature not in kept)
    if gone:
        record = {
            "database": database_id(ws),
            "discarded": sorted(c.signature for c in gone),
            "restored_at": utc_stamp(),
            "backup_sha256": backup_sha256,
        }
        with witness_path().open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, sort_keys=True) + "\n")
    return gone


def pinned_keys(path: Path | None = None) -> frozenset[str]:
    """The pinned checkpoint public keys (hex) in `path` (default: this station's,
    `pinned_keys_path`); none when the file does not exist."""
    try:
        lines = (path or pinned_keys_path()).read_text("utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(w for line in lines if (w := line.split("#", 1)[0].strip()))


def pin_key(public_hex: str) -> bool:
    """Trust checkpoints signed by `public_hex` on this station; False when already pinned.

    Raises:
        ValidationError: not an Ed25519 public key in hex.
    """
    key = public_hex.strip().lower()
    if not valid_public_key(key):
        raise ValidationError(
            msg("error.journal.not_a_key", key=public_hex),
            where="public key",
        )
    if key in pinned_keys():
        return False
    path = pinned_keys_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(f"{key}  # pinned {utc_stamp()}\n")
    return True


def trust_key(ws: Workspace, public_hex: str) -> bool:
    """An operator pins a checkpoint key on this station (see `pin_key`); auditors may not."""
    ws.acting_operator()
    return pin_key(public_hex)


def issue_checkpoint(
    ws: Workspace, key_path: Path | None = None, passphrase: str | None = None
) -> CheckpointView:
    """Sign (log size, head hash) now and store the checkpoint.

    The key is created on first use (owner-only file, encrypted with `passphrase` when one is
    given). The station's first key is pinned (`pinned_keys_path`); any other key must have
    been pinned by `pin_key` first: a new key is never trusted silently.

    Raises:
        ConfigurationError: the key cannot be opened, or it is not pinned on this station.
    """
    operator = ws.acting_operator()
    key = _station_key(key_path, passphrase)
    with ws.db.session(write=True) as s:
        size, head = locked_head(s)
        view = _sign(s, key, size, head, operator)
    _witness(ws, view)
    return view


def _station_key(key_path: Path | None, passphrase: str | None) -> SigningKey:
    """This station's checkpoint key, created and pinned on first use.

    Raises:
        ConfigurationError: the key cannot be opened, or it is not pinned on this station.
    """
    path = key_path or default_key_path()
    try:
        key, _created = load_or_create(path, passphrase.encode("utf-8") if passphrase else None)
    except ConfigurationError as exc:
        raise ConfigurationError(
            msg("error.journal.checkpoint_key", error=reason_of(exc))
        ) from None
    pinned = pinned_keys()
    if not pinned:
        pin_key(key.public_hex)
    elif key.public_hex not in pinned:
        raise ConfigurationError(
            msg(
                "error.journal.key_not_pinned",
                path=str(path),
                key=key.public_hex,
                pinned=str(pinned_keys_path()),
            )
        )
    return key


def _sign(s: Session, key: SigningKey, size: int, head: str, operator: str) -> CheckpointView:
    """Sign (size, head) now and add the checkpoint to the session's transaction."""
    at = utc_stamp()
    cp = JournalCheckpoint(
        size=size,
        head_hash=head,
        signed_at=at,
        operator=operator,
        public_key=key.public_hex,
        signature=key.sign(checkpoint_message(size, head, at)),
    )
    repo.add_checkpoint(s, cp)
    return _cp_view(cp)


class _Sealer:
    """Signs a checkpoint of the journal's new tail inside each transaction that journaled.

    The checkpoint commits (or rolls back) with the change it covers, so no committed event
    is ever left uncovered; it is written to the witness once the commit succeeded. The key
    is opened once, on the first change: a key that does not open refuses the change.
    """

    def __init__(self, ws: Workspace, key_path: Path | None, passphrase: str | None) -> None:
        self._ws = ws
        self._key_path = key_path
        self._passphrase = passphrase
        self._key: SigningKey | None = None
        self._lock = threading.Lock()

    def __call__(self, s: Session) -> None:
        tail = s.info.pop(JOURNAL_TAIL, None)
        if tail is None:
            return
        size, head, operator = tail
        with self._lock:
            if self._key is None:
                self._key = _station_key(self._key_path, self._passphrase)
            key = self._key
        view = _sign(s, key, size, head, operator)
        s.info.setdefault(AFTER_COMMIT, []).append(lambda: _witness(self._ws, view))


def automatic_checkpoints(
    ws: Workspace, passphrase: str | None = None, key_path: Path | None = None
) -> None:
    """From now on, every transaction of `ws` that journals also signs a checkpoint of it.

    Front ends turn this on (each CLI command, each TUI action, the demo), so the journal's
    tail is always covered by a signature made with this station's key (`_station_key`).

    Args:
        passphrase: the checkpoint key's passphrase (``CRISIS_CHECKPOINT_PASSPHRASE``).
        key_path: the key file; default :func:`default_key_path`.
    """
    ws.sealer = _Sealer(ws, key_path, passphrase)


def verify_journal(
    ws: Workspace,
    trusted_keys: Collection[str] = (),
    lang: str = "en",
    parallel_from: int = PARALLEL_FROM,
    witness: Collection[CheckpointView] | None = None,
) -> JournalVerdict:
    """Walk the whole chain and check every checkpoint, the head and the append-only guards.

    Args:
        trusted_keys: public keys (hex) whose checkpoints are trusted; by default the keys
            pinned on this station (`pinned_keys`). A checkpoint signed by any other key is
            reported.
        lang: the language of the problems (reports pass `crisis.i18n.default_language()`).
        parallel_from: from this many events, the chain's halves are walked at once.
        witness: the checkpoints known to have been signed on this database; by default
            those this station's witness file records (`witness_path`).
    """
    started = time.perf_counter()
    problems: list[str] = []
    trusted = frozenset(trusted_keys) or pinned_keys()
    with ws.db.session() as s:
        cps = [_cp_view(c) for c in repo.checkpoints(s)]
        try:
            head_seq, head_hash = repo.head(s)
        except repo.JournalHeadMissingError:
            head_seq, head_hash = -1, ""
    stored = {c.signature for c in cps}
    known = witnessed(witness_path(), database_id(ws)) if witness is None else witness
    deleted = [w for w in known if w.signature not in stored]
    report = walk_journal(ws.db, head_seq, {c.size for c in cps + deleted}, parallel_from)
    with ws.db.engine.connect() as conn:
        missing = EXPECTED_TRIGGERS[conn.dialect.name] - repo.append_only_triggers(conn)
    if head_seq < 0:
        problems.append(t("harden.journal.head_missing", lang, count=report.count))
    if report.first_break:
        b = report.first_break
        kind = t(f"problem.chain.{b.kind}", lang)
        problems.append(t("problem.journal.break", lang, seq=b.seq, kind=kind, detail=b.detail))
    elif head_seq >= 0 and (head_seq, head_hash) != (report.count, report.head_hash):
        problems.append(
            t("problem.journal.head_removed", lang, head=head_seq, count=report.count,
              first=report.count + 1)
            if head_seq > report.count
            else t("problem.journal.head_short", lang, head=head_seq, count=report.count)
        )  # fmt: skip
    covered = 0
    for c in cps + deleted:
        if c in deleted:
            label = t("problem.checkpoint.label", lang, at=c.signed_at, size=c.size)
            problems.append(t("problem.checkpoint.deleted", lang, label=label, path=witness_path()))
        found = _check_checkpoint(
            c, report.count, report.hashes_at, trusted, report.first_break, lang
        )
        problems.extend(found)
        if not found and c not in deleted and report.first_break is None:
            covered = max(covered, c.size)
    if missing:
        problems.append(t("problem.journal.guards", lang, names=", ".join(sorted(missing))))
    return JournalVerdict(
        events=report.count,
        head_hash=report.head_hash,
        checkpoints=len(cps),
        first_break=report.first_break,
        problems=tuple(problems),
        seconds=time.perf_counter() - started,
        uncovered=report.count - covered,
    )


def _check_checkpoint(
    c: CheckpointView,
    count: int,
    hashes_at: dict[int, str],
    trusted: Collection[str],
    brk: ChainBreak | None,
    lang: str,
) -> list[str]:
    label = t("problem.checkpoint.label", lang, at=c.signed_at, size=c.size)
    out: list[str] = []
    if not verify_signature(
        c.public_key, checkpoint_message(c.size, c.head_hash, c.signed_at), c.signature
    ):
        out.append(t("problem.checkpoint.signature", lang, label=label))
    if c.public_key not in trusted:
        out.append(
            t("problem.checkpoint.untrusted", lang, label=label, public_key=c.public_key[:16],
              path=pinned_keys_path())
        )  # fmt: skip
    if brk is not None and c.size >= brk.seq:
        return out  # the chain is already reported broken before this point
    if c.size > count:
        out.append(t("problem.checkpoint.truncated", lang, label=label, size=c.size, count=count))
    elif c.size and hashes_at.get(c.size) != c.head_hash:
        out.append(t("problem.checkpoint.rewritten", lang, label=label, size=c.size))
    return out


def _cp_view(c: JournalCheckpoint) -> CheckpointView:
    return CheckpointView(c.size, c.head_hash, c.signed_at, c.operator, c.public_key, c.signature)


def recent_events(ws: Workspace, limit: int = 100) -> list[EventView]:
    """The newest events, newest first."""
    with ws.db.session() as s:
        return [event_view(e) for e in repo.latest(s, limit)]
