"""Import N assets from CSV (100,000 by default), against a raw sqlite3.executemany of the
same rows into the same table.

Run: .venv/bin/python -m bench.import_assets [N]       (1,000,000 for the memory goal)
Goals (issue 17): within 2.5x of raw at 100,000; peak memory under 150 MB at 1,000,000.

Two baselines, each in its own process (so peak memory is its own), on the same schema
(created by our migrations):

* raw: the csv module reads the file and one ``executemany`` inserts its rows untouched, in
  one transaction. The trigram index's insert trigger is dropped first, so this is the bare
  insert, with no filter index kept (what the issue's goal was set against).
* raw, same database: the same, but each row's search text built as ours is (the bare insert
  stores the tag there), then the trigram index built in one pass (FTS5 ``rebuild``): the
  same final database as ours (but models and owner), by the cheapest route we know.

Ours: ``crisis assets import`` (validation, duplicates, models, search text, index kept
by its trigger, journal event with the rows' digest).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import load_average, peak_rss_mb, timed, write_csv


def raw(csv_path: Path, db: Path) -> dict[str, float]:
    import sqlite3

    from inventory.database import Database

    Database(str(db)).dispose()  # the same schema, migrated, outside the timed part
    same = Path(f"{db}-same")
    Database(str(same)).dispose()
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER asset_fts_insert")  # the bare insert, no index kept
    conn.commit()
    with timed() as t:
        _insert(conn, csv_path, lambda r: r[0])  # the search column holds the tag alone
    conn.close()
    # The same final database as ours: the same search text, then the index in one pass.
    conn = sqlite3.connect(same)
    conn.execute("DROP TRIGGER asset_fts_insert")
    conn.commit()
    with timed() as t_same:
        _insert(conn, csv_path, _search_text)
        conn.execute("INSERT INTO asset_fts(asset_fts) VALUES ('rebuild')")
        conn.commit()
    conn.close()
    return {
        "seconds": t[0],
        "cpu": t[1],
        "same_seconds": t_same[0],
        "same_cpu": t_same[1],
        "peak_mb": peak_rss_mb(),
    }


def _search_text(r: list[str]) -> str:
    # tag, serial, category, manufacturer, model, location, imei, phone number: as ours
    parts = (r[0], r[1], r[2], r[3], r[4], r[12], r[5], r[7])
    return " ".join([p for p in parts if p]).lower()


def _insert(conn: Any, csv_path: Path, search: Callable[[list[str]], str]) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    with csv_path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        # The CSV's columns, minus model names (a foreign key in our schema), plus the
        # NOT NULL columns our rows carry.
        conn.executemany(
            "INSERT INTO asset (tag, serial, category, imei, iccid, phone_number, "
            "mac_addresses, mgmt_address, state, condition, location, purchase_date, notes, "
            "attributes, search, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'2026-01-01','2026-01-01')",
            (r[:3] + r[5:15] + [r[15] or "{}", search(r)] for r in reader),
        )
    conn.commit()


def ours(csv_path: Path, db: Path) -> dict[str, float]:
    from crisis.services.asset_import import import_csv
    from crisis.services.workspace import open_workspace

    ws = open_workspace(str(db), "bench")
    ws.db  # noqa: B018 (open and migrate outside the timed part, as a running tool has)
    before = peak_rss_mb()
    with timed() as t:
        report = import_csv(ws, csv_path)
    assert report.rows > 0
    return {"seconds": t[0], "cpu": t[1], "peak_mb": peak_rss_mb(), "baseline_mb": before}


@dataclass(frozen=True, slots=True)
class Figures:
    """One run: seconds and peak MB of each side."""

    rows: int
    raw_s: float
    same_s: float
    ours_s: float
    raw_cpu: float
    same_cpu: float
    ours_cpu: float
    raw_mb: float
    ours_mb: float
    load: str

    @property
    def ratio(self) -> float:
        """Ours against the bare insert, in CPU time (wall time varies with the load)."""
        return self.ours_cpu / max(self.raw_cpu, 1e-9)

    @property
    def ratio_same_db(self) -> float:
        """Ours against the same rows and search text inserted raw, then the index built in
        one pass: the same final database (CPU)."""
        return self.ours_cpu / max(self.same_cpu, 1e-9)


def _child(kind: str, csv_path: Path, db: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "bench.import_assets", kind, str(csv_path), str(db)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout
    figures: dict[str, float] = json.loads(out)
    return figures


def run(n: int) -> Figures:
    """Import `n` synthetic assets both ways, each in its own process."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "assets.csv"
        write_csv(csv_path, n)
        r = _child("raw", csv_path, Path(tmp) / "raw.db")
        o = _child("ours", csv_path, Path(tmp) / "ours.db")
    return Figures(
        n, r["seconds"], r["same_seconds"], o["seconds"], r["cpu"], r["same_cpu"], o["cpu"],
        r["peak_mb"], o["peak_mb"], load_average(),
    )  # fmt: skip


def main() -> None:
    if len(sys.argv) == 4:  # child process: one measurement
        fn = {"raw": raw, "ours": ours}[sys.argv[1]]
        print(json.dumps(fn(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    f = run(n)
    print(f"import of {n:,} assets from CSV (load average {f.load})")
    print(f"{'':34}{'wall s':>8}{'CPU s':>8}{'µs/row CPU':>12}{'peak MB':>9}")
    lines = (
        ("raw sqlite3.executemany", f.raw_s, f.raw_cpu, f.raw_mb),
        ("raw, same search text, + index", f.same_s, f.same_cpu, f.raw_mb),
        ("crisis assets import", f.ours_s, f.ours_cpu, f.ours_mb),
    )  # fmt: skip
    for label, wall, cpu, mb in lines:
        print(f"{label:34}{wall:>8.2f}{cpu:>8.2f}{cpu / n * 1e6:>12.1f}{mb:>9.0f}")
    print(
        f"ratio ours/raw (CPU): {f.ratio:.2f}x (goal <= 2.5x); "
        f"ours/(raw + index): {f.ratio_same_db:.2f}x; wall: {f.ours_s / f.raw_s:.2f}x"
    )
    print(f"peak memory of ours: {f.ours_mb:.0f} MB (goal < 150 MB at 1,000,000 rows)")


if __name__ == "__main__":
    main()
