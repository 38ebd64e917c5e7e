"""Use cases on the journal: verify the chain, issue signed checkpoints, browse events."""

from __future__ import annotations

import json
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from crisis.adapters.signing import load_or_create, valid_public_key, verify_signature
from crisis.config import data_dir
from crisis.domain.journal_chain import ChainBreak, checkpoint_message
from crisis.errors import ConfigurationError, ValidationError
from crisis.i18n import t
from crisis.services.assets import event_view
from crisis.services.journal_walk import PARALLEL_FROM, walk_journal
from crisis.services.journaling import utc_stamp
from crisis.services.views import EventView
from crisis.services.workspace import Workspace
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


def _database_id(ws: Workspace) -> str:
    """The database a checkpoint belongs to, as the witness names it (no password)."""
    return ws.db.engine.url.render_as_string(hide_password=True)


def _witness(ws: Workspace, cp: CheckpointView) -> None:
    record = {"database": _database_id(ws), **{f: getattr(cp, f) for f in CheckpointView.__slots__}}
    path = witness_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, sort_keys=True) + "\n")


def _witnessed(ws: Workspace) -> list[CheckpointView]:
    """The checkpoints this station signed on this database (unreadable lines are skipped)."""
    try:
        lines = witness_path().read_text("utf-8").splitlines()
    except FileNotFoundError:
        return []
    here = _database_id(ws)
    out: list[CheckpointView] = []
    for line in lines:
        try:
            r = json.loads(line)
            if r.pop("database") == here:
                out.append(CheckpointView(**r))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return out


def pinned_keys() -> frozenset[str]:
    """The pinned checkpoint public keys (hex); none when the file does not exist."""
    try:
        lines = pinned_keys_path().read_text("utf-8").splitlines()
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
            f"{public_hex!r} is not an Ed25519 public key (64 hexadecimal characters)",
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
    path = key_path or default_key_path()
    key, _created = load_or_create(path, passphrase.encode("utf-8") if passphrase else None)
    pinned = pinned_keys()
    if not pinned:
        pin_key(key.public_hex)
    elif key.public_hex not in pinned:
        raise ConfigurationError(
            f"the checkpoint key {path} ({key.public_hex}) is not pinned on this station "
            f"({pinned_keys_path()}): its checkpoints would not be trusted. If this key is "
            f"yours, pin it first: crisis journal trust {key.public_hex}"
        )
    with ws.db.session(write=True) as s:
        size, head = repo.lock_head(s)
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
        view = _cp_view(cp)
    _witness(ws, view)
    return view


def verify_journal(
    ws: Workspace,
    trusted_keys: Collection[str] = (),
    lang: str = "en",
    parallel_from: int = PARALLEL_FROM,
) -> JournalVerdict:
    """Walk the whole chain and check every checkpoint, the head and the append-only guards.

    Args:
        trusted_keys: public keys (hex) whose checkpoints are trusted; by default the keys
            pinned on this station (`pinned_keys`). A checkpoint signed by any other key is
            reported.
        lang: the language of the problems (reports pass `crisis.i18n.default_language()`).
        parallel_from: from this many events, the chain's halves are walked at once.
    """
    started = time.perf_counter()
    problems: list[str] = []
    trusted = frozenset(trusted_keys) or pinned_keys()
    with ws.db.session() as s:
        cps = [_cp_view(c) for c in repo.checkpoints(s)]
        head_seq, head_hash = repo.head(s)
    stored = {c.signature for c in cps}
    deleted = [w for w in _witnessed(ws) if w.signature not in stored]
    report = walk_journal(ws.db, head_seq, {c.size for c in cps + deleted}, parallel_from)
    with ws.db.engine.connect() as conn:
        missing = EXPECTED_TRIGGERS[conn.dialect.name] - repo.append_only_triggers(conn)
    if report.first_break:
        b = report.first_break
        kind = t(f"problem.chain.{b.kind}", lang)
        problems.append(t("problem.journal.break", lang, seq=b.seq, kind=kind, detail=b.detail))
    elif (head_seq, head_hash) != (report.count, report.head_hash):
        problems.append(
            t("problem.journal.head_removed", lang, head=head_seq, count=report.count,
              first=report.count + 1)
            if head_seq > report.count
            else t("problem.journal.head_short", lang, head=head_seq, count=report.count)
        )  # fmt: skip
    for c in cps + deleted:
        if c in deleted:
            label = t("problem.checkpoint.label", lang, at=c.signed_at, size=c.size)
            problems.append(t("problem.checkpoint.deleted", lang, label=label, path=witness_path()))
        problems.extend(
            _check_checkpoint(c, report.count, report.hashes_at, trusted, report.first_break, lang)
        )
    if missing:
        problems.append(t("problem.journal.guards", lang, names=", ".join(sorted(missing))))
    return JournalVerdict(
        events=report.count,
        head_hash=report.head_hash,
        checkpoints=len(cps),
        first_break=report.first_break,
        problems=tuple(problems),
        seconds=time.perf_counter() - started,
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
