"""Import 100,000 assets from CSV, against a raw sqlite3.executemany of the same rows.

Run: .venv/bin/python -m bench.import_assets [N]
Goal (issue 2): within 3x of raw, peak memory under 200 MB.

The baseline reads the same CSV with the csv module and inserts its rows, untouched, with one
sqlite3 executemany into the same table (same columns and indexes, created by our migration),
in one transaction. Each measurement runs in its own process so peak memory is its own.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import peak_rss_mb, timed, write_csv


def raw(csv_path: Path, db: Path) -> dict[str, float]:
    import sqlite3

    from inventory.database import Database

    Database(str(db)).dispose()  # the same schema, migrated, outside the timed part
    with timed() as t:
        conn = sqlite3.connect(db)
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
                (r[:3] + r[5:15] + [r[15] or "{}", r[0]] for r in reader),
            )
        conn.commit()
        conn.close()
    return {"seconds": t[0], "peak_mb": peak_rss_mb()}


def ours(csv_path: Path, db: Path) -> dict[str, float]:
    from crisis.services.asset_import import import_csv
    from crisis.services.workspace import open_workspace

    ws = open_workspace(str(db), "bench")
    ws.db  # noqa: B018 (open and migrate outside the timed part, as a running tool has)
    before = peak_rss_mb()
    with timed() as t:
        report = import_csv(ws, csv_path)
    assert report.rows > 0
    return {"seconds": t[0], "peak_mb": peak_rss_mb(), "baseline_mb": before}


def main() -> None:
    if len(sys.argv) == 4:  # child process: one measurement
        fn = {"raw": raw, "ours": ours}[sys.argv[1]]
        print(json.dumps(fn(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "assets.csv"
        write_csv(csv_path, n)
        res = {}
        for kind in ("raw", "ours"):
            cmd = [sys.executable, "-m", "bench.import_assets", kind, str(csv_path)]
            out = subprocess.run(
                [*cmd, f"{tmp}/{kind}.db"], capture_output=True, text=True, check=True
            ).stdout
            res[kind] = json.loads(out)
    print(f"import of {n:,} assets from CSV")
    print(f"{'':28}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}")
    for label, kind in (("raw sqlite3.executemany", "raw"), ("crisis assets import", "ours")):
        m = res[kind]
        print(f"{label:28}{m['seconds']:>10.2f}{n / m['seconds']:>12,.0f}{m['peak_mb']:>10.0f}")
    ratio = res["ours"]["seconds"] / res["raw"]["seconds"]
    print(
        f"ratio ours/raw: {ratio:.2f}x (goal <= 3x); peak {res['ours']['peak_mb']:.0f} MB (< 200)"
    )


if __name__ == "__main__":
    main()
