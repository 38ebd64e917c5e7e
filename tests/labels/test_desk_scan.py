"""A tag read off a printed label, and the kit's QR code, scanned at the return desk (CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.label_sheets import LabelFormat
from crisis.errors import ValidationError
from crisis.services import labels, loans
from crisis.services.workspace import Workspace
from tests.labels.symbols import decode_label, decode_region
from tests.tui.lifecycle import handed_over

ENV = {"CRISIS_OPERATOR_PASSPHRASE": "demo passphrase"}


def test_a_decoded_label_and_the_kit_code_at_the_cli_desk(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    loan = handed_over(demo_ws)
    kit = labels.asset_labels(demo_ws, labels.Selection(loan=loan.reference), LabelFormat.TAPE62)
    path = labels.save_pdf(tmp_path / "kit.pdf", kit.data)
    read = decode_label(path, LabelFormat.TAPE62, 0, 203)
    tag = next(r.split(":", 1)[1] for r in read if r.startswith("CODE-128:"))
    sheet = labels.save_pdf(
        tmp_path / "bordereau.pdf", labels.packing_list(demo_ws, loan.reference).data
    )
    (code,) = [r.split(":", 1)[1] for r in decode_region(sheet, 1, 203, (150, 5, 55, 50))]
    db = demo_ws.url
    r = CliRunner().invoke(
        app,
        ["--db", db, "--operator", demo_ws.operator, "loan", "scan", loan.reference],
        input=f"{code}\n{tag}\n",
        env=ENV,
    )
    assert r.exit_code == 0, (r.stdout, r.stderr)
    assert f"{code} : QR code du kit du prêt {loan.reference} (pas un article)" in r.stdout
    report = loans.return_report(demo_ws, loan.reference)
    assert [i.item.tag for i in report.returned] == [tag]  # the label found the item
    assert not report.unexpected  # the kit code was not taken for a device
    assert code not in {m.tag for m in report.missing}


def test_another_loans_kit_code_is_refused(demo_ws: Workspace) -> None:
    first = handed_over(demo_ws, "CYBER-1")
    other = loans.open_loan(demo_ws, "CYBER-1", "07-2024-06", "Kit continuité 5 postes")
    with pytest.raises(ValidationError, match=f"{other.reference}: the kit code of another"):
        loans.scan_return(demo_ws, first.reference, other.reference.lower(), first_condition())
    assert not loans.return_report(demo_ws, first.reference).unexpected


def first_condition() -> loans.Condition:
    return loans.Condition.GOOD
