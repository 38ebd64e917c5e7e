"""A return at the desk costs a fixed number of statements, whatever the kit's size (issue
17: a 1,000-item kit took about 470 on PostgreSQL), and journals what it journaled before."""

from __future__ import annotations

from bench.common import statements
from crisis.domain.assets import AssetState, Condition
from crisis.domain.loans import LoanState
from crisis.services import assets, journal, loans
from crisis.services.workspace import Workspace
from tests.inventory.test_loans import handed_over, stock

__all__ = ["stock"]

#: Statements sent during one return on PostgreSQL: the operator's check, then the loan,
#: the scanned devices (locked), the loan's move, the devices' moves, the scans, the journal
#: head, the events with the head moved, the report. SQLite adds its BEGINs.
BOUND = {"postgresql": 10, "sqlite": 12}


def _return(ws: Workspace, ref: str, tags: list[str]) -> list[str]:
    with statements(ws.db.engine) as sent:
        loans.return_items(ws, ref, [(t, Condition.DAMAGED, "") for t in tags])
    return sent


def test_a_return_sends_the_same_few_statements_for_one_item_or_a_whole_kit(
    stock: Workspace,
) -> None:
    one, kit = handed_over(stock), handed_over(stock)
    first = loans.get_loan(stock, one).items[:1]
    items = list(loans.get_loan(stock, kit).items)
    assert len(items) > 10
    small, large = _return(stock, one, first), _return(stock, kit, items)
    assert len(large) == len(small), (small, large)
    assert len(large) <= BOUND[stock.db.dialect], large
    # The work was done: every item in quarantine, damaged, the loan returning, each scan
    # and each move journaled, the chain intact.
    assert loans.get_loan(stock, kit).state is LoanState.RETURNING
    for tag in items:
        a = assets.get_asset(stock, tag)
        assert (a.state, a.condition) == (AssetState.QUARANTINE, Condition.DAMAGED)
    events = journal.recent_events(stock, 3 * len(items))
    scanned = [e for e in events if e.action == "loan.item_scanned" and e.entity_id == kit]
    moved = [
        e
        for e in events
        if e.action == "asset.state_changed" and e.entity_id in items and e.after
        and e.after.get("state") == "quarantine"
    ]  # fmt: skip
    assert len(scanned) == len(moved) == len(items)
    assert {e.after["via"] for e in moved if e.after} == {"returned"}
    assert all(e.before == {"state": "on_loan"} for e in moved)
    assert journal.verify_journal(stock).ok
    # A second pass over items already back moves nothing and costs no more.
    again = _return(stock, kit, items[:3])
    assert len(again) <= len(large)
    assert loans.return_report(stock, kit).received_tags
