"""`crisis journal verify` over 1,000,000 events, against hashing the same bytes with hashlib.

Run: .venv/bin/python -m bench.journal_verify [N]
Goal (issue 2): at least 200,000 events/s.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import tempfile
from pathlib import Path

from bench.common import timed
from crisis.domain.journal_chain import GENESIS_HASH, chain_hash, encode_event
from crisis.services.journal import verify_journal
from crisis.services.workspace import open_workspace


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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "journal.sqlite3"
        encoded = fill(db, n)
        with timed() as base:
            prev = bytes.fromhex(GENESIS_HASH)
            for e in encoded:
                h = hashlib.sha256(prev)
                h.update(e)
                prev = h.digest()
        ws = open_workspace(str(db), "bench")
        with timed() as ours:
            verdict = verify_journal(ws)
        assert verdict.ok, verdict.problems
        assert verdict.events == n
    print(f"journal verify over {n:,} events (SQLite)")
    print(f"{'':36}{'seconds':>10}{'events/s':>12}")
    print(f"{'hashlib alone, same bytes in memory':36}{base[0]:>10.2f}{n / base[0]:>12,.0f}")
    print(f"{'crisis journal verify (read + chain)':36}{ours[0]:>10.2f}{n / ours[0]:>12,.0f}")
    print(f"ratio ours/hashlib: {ours[0] / base[0]:.1f}x; goal >= 200,000 events/s")


if __name__ == "__main__":
    main()
