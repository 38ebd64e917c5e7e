"""Filtered page queries over N assets (100,000 by default; 1,000,000 for the goal): the
inventory list's filter, as ``crisis assets list`` and the TUI's inventory screen run it.

Run: .venv/bin/python -m bench.page_query [N [KEEP.sqlite3]]
Goal (issue 17): under 50 ms per filtered page at 1,000,000 assets, any filter.

Baseline, same run, same database: the same exact filter as plain ``LIKE`` with raw sqlite3,
a page of 200 by tag and the full count (what the filter did before its index). Ours: the
page with its count (capped at 1 000: "1 000+"), and the page alone as the TUI shows it
first (``count=False``). Best of 5 each. With KEEP, the inventory is built once in that
file and reused by later runs.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.common import best_cpu_of, load_average, write_csv
from crisis.domain.assets import AssetState, Category
from crisis.services.asset_import import import_csv
from crisis.services.assets import list_assets
from crisis.services.workspace import Workspace, open_workspace

#: (words, category, state): common, rare, absent, several words, under 3 characters
#: (no trigram: the fallback), a category or a state alone.
FILTERS: tuple[tuple[str, Category | None, AssetState | None], ...] = (
    ("", None, None),
    ("lenovo", None, None),
    ("b-00999", None, None),
    ("entrepôt 3 galaxy", None, None),
    ("zzz-no-match", None, None),
    ("s000012345", None, None),
    ("t1", None, None),
    ("zq", None, None),
    ("", Category.PHONE, None),
    ("", Category.SWITCH, None),
    ("lenovo", None, AssetState.DAMAGED),
)
PAGE = 200


@dataclass(frozen=True, slots=True)
class Line:
    """One filter's figures, in milliseconds."""

    label: str
    matches: str
    ours_ms: float
    ours_cpu_ms: float
    first_ms: float
    first_cpu_ms: float
    raw_ms: float
    raw_cpu_ms: float


def _raw(conn: sqlite3.Connection, words: str, category: str | None, state: str | None) -> None:
    conds, params = [], []
    for w in words.lower().split():
        conds.append("search LIKE ? ESCAPE '\\'")
        params.append("%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    for column, value in (("category", category), ("state", state)):
        if value:
            conds.append(f"{column} = ?")
            params.append(value)
    where = " AND ".join(conds) or "1"
    conn.execute(
        f"SELECT tag FROM asset WHERE {where} ORDER BY tag LIMIT {PAGE}", params
    ).fetchall()
    conn.execute(f"SELECT count(*) FROM asset WHERE {where}", params).fetchone()


def measure(ws: Workspace, db: Path, rounds: int = 5) -> list[Line]:
    """Each filter of FILTERS timed ours and raw, best of `rounds`."""
    raw = sqlite3.connect(db)
    lines = []
    for words, category, state in FILTERS:
        kw = {"category": category, "state": state}
        page = list_assets(ws, words, limit=PAGE, **kw)  # type: ignore[arg-type]
        ours = best_cpu_of(rounds, lambda: list_assets(ws, words, limit=PAGE, **kw))  # type: ignore[arg-type]  # noqa: B023
        first = best_cpu_of(rounds, lambda: list_assets(ws, words, limit=PAGE, count=False, **kw))  # type: ignore[arg-type]  # noqa: B023
        c, s = category.value if category else None, state.value if state else None
        base = best_cpu_of(rounds, lambda: _raw(raw, words, c, s))  # noqa: B023
        label = " ".join([repr(words)] + [f"{k}={v.value}" for k, v in kw.items() if v is not None])
        matches = f"{page.total:,}" + ("+" if page.total_capped else "")
        ms = [x * 1000 for x in (*ours, *first, *base)]
        lines.append(Line(label, matches, *ms))
    raw.close()
    return lines


def run(n: int, keep: Path | None = None, rounds: int = 5) -> list[Line]:
    """Build (or reuse) an inventory of `n` synthetic assets and measure every filter."""
    with tempfile.TemporaryDirectory() as tmp:
        db = keep or Path(tmp) / "inv.sqlite3"
        fresh = not db.exists()
        ws = open_workspace(str(db), "bench")
        if fresh:
            csv_path = Path(tmp) / "assets.csv"
            write_csv(csv_path, n)
            import_csv(ws, csv_path)
        try:
            return measure(ws, db, rounds)
        finally:
            ws.db.dispose()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    keep = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    lines = run(n, keep)
    print(f"page of {PAGE} + count over {n:,} assets, best of 5 (load average {load_average()})")
    print("ms: wall / CPU of this process; ratio ours/raw in CPU time")
    print(f"{'filter':36}{'matches':>9}{'ours':>13}{'page first':>13}{'raw LIKE':>13}{'ratio':>7}")
    for x in lines:
        ratio = x.ours_cpu_ms / x.raw_cpu_ms if x.raw_cpu_ms else float("nan")
        print(
            f"{x.label:36}{x.matches:>9}{x.ours_ms:>7.1f} /{x.ours_cpu_ms:>4.0f}"
            f"{x.first_ms:>7.1f} /{x.first_cpu_ms:>4.0f}{x.raw_ms:>7.1f} /{x.raw_cpu_ms:>4.0f}"
            f"{ratio:>7.2f}"
        )
    worst = max(lines, key=lambda x: x.ours_cpu_ms)
    print(
        f"slowest: {worst.label}: {worst.ours_ms:.1f} ms wall, {worst.ours_cpu_ms:.1f} ms CPU, "
        "with its count (goal < 50 ms)"
    )


if __name__ == "__main__":
    main()
