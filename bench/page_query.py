"""Filtered page queries over 100,000 assets (the inventory table's filter-as-you-type).

Run: .venv/bin/python -m bench.page_query [N]
Goal (issue 2): under 50 ms per filtered page. Baseline: the same LIKE query with raw sqlite3.
Two figures of ours: the page with its count (the command line), and the page alone, as the
TUI shows it before counting (``count=False``; the count follows in a second query).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from bench.common import best_of, write_csv
from crisis.services.asset_import import import_csv
from crisis.services.assets import list_assets
from crisis.services.workspace import open_workspace

FILTERS = ["", "lenovo", "b-00999", "entrepôt 3 galaxy", "zzz-no-match"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "assets.csv"
        write_csv(csv_path, n)
        ws = open_workspace(str(Path(tmp) / "inv.sqlite3"), "bench")
        import_csv(ws, csv_path)
        raw = sqlite3.connect(Path(tmp) / "inv.sqlite3")
        print(f"page of 200 + total count over {n:,} assets (best of 5)")
        print(f"{'filter':24}{'matches':>10}{'ours ms':>10}{'page first ms':>15}{'raw ms':>10}")
        worst = worst_first = 0.0
        for f in FILTERS:
            page = list_assets(ws, f, limit=200)
            ours = best_of(5, lambda f=f: list_assets(ws, f, limit=200)) * 1000  # type: ignore[misc]
            first = best_of(5, lambda f=f: list_assets(ws, f, limit=200, count=False)) * 1000  # type: ignore[misc]
            like = [f"%{w}%" for w in f.lower().split()] or ["%"]
            where = " AND ".join(["search LIKE ?"] * len(like))

            def raw_query(like: list[str] = like, where: str = where) -> None:
                raw.execute(
                    f"SELECT tag, category, state FROM asset WHERE {where} ORDER BY tag LIMIT 200",
                    like,
                ).fetchall()
                raw.execute(f"SELECT count(*) FROM asset WHERE {where}", like).fetchone()

            base = best_of(5, raw_query) * 1000
            worst, worst_first = max(worst, ours), max(worst_first, first)
            print(f"{f!r:24}{page.total or 0:>10,}{ours:>10.1f}{first:>15.1f}{base:>10.1f}")
        print(f"slowest filtered page: {worst:.1f} ms with its count, {worst_first:.1f} ms first")
        print("(goal < 50 ms)")
        ws.db.dispose()


if __name__ == "__main__":
    main()
