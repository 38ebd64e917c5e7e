"""`crisis labels` and `crisis packing-list` on the demo inventory: files, words, refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.label_sheets import LabelFormat
from crisis.services import journal
from crisis.services.workspace import Workspace
from tests.labels.symbols import decode_label, decode_region
from tests.tui.lifecycle import handed_over


def run(ws: Workspace, *args: str, lang: str = "fr") -> tuple[int, str, str]:
    r = CliRunner().invoke(app, ["--db", ws.url, *args], env={"CRISIS_LANG": lang})
    return r.exit_code, r.stdout, r.stderr


def test_labels_and_packing_list_from_the_command_line(demo_ws: Workspace, tmp_path: Path) -> None:
    loan = handed_over(demo_ws)
    events = journal.recent_events(demo_ws, limit=1)
    out = tmp_path / "etiquettes.pdf"
    code, said, err = run(
        demo_ws, "labels", "--loan", loan.reference, "--format", "tape62", "-o", str(out)
    )
    assert code == 0, err
    assert f"{len(loan.items)} étiquette(s) écrite(s) dans {out}" in said
    first = sorted(loan.items)[0]
    assert decode_label(out, LabelFormat.TAPE62, 0, 203) == {
        f"QR-Code:{first}",
        f"CODE-128:{first}",
    }
    sheet = tmp_path / "bordereau.pdf"
    code, said, err = run(
        demo_ws, "packing-list", loan.reference, "--boxes", "2", "-o", str(sheet), lang="en"
    )
    assert code == 0, err
    assert f"packing list of {loan.reference} written to {sheet}" in said
    assert decode_region(sheet, 1, 300, (150, 5, 55, 50)) == {f"QR-Code:{loan.reference}"}
    assert journal.recent_events(demo_ws, limit=1) == events  # printing only reads


def test_refusals_name_the_problem_and_write_nothing(demo_ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    for args, where in (
        ((), "d'une seule façon"),  # French by default
        (("AMP-PC-0001", "--format", "l7163", "--start", "15"), "--start"),
        (("AMP-PC-9999",), "AMP-PC-9999"),
    ):
        code, _, err = run(demo_ws, "labels", *args, "-o", str(out))
        assert code == 1
        assert where in err
        assert "Traceback" not in err
    code, _, err = run(demo_ws, "packing-list", "PRET-2099-0001", "-o", str(out))
    assert code == 1
    assert "PRET-2099-0001" in err
    code, _, err = run(demo_ws, "labels", "AMP-PC-0001", "-o", str(tmp_path / "no" / "x.pdf"))
    assert code == 1
    assert "--output" in err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix in {".pdf", ".tmp"}]


def test_the_command_line_loads_no_pdf_library_until_a_label_is_made() -> None:
    code = (
        "import sys, crisis.cli, crisis.services.labels; "
        "print(sorted(m for m in ('fpdf', 'segno', 'barcode') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
