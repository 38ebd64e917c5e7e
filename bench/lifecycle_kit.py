"""Assemble, hand over and return a 1,000-item kit, each in one transaction.

Run: .venv/bin/python -m bench.lifecycle_kit [--postgres] [--items N]
(``--items`` makes a smaller or larger kit, 1,000 by default; the quick form uses 30.)
Goals: under 1 s each on SQLite (issue 4); on PostgreSQL (a throwaway cluster, removed
afterwards) the return in at most 10 round trips and under 0.5 s (issue 17). Baseline: one
raw UPDATE of the same 1,000 assets' state, same database, same run. Round trips are the
statements the engine sends (an ``executemany`` is one), counted by an event listener.
"""

from __future__ import annotations

import gc
import sys
import tempfile
from pathlib import Path

from sqlalchemy import bindparam, text

from bench.common import statements, timed
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


RETURN_STATEMENTS = "return: statements (round trips)"


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
    gc.collect()  # not a pause left over from seeding thousands of rows, inside the timing
    with statements(ws.db.engine) as sent, timed() as t:
        report = loans.return_items(ws, ref, [(tag, Condition.GOOD, "") for tag in items])
    out["return"] = t[0]
    out[RETURN_STATEMENTS] = len(sent)
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


def run(size: int, postgres: bool) -> dict[str, dict[str, float]]:
    """Each step's figures per backend (SQLite, and PostgreSQL when asked); every file and
    the PostgreSQL cluster are removed before it returns."""
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="crisis-bench-") as tmp:
        ws = open_workspace(str(Path(tmp) / "bench.sqlite3"), "bench")
        results["SQLite"] = measure(ws, size)
        ws.db.dispose()
    if postgres:
        from crisis.lab.postgres import temporary_postgres

        with temporary_postgres() as pg:
            pws = open_workspace(pg.create_database("bench"), "bench")
            results["PostgreSQL"] = measure(pws, size)
            pws.db.dispose()
    return results


def main() -> None:
    size = int(sys.argv[sys.argv.index("--items") + 1]) if "--items" in sys.argv else 1000
    results = run(size, "--postgres" in sys.argv)
    backends = list(results)
    print(f"{size:,}-item kit, one transaction per step (seconds, round trips)")
    print(f"{'step':42}" + "".join(f"{b:>12}" for b in backends))
    for step in results["SQLite"]:
        fmt = "{:>12.0f}" if step == RETURN_STATEMENTS else "{:>12.3f}"
        print(f"{step:42}" + "".join(fmt.format(results[b][step]) for b in backends))
    base = f"baseline: raw UPDATE of the {size:,} rows"
    for b in backends:
        r = results[b]
        print(
            f"{b}: return {r['return']:.3f} s vs raw UPDATE {r[base]:.3f} s "
            f"(ratio {r['return'] / r[base]:.1f}x), {r[RETURN_STATEMENTS]:.0f} round trips"
        )
    print("goal (PostgreSQL): return <= 10 round trips and < 0.5 s")


if __name__ == "__main__":
    main()
