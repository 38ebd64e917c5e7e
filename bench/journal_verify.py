"""`crisis journal verify` over 1,000,000 events on ONE core, against hashing the same bytes
with hashlib alone.

Run: .venv/bin/python -m bench.journal_verify [N]
Goal (issue 17): at least 250,000 events/s on one core. The process is pinned to one core
for every measure (so the verify walks alone: no second process); the previous walk (every
field read and joined in Python) is measured too. Wall and CPU times are both printed: on a
shared machine the CPU time says what one core does.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from crisis.domain.journal_chain import GENESIS_HASH, chain_hash, encode_event, walk_chain
from crisis.services.journal import verify_journal
from crisis.services.workspace import open_workspace
from inventory.journal_rows import iter_rows

GOAL = 250_000


def fill(db: Path, n: int) -> list[bytes]:
    """Write `n` chained events straight into the journal table; return their encodings."""
    ws = open_workspace(str(db), "bench")
    ws.db.dispose()  # migrated
    encoded: list[bytes] = []
    rows = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        at = f"2026-11-22T10:{seq // 60 % 60:02d}:{seq % 60:02d}.000000+00:00"
        after = f'{{"state":"reserved","tag":"AMP-PC-{seq % 10000:04d}"}}'
        e = encode_event(seq, at, "bench", "asset.state_changed", "asset", f"T{seq}", "", after)
        h = chain_hash(prev, e)
        encoded.append(e)
        rows.append(
            (seq, at, "bench", "asset.state_changed", "asset", f"T{seq}", "", after, prev, h)
        )
        prev = h
    with sqlite3.connect(db) as c:
        c.executemany("INSERT INTO journal_event VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        c.execute("UPDATE journal_head SET seq = ?, hash = ?", (n, prev))
    return encoded


@dataclass(frozen=True, slots=True)
class Timing:
    wall: float
    cpu: float


@contextmanager
def one_core() -> Iterator[None]:
    """This process (and any it starts) on one core while the block runs."""
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def _time(fn: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def run(n: int) -> dict[str, Timing]:
    """Each measure's times over `n` events (the temporary database is removed after)."""
    out: dict[str, Timing] = {}
    with tempfile.TemporaryDirectory(prefix="crisis-bench-") as tmp, one_core():
        db = Path(tmp) / "journal.sqlite3"
        encoded = fill(db, n)

        def hashlib_alone() -> None:
            prev = bytes.fromhex(GENESIS_HASH)
            for e in encoded:
                h = hashlib.sha256(prev)
                h.update(e)
                prev = h.digest()

        def previous_walk() -> None:
            with sqlite3.connect(db) as c:
                assert walk_chain(iter_rows(c, False)).count == n

        ws = open_workspace(str(db), "bench")

        def ours() -> None:
            verdict = verify_journal(ws)
            assert verdict.ok, verdict.problems
            assert verdict.events == n

        out["hashlib alone, same bytes in memory"] = _time(hashlib_alone)
        out["previous walk (fields joined in Python)"] = _time(previous_walk)
        out["crisis journal verify"] = _time(ours)
        ws.db.dispose()
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    results = run(n)
    print(f"journal verify over {n:,} events (SQLite), one core, load {os.getloadavg()[0]:.1f}")
    print(f"{'':42}{'wall s':>8}{'events/s':>11}{'CPU s':>8}{'events/CPU s':>14}")
    for name, t in results.items():
        print(f"{name:42}{t.wall:>8.2f}{n / t.wall:>11,.0f}{t.cpu:>8.2f}{n / t.cpu:>14,.0f}")
    ours = results["crisis journal verify"]
    base = results["hashlib alone, same bytes in memory"]
    print(
        f"ratio ours/hashlib: {ours.wall / base.wall:.1f}x wall, {ours.cpu / base.cpu:.1f}x CPU;"
        f" goal >= {GOAL:,} events/s on one core: "
        + ("met" if n / ours.wall >= GOAL else "not met")
        + f" (wall), {'met' if n / ours.cpu >= GOAL else 'not met'} (CPU)"
    )


if __name__ == "__main__":
    main()
