"""Assemble, hand over and return a 1,000-item kit, each in one transaction.

Run: .venv/bin/python -m bench.lifecycle_kit [--postgres] [--items N]
(``--items`` makes a smaller or larger kit, 1,000 by default; a quick check uses 50.)
Goal (issue 4): under 1 s each on SQLite; the same reported on PostgreSQL (started by the
lab when asked). Baseline: one raw UPDATE of the same 1,000 assets' state, same database.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sqlalchemy import bindparam, text

from bench.common import timed
from crisis.domain.assets import Condition
from crisis.domain.loans import Party
from crisis.domain.roles import Role
from crisis.services import documents, loans
from crisis.services.demo import seed_demo
from crisis.services.operators import add_operator
from crisis.services.workspace import Workspace, open_workspace
from inventory.tables import KitTemplate, KitTemplateLine

PASSPHRASE = "bench passphrase"


def lines(items: int) -> tuple[tuple[str, int], ...]:
    """The kit's make-up: half laptops, one switch per hundred items (at least one), phones."""
    switches = max(1, items // 100)
    laptops = items // 2
    return (("laptop", laptops), ("phone", items - laptops - switches), ("switch", switches))


def prepare(ws: Workspace, items: int) -> str:
    seed_demo(ws, laptops=items // 2 + 100, phones=items // 2 + 110)
    add_operator(ws, ws.operator, Role.ADMIN, PASSPHRASE)  # the lender signs with its key
    with ws.db.session(write=True) as s:
        t = KitTemplate(name="Kit 1000", mailboxes=0)
        s.add(t)
        s.flush()
        assert t.id is not None
        for cat, n in lines(items):
            s.add(KitTemplateLine(template_id=t.id, category=cat, quantity=n))
    loans.declare_crisis(ws, "13005", "BENCH-1", "bench")
    return loans.open_loan(ws, "BENCH-1", "07-2024-06", "Kit 1000").reference


def measure(ws: Workspace, size: int) -> dict[str, float]:
    ref = prepare(ws, size)
    out: dict[str, float] = {}
    with timed() as t:
        items = loans.assemble(ws, ref).items
    out["assemble"] = t[0]
    assert len(items) == size
    loans.start_provisioning(ws, ref)
    for party in Party:
        loans.record_signature(ws, ref, "acceptance", party)
    loans.accept(ws, ref)
    inventory = documents.issue_inventory(ws, ref).reference
    documents.sign_document(ws, inventory, Party.LENDER, passphrase=PASSPHRASE)
    documents.sign_town_handwritten(ws, inventory, "bench representative", b"scan", "scan.pdf")
    with timed() as t:
        loans.hand_over(ws, ref)
    out["hand over"] = t[0]
    with timed() as t:
        report = loans.return_items(ws, ref, [(tag, Condition.GOOD, "") for tag in items])
    out["return"] = t[0]
    assert len(report.returned) == size
    with ws.db.engine.begin() as conn, timed() as t:
        conn.execute(
            text("UPDATE asset SET state = 'in_stock' WHERE tag IN :tags").bindparams(
                bindparam("tags", expanding=True)
            ),
            {"tags": list(items)},
        )
    out[f"baseline: raw UPDATE of the {size:,} rows"] = t[0]
    return out


def main() -> None:
    size = int(sys.argv[sys.argv.index("--items") + 1]) if "--items" in sys.argv else 1000
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(str(Path(tmp) / "bench.sqlite3"), "bench")
        results["SQLite"] = measure(ws, size)
        ws.db.dispose()
        if "--postgres" in sys.argv:
            from crisis.lab.postgres import running_postgres

            # Its own top-level directory: the server runs as the postgres user.
            with running_postgres(Path(tempfile.mkdtemp(prefix="crisis-pg-"))) as pg:
                pws = open_workspace(pg.create_database("bench"), "bench")
                results["PostgreSQL"] = measure(pws, size)
                pws.db.dispose()
    backends = list(results)
    print(f"{size:,}-item kit, one transaction per step (seconds; goal < 1 s each)")
    print(f"{'step':42}" + "".join(f"{b:>12}" for b in backends))
    for step in results["SQLite"]:
        print(f"{step:42}" + "".join(f"{results[b][step]:>12.3f}" for b in backends))


if __name__ == "__main__":
    main()
