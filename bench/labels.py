"""Asset labels: 1,000 labels (tag text, Code 128, QR code, model, owner) on A4 sheets and
on 62 mm tape, beside the time to render the same QR codes alone in the same run.

Run: .venv/bin/python -m bench.labels [COUNT]
Goal (issue 13): labels for 1,000 assets in under 5 s.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import timed

GOAL_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Figures:
    """What one run measured, in seconds."""

    count: int
    sheets: float  # labels on A4 L7160 sheets, selection from the inventory included
    tape: float  # the same on 62 mm tape, one page per label
    qr_alone: float  # the same QR codes (same segno settings) written as SVG, nothing else
    qr_default: float  # segno's defaults (best of eight masks), SVG
    sheets_cpu: float  # CPU time of `sheets` (the machine may be shared)
    sheet_bytes: int


def run(count: int) -> Figures:
    """Seed `count` laptops in a fresh demo inventory, then time the label runs."""
    import segno

    from crisis.adapters.labels_pdf import LABEL_QR_MASK
    from crisis.adapters.pdf_qr import qr_code
    from crisis.domain.assets import Category
    from crisis.domain.label_sheets import LabelFormat
    from crisis.services import labels
    from crisis.services.demo import seed_demo
    from crisis.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(str(Path(tmp) / "bench.sqlite3"), "bench")
        try:
            seed_demo(ws, laptops=count, phones=1)
            choice = labels.Selection(category=Category.LAPTOP)
            labels.asset_labels(ws, labels.Selection(tags=("AMP-PC-0001",)))  # warm-up
            cpu = time.process_time()
            with timed() as t_sheets:
                sheets = labels.asset_labels(ws, choice, LabelFormat.L7160)
            cpu = time.process_time() - cpu
            with timed() as t_tape:
                tape = labels.asset_labels(ws, choice, LabelFormat.TAPE62)
            assert sheets.count == tape.count == count, (sheets.count, count)
            tags = [f"AMP-PC-{i:04d}" for i in range(1, count + 1)]
            with timed() as t_qr:
                for tag in tags:
                    qr_code(tag, mask=LABEL_QR_MASK).save(io.BytesIO(), kind="svg")
            with timed() as t_default:
                for tag in tags:
                    segno.make(tag, error="m", micro=False).save(io.BytesIO(), kind="svg")
        finally:
            ws.db.dispose()
    return Figures(count, t_sheets[0], t_tape[0], t_qr[0], t_default[0], cpu, len(sheets.data))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory(prefix="crisis-bench-") as data:
        os.environ.setdefault("CRISIS_DATA_DIR", data)
        f = run(count)
    print(f"{f.count} asset labels (tag, Code 128, QR code, model, owner)")
    for name, seconds in (
        (f"A4 L7160 sheets, 21-up ({f.sheet_bytes // 1024} KiB)", f.sheets),
        ("62 mm tape, one page per label", f.tape),
    ):
        verdict = "met" if seconds < GOAL_SECONDS else "NOT MET"
        print(f"  {name:38} {seconds * 1000:8.0f} ms  goal < {GOAL_SECONDS:.0f} s: {verdict}")
    print(f"  (CPU time of the sheets run            {f.sheets_cpu * 1000:8.0f} ms)")
    print(f"  baseline: the same QR codes alone (segno, SVG)  {f.qr_alone * 1000:8.0f} ms")
    print(f"  baseline: segno defaults (best of 8 masks), SVG {f.qr_default * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
