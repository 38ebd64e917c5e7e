"""What labels print, read on SQLite and on PostgreSQL: model, owner, kit, filter."""

from __future__ import annotations

from crisis.domain.assets import Category
from crisis.domain.label_sheets import LabelFormat
from crisis.services import labels, loans
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace
from inventory.repo import labels as repo

LENDER = "Métropole Aix-Marseille-Provence — Direction des Infrastructures Numériques"


def test_label_rows_and_selections_on_both_databases(ws: Workspace) -> None:
    seed_demo(ws, laptops=12, phones=12)
    with ws.db.session() as s:
        rows = repo.label_rows(s, ["AMP-PC-0001", "AMP-TEL-0001", "AMP-PC-9999"])
    assert set(rows) == {"AMP-PC-0001", "AMP-TEL-0001"}
    category, model, owner, _ = rows["AMP-PC-0001"]
    assert category == "laptop"
    assert model == "HP EliteBook 840 G10"  # "manufacturer model", no stray blanks
    assert owner == LENDER
    phones = labels.asset_labels(ws, labels.Selection(category=Category.PHONE), LabelFormat.L7163)
    assert phones.count == 12
    loans.declare_crisis(ws, "13005", "CYBER-9", "Maire")
    ref = loans.open_loan(ws, "CYBER-9", "07-2024-06", "Kit continuité 5 postes").reference
    loans.assemble(ws, ref)
    with ws.db.session() as s:
        assert repo.loan_references_among(s, [ref, "AMP-PC-0001"]) == {ref}
    kit = labels.packing_list(ws, ref, boxes=2)
    assert kit.count == len(loans.get_loan(ws, ref).items)
