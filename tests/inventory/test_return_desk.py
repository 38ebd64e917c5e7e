"""The return desk's rules on both backends: unknown tags, unexpected devices, withdrawn
scans, the close guarded by every item accounted for and every incident closed."""

from __future__ import annotations

import re

import pytest

from crisis.domain.assets import AssetState, Condition
from crisis.domain.loans import LoanGuardError, LoanState, Party
from crisis.errors import ValidationError
from crisis.services import assets, documents, incidents, journal, loans
from crisis.services.incidents import Channel, Severity
from crisis.services.workspace import Workspace
from tests.inventory.test_loans import _sanitisation_records, handed_over, stock

__all__ = ["stock"]  # the fixture, shared with the loan lifecycle's tests


def _events(ws: Workspace, action: str) -> list[journal.EventView]:
    return [e for e in journal.recent_events(ws, 500) if e.action == action]


def test_an_unknown_tag_is_refused_at_once_and_nothing_is_recorded(stock: Workspace) -> None:
    ref = handed_over(stock)
    items = loans.get_loan(stock, ref).items
    before = len(journal.recent_events(stock, 10_000))
    with pytest.raises(loans.UnknownTagError, match="unknown tag AMP-PC-0001AMP-PC-0002") as err:
        loans.scan_return(stock, ref, "AMP-PC-0001AMP-PC-0002", Condition.GOOD)
    assert err.value.tags == ("AMP-PC-0001AMP-PC-0002",)
    # A batch with one bad tag records none of it.
    with pytest.raises(loans.UnknownTagError, match="GARBAGE"):
        loans.return_items(
            stock, ref, [(items[0], Condition.GOOD, ""), ("GARBAGE", Condition.GOOD, "")]
        )
    assert len(journal.recent_events(stock, 10_000)) == before
    assert loans.get_loan(stock, ref).state is LoanState.HANDED_OVER
    assert assets.get_asset(stock, items[0]).state is AssetState.ON_LOAN
    # A tag typed in lower case is the item's, spelt as the inventory spells it.
    report = loans.scan_return(stock, ref, f" {items[0].lower()} ", Condition.GOOD)
    assert [r.item.tag for r in report.returned] == [items[0]]
    assert report.unexpected == ()


def test_a_device_not_lent_needs_a_confirmation_and_goes_to_quarantine(
    stock: Workspace,
) -> None:
    ref = handed_over(stock)
    other = handed_over(stock)
    stray = next(t for t in loans.get_loan(stock, other).items if t.startswith("AMP-PC"))
    items = loans.get_loan(stock, ref).items
    loans.return_items(stock, ref, [(t, Condition.GOOD, "") for t in items])
    with pytest.raises(loans.UnexpectedItemError, match=f"{stray} not lent by this loan") as err:
        loans.scan_return(stock, ref, stray, Condition.GOOD)
    assert f"crisis loan scan {ref} {stray} --unexpected" in str(err.value)
    assert assets.get_asset(stock, stray).state is AssetState.ON_LOAN
    report = loans.scan_return(stock, ref, stray, Condition.GOOD, confirm_unexpected=True)
    assert [u.tag for u in report.unexpected] == [stray]
    assert assets.get_asset(stock, stray).state is AssetState.QUARANTINE
    scanned = next(e for e in _events(stock, "loan.item_scanned"))
    assert scanned.after == {"tag": stray, "condition": "good", "kind": "unexpected"}


def test_a_scan_is_withdrawn_until_the_return_report_is_issued(stock: Workspace) -> None:
    ref = handed_over(stock)
    items = loans.get_loan(stock, ref).items
    other = handed_over(stock)
    stray = next(t for t in loans.get_loan(stock, other).items if t.startswith("AMP-TEL"))
    loans.return_items(stock, ref, [(t, Condition.GOOD, "") for t in items[:3]])
    loans.scan_return(stock, ref, stray, Condition.GOOD, confirm_unexpected=True)
    assert assets.get_asset(stock, items[0]).state is AssetState.QUARANTINE

    report = loans.withdraw_scan(stock, ref, items[0], "mauvaise étiquette")
    assert items[0] in [m.tag for m in report.missing]
    assert assets.get_asset(stock, items[0]).state is AssetState.ON_LOAN  # as before the scan
    withdrawn = _events(stock, "loan.scan_withdrawn")[0]
    assert withdrawn.after is not None
    assert (withdrawn.after["tag"], withdrawn.after["reason"]) == (items[0], "mauvaise étiquette")
    # The unexpected device goes back where it was (on loan with the other loan).
    report = loans.withdraw_scan(stock, ref, stray)
    assert report.unexpected == ()
    assert assets.get_asset(stock, stray).state is AssetState.ON_LOAN
    with pytest.raises(ValidationError, match=f"no scan of {items[0]} to withdraw"):
        loans.withdraw_scan(stock, ref, items[0])
    # Scanned twice, withdrawn once: still returned, still in quarantine.
    loans.scan_return(stock, ref, items[1], Condition.GOOD)
    report = loans.withdraw_scan(stock, ref, items[1])
    assert items[1] in [r.item.tag for r in report.returned]
    assert assets.get_asset(stock, items[1]).state is AssetState.QUARANTINE

    issued = documents.issue_return(stock, ref)
    with pytest.raises(ValidationError, match=f"{re.escape(issued.reference)} was issued"):
        loans.withdraw_scan(stock, ref, items[1])
    assert journal.verify_journal(stock).ok


def _returned_but(ws: Workspace, ref: str, kept: list[str]) -> None:
    """Everything comes back except `kept`; the report is signed; the devices sanitised."""
    items = loans.get_loan(ws, ref).items
    back = [t for t in items if t not in kept]
    loans.return_items(ws, ref, [(t, Condition.GOOD, "") for t in back])
    for party in Party:
        loans.record_signature(ws, ref, "return", party)
    loans.finish_return(ws, ref)
    _sanitisation_records(ws, back, "passed")


def test_the_close_is_refused_while_an_item_is_neither_returned_nor_declared(
    stock: Workspace,
) -> None:
    ref = handed_over(stock)
    items = loans.get_loan(stock, ref).items
    phone = next(t for t in items if t.startswith("AMP-TEL"))
    charger = next(t for t in items if t.startswith("AMP-ACC"))
    _returned_but(stock, ref, [phone, charger])
    with pytest.raises(LoanGuardError, match="2 items neither returned nor declared") as err:
        loans.close(stock, ref)
    assert f"crisis loan declare-missing {ref} {charger} {phone}" in str(err.value)
    assert assets.get_asset(stock, phone).state is AssetState.ON_LOAN
    with pytest.raises(ValidationError, match="not among its items still out"):
        incidents.declare_missing(stock, ref, theft=False, declarant="DGS", asset_tags=[items[0]])

    declared = incidents.declare_missing(stock, ref, theft=True, declarant="DGS d'Aubagne")
    assert declared is not None
    assert assets.get_asset(stock, phone).state is AssetState.STOLEN
    assert assets.get_asset(stock, charger).state is AssetState.STOLEN
    assert "loss_declaration" in {c.kind for c in declared.clocks}  # the 24 h clock
    # The declaration's clocks are the loan's: they block the close until closed with a reason.
    with pytest.raises(
        LoanGuardError, match=f"open incidents or running clocks: theft {declared.id}"
    ):
        loans.close(stock, ref)
    # Nothing is out any more: nothing to declare, nothing written.
    assert incidents.declare_missing(stock, ref, theft=False, declarant="DGS") is None
    closed = loans.close(stock, ref, resolution="plainte déposée, assureur saisi")
    assert closed.state is LoanState.CLOSED
    board = {c.id: c for c in incidents.clock_board(stock, include_stopped=True)}
    assert all(board[c.id].stopped_at is not None for c in declared.clocks)
    resolved = _events(stock, "incident.resolved")
    assert resolved[0].after == {"resolution": "plainte déposée, assureur saisi", "loan": ref}
    assert journal.verify_journal(stock).ok


def test_an_open_breakdown_and_its_clock_block_the_close_and_the_report_lists_them(
    stock: Workspace,
) -> None:
    ref = handed_over(stock)
    laptop = loans.get_loan(stock, ref).items[0]
    breakdown = incidents.report_breakdown(
        stock, "CYBER-2026-001", declarant="DSI", channel=Channel.PHONE,
        severity=Severity.MAJOR, description="écran noir", asset_tags=[laptop],
    )  # fmt: skip
    items = loans.get_loan(stock, ref).items
    loans.return_items(stock, ref, [(t, Condition.GOOD, "") for t in items])
    report = documents.issue_return(stock, ref)
    listed = report.data["incidents"]
    assert [(i["id"], i["kind"], i["resolved_at"]) for i in listed] == [
        (breakdown.id, "breakdown", "")
    ]
    assert [c["kind"] for c in listed[0]["clocks"]] == ["intervention"]
    for party in Party:
        loans.record_signature(stock, ref, "return", party)
    loans.finish_return(stock, ref)
    _sanitisation_records(stock, items, "passed")
    with pytest.raises(
        LoanGuardError,
        match=f"breakdown {breakdown.id}, clock intervention {breakdown.clocks[0].id}",
    ):
        loans.close(stock, ref)
    assert loans.get_loan(stock, ref).state is LoanState.SANITISING
    assert loans.close(stock, ref, resolution="réparé sur place").state is LoanState.CLOSED
