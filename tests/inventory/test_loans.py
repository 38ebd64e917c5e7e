"""The loan lifecycle on both backends: from the declared attack to the return report."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from crisis.domain.agreement_terms import AgreementInactiveError
from crisis.domain.assets import AssetState, Condition
from crisis.domain.loans import LoanGuardError, LoanState, Party
from crisis.domain.roles import Role
from crisis.errors import ValidationError
from crisis.services import assets, documents, journal, loans
from crisis.services.demo import seed_demo
from crisis.services.operators import add_operator
from crisis.services.workspace import Workspace
from inventory.repo import runs as runs_repo
from inventory.tables import (
    Asset,
    AssetModel,
    KitTemplate,
    KitTemplateLine,
    Loan,
    SanitisationRecord,
)
from tests.documents.town import town_signs
from tests.races import run_together

KIT5 = "Kit continuité 5 postes"
PASSPHRASE = "lender passphrase 1"


@pytest.fixture
def stock(ws: Workspace) -> Workspace:
    seed_demo(ws, laptops=12, phones=12)
    add_operator(ws, "tester", Role.ADMIN, PASSPHRASE)
    loans.declare_crisis(ws, "13005", "CYBER-2026-001", "Maire d'Aubagne", "rançongiciel")
    return ws


def handed_over(ws: Workspace) -> str:
    ref = loans.open_loan(ws, "CYBER-2026-001", "07-2024-06", KIT5).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    for party in Party:
        loans.record_signature(ws, ref, "acceptance", party)
    loans.accept(ws, ref)
    both_sign(ws, documents.issue_inventory(ws, ref).reference)
    loans.hand_over(ws, ref)
    return ref


def both_sign(ws: Workspace, reference: str) -> None:
    documents.sign_document(ws, reference, Party.LENDER, passphrase=PASSPHRASE)
    town_signs(ws, reference, "Marie Dupont, maire")


def test_assembly_reserves_ready_stock_only(stock: Workspace) -> None:
    ref = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    view = loans.assemble(stock, ref)
    assert view.state is LoanState.RESERVED
    assert len(view.items) == 5 + 5 + 1 + 5
    states = {assets.get_asset(stock, t).state for t in view.items}
    assert states == {AssetState.RESERVED}
    # Only assets that were in stock were picked (the demo has some in quarantine).
    quarantined = {
        r.tag for r in assets.list_assets(stock, state=AssetState.QUARANTINE, limit=1000).rows
    }
    assert not quarantined & set(view.items)
    assert journal.verify_journal(stock).ok


def test_handover_is_guarded_by_both_signatures(stock: Workspace) -> None:
    ref = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    loans.assemble(stock, ref)
    loans.start_provisioning(stock, ref)
    with pytest.raises(LoanGuardError, match="joint acceptance test sheet"):
        loans.accept(stock, ref)
    loans.record_signature(stock, ref, "acceptance", Party.LENDER)
    loans.record_signature(stock, ref, "acceptance", Party.BORROWER)
    loans.accept(stock, ref)
    loans.record_signature(stock, ref, "inventory", Party.LENDER)
    with pytest.raises(LoanGuardError, match="joint inventory") as err:
        loans.hand_over(stock, ref)
    assert "borrower" in str(err.value)
    assert loans.get_loan(stock, ref).state is LoanState.ACCEPTED


def test_return_is_computed_against_the_handover_snapshot(stock: Workspace) -> None:
    ref = handed_over(stock)
    items = loans.get_loan(stock, ref).items
    laptops = [t for t in items if t.startswith("AMP-PC")]
    for tag in items:
        if tag == laptops[0]:
            continue  # never comes back
        condition = Condition.DAMAGED if tag == laptops[1] else Condition.GOOD
        loans.scan_return(stock, ref, tag, condition)
    report = loans.scan_return(  # not lent: recorded once confirmed
        stock, ref, "AMP-TEL-0012", Condition.GOOD, confirm_unexpected=True
    )
    assert [m.tag for m in report.missing] == [laptops[0]]
    assert [d.item.tag for d in report.damaged] == [laptops[1]]
    assert [u.tag for u in report.unexpected] == ["AMP-TEL-0012"]
    assert assets.get_asset(stock, laptops[1]).state is AssetState.QUARANTINE
    assert assets.get_asset(stock, laptops[0]).state is AssetState.ON_LOAN
    with pytest.raises(LoanGuardError, match="return report"):
        loans.finish_return(stock, ref)
    loans.record_signature(stock, ref, "return", Party.LENDER)
    loans.record_signature(stock, ref, "return", Party.BORROWER)
    loans.finish_return(stock, ref)
    # Everything lent and received needs sanitising; the unexpected phone is in stock, and a
    # device in stock cannot go to quarantine: it is not this loan's to sanitise.
    assert assets.get_asset(stock, "AMP-TEL-0012").state is AssetState.IN_STOCK
    with pytest.raises(LoanGuardError, match="no sanitisation record for 15 returned devices"):
        loans.close(stock, ref)
    assert journal.verify_journal(stock).ok


def test_an_expired_agreement_refuses_a_loan_with_its_reason(stock: Workspace) -> None:
    loans.declare_crisis(stock, "13117", "CYBER-2026-002", "DGS de Vitrolles")
    with pytest.raises(
        AgreementInactiveError,
        match=re.escape("DL.2024-17 expired: its fixed term ended on 2025-12-31"),
    ):
        loans.open_loan(stock, "CYBER-2026-002", "DL.2024-17", KIT5)


def test_short_stock_reserves_nothing_and_says_what_is_missing(stock: Workspace) -> None:
    ref = loans.open_loan(
        stock, "CYBER-2026-001", "07-2024-06", "Kit continuité 10 postes"
    ).reference
    loans.assemble(stock, ref)  # takes 10 of the ~11 ready laptops
    second = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    with pytest.raises(ValidationError, match=r"not enough ready stock: laptop: \d of 5 missing"):
        loans.assemble(stock, second)
    assert loans.get_loan(stock, second).items == ()
    assert loans.get_loan(stock, second).state is LoanState.DECLARED


RACER_SETUP = """
from crisis.errors import ValidationError
from crisis.services import loans
from crisis.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], "tester")
"""
RACER = """
try:
    print("OK", ",".join(loans.assemble(ws, sys.argv[2]).items))
except ValidationError as exc:
    print("SHORT", exc)
"""


def test_two_technicians_racing_never_get_the_same_asset(stock: Workspace, tmp_path: Path) -> None:
    refs = [
        loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference for _ in range(3)
    ]
    outs = run_together(RACER_SETUP, RACER, [[stock.db.url, ref] for ref in refs], tmp_path)
    won = [set(o.split(" ", 1)[1].split(",")) for o in outs if o.startswith("OK")]
    assert len(won) == 2, outs  # about 11 ready laptops: two kits of 5, not three
    assert not won[0] & won[1]
    assert any(o.startswith("SHORT") for o in outs)
    assert journal.verify_journal(stock).ok


def test_substitution_swaps_an_asset_and_is_journaled(stock: Workspace) -> None:
    ref = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    items = loans.assemble(stock, ref).items
    old = next(t for t in items if t.startswith("AMP-PC"))
    spare = next(
        r.tag
        for r in assets.list_assets(stock, "amp-pc", state=AssetState.IN_STOCK, limit=100).rows
        if r.tag not in items
    )
    with pytest.raises(ValidationError, match="is a phone"):
        loans.substitute(stock, ref, old, "AMP-TEL-0012", "écran cassé")
    with pytest.raises(ValidationError, match="reason: say why"):
        loans.substitute(stock, ref, old, spare, "  ")
    view = loans.substitute(stock, ref, old, spare, "écran cassé")
    assert spare in view.items
    assert old not in view.items
    # Never straight back to ready stock: quarantine, with the reason.
    assert assets.get_asset(stock, old).state is AssetState.QUARANTINE
    assert assets.get_asset(stock, spare).state is AssetState.RESERVED
    recent = journal.recent_events(stock, 3)
    last = recent[0]
    moved = next(e for e in recent if e.entity_id == old)
    assert (last.action, last.before, last.after) == (
        "loan.substituted",
        {"tag": old},
        {"tag": spare, "reason": "écran cassé", "old_to": "quarantine"},
    )
    assert (moved.entity_id, moved.after) == (
        old,
        {"state": "quarantine", "reason": f"loan {ref}: substituted out: écran cassé"},
    )
    # The next kit never picks it.
    other = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    assert old not in loans.assemble(stock, other).items
    loans.start_provisioning(stock, ref)
    again = next(t for t in view.items if t.startswith("AMP-TEL"))
    spare_phone = next(
        r.tag
        for r in assets.list_assets(stock, "amp-tel", state=AssetState.IN_STOCK, limit=100).rows
        if r.tag not in view.items
    )
    loans.substitute(stock, ref, again, spare_phone, "tombé", damaged=True)
    assert assets.get_asset(stock, again).state is AssetState.DAMAGED
    assert assets.get_asset(stock, spare_phone).state is AssetState.PROVISIONING


def _sanitisation_records(ws: Workspace, tags: Iterable[str], verification: str) -> None:
    """Sanitisation records as the playbooks and the manual form store them (set-up only)."""
    with ws.db.session(write=True) as s:
        for tag in tags:
            runs_repo.add_sanitisation(
                s,
                SanitisationRecord(
                    asset_tag=tag,
                    method="Clear",
                    technique="factory reset",
                    tool="test",
                    verification=verification,
                    details={},
                    evidence_sha256="",
                    operator="tester",
                    performed_at=datetime.now(UTC),
                    journal_seq=0,
                ),
            )


def test_only_a_passed_sanitisation_since_the_return_lets_the_loan_close(
    stock: Workspace,
) -> None:
    ref = handed_over(stock)
    items = loans.get_loan(stock, ref).items
    # Records from before this return (an earlier loan's) do not count, even passed ones.
    _sanitisation_records(stock, items, "passed")
    loans.return_items(stock, ref, [(t, Condition.GOOD, "") for t in items])
    for party in Party:
        loans.record_signature(stock, ref, "return", party)
    loans.finish_return(stock, ref)
    with pytest.raises(LoanGuardError, match=f"no sanitisation record for {len(items)} returned"):
        loans.close(stock, ref)
    # A failed verification does not count either.
    _sanitisation_records(stock, items, "failed")
    with pytest.raises(LoanGuardError, match=f"no sanitisation record for {len(items)} returned"):
        loans.close(stock, ref)
    _sanitisation_records(stock, items[1:], "passed")
    with pytest.raises(LoanGuardError, match="no sanitisation record for 1 returned device: "):
        loans.close(stock, ref)
    _sanitisation_records(stock, items[:1], "passed")
    assert loans.close(stock, ref).state is LoanState.CLOSED


def test_a_kit_changed_after_signing_is_not_handed_over_until_signed_again(
    stock: Workspace,
) -> None:
    ref = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    items = loans.assemble(stock, ref).items
    loans.start_provisioning(stock, ref)
    signed = documents.issue_inventory(stock, ref)
    both_sign(stock, signed.reference)
    for party in Party:
        loans.record_signature(stock, ref, "acceptance", party)
    old = next(t for t in items if t.startswith("AMP-TEL"))
    spare = next(
        r.tag
        for r in assets.list_assets(stock, "amp-tel", state=AssetState.IN_STOCK, limit=100).rows
        if r.tag not in items
    )
    view = loans.substitute(stock, ref, old, spare, "écran cassé")
    # What the parties signed no longer describes the kit: the loan forgets it (journaled).
    assert (view.acceptance_signed_by, view.inventory_signed_by) == ((), ())
    cleared = [e for e in journal.recent_events(stock, 10) if e.action == "loan.signatures_cleared"]
    assert cleared[0].before == {
        "acceptance": ["lender", "borrower"],
        "inventory": ["lender", "borrower"],
    }
    with pytest.raises(LoanGuardError, match="joint acceptance test sheet signed by neither"):
        loans.accept(stock, ref)
    for party in Party:
        loans.record_signature(stock, ref, "acceptance", party)
    loans.accept(stock, ref)
    with pytest.raises(LoanGuardError, match="joint inventory signed by neither party"):
        loans.hand_over(stock, ref)
    # Even recorded as signed, the signed inventory lists the replaced phone.
    for party in Party:
        loans.record_signature(stock, ref, "inventory", party)
    with pytest.raises(
        LoanGuardError,
        match=re.escape(
            f"joint inventory {signed.reference} does not list the kit as it is now "
            f"(not listed: {spare}; no longer in the kit: {old})"
        ),
    ):
        loans.hand_over(stock, ref)
    fresh = documents.issue_inventory(stock, ref)
    documents.sign_document(stock, fresh.reference, Party.LENDER, passphrase=PASSPHRASE)
    with pytest.raises(LoanGuardError, match=f"{fresh.reference} not signed by the borrower"):
        loans.hand_over(stock, ref)
    assert loans.get_loan(stock, ref).state is LoanState.ACCEPTED
    town_signs(stock, fresh.reference, "Marie Dupont, maire")
    assert loans.hand_over(stock, ref).state is LoanState.HANDED_OVER
    # The return report refers to the inventory signed for the handover; none is issued after.
    with pytest.raises(ValidationError, match="is handed over: a joint inventory is issued"):
        documents.issue_inventory(stock, ref)
    loans.scan_return(stock, ref, spare, Condition.GOOD)
    report = documents.issue_return(stock, ref)
    assert report.data["handover_sha256"] == fresh.sha256
    assert journal.verify_journal(stock).ok


def test_a_device_of_another_loan_received_goes_to_quarantine_and_the_loan_closes(
    stock: Workspace,
) -> None:
    ref = handed_over(stock)
    other = handed_over(stock)
    items = loans.get_loan(stock, ref).items
    swapped = next(t for t in loans.get_loan(stock, other).items if t.startswith("AMP-TEL"))
    received = [*items, swapped, "AMP-TEL-0012"]
    scans = [(t, Condition.GOOD, "") for t in received]
    with pytest.raises(loans.UnexpectedItemError, match="--unexpected") as refused:
        loans.return_items(stock, ref, scans)
    assert refused.value.tags == (swapped, "AMP-TEL-0012")
    report = loans.return_items(stock, ref, scans, confirm_unexpected=True)
    assert sorted(u.tag for u in report.unexpected) == sorted(["AMP-TEL-0012", swapped])
    # It was on the town's network: quarantined, with the reason journaled.
    assert assets.get_asset(stock, swapped).state is AssetState.QUARANTINE
    moved = next(
        e
        for e in journal.recent_events(stock, 100)
        if e.action == "asset.state_changed" and e.entity_id == swapped
    )
    assert moved.before == {"state": "on_loan"}
    assert moved.after == {
        "state": "quarantine",
        "via": "returned",
        "reason": f"loan {ref}: returned (unexpected)",
    }
    assert assets.get_asset(stock, "AMP-TEL-0012").state is AssetState.IN_STOCK
    for party in Party:
        loans.record_signature(stock, ref, "return", party)
    loans.finish_return(stock, ref)
    with pytest.raises(
        LoanGuardError, match=f"no sanitisation record for {len(items) + 1} returned devices"
    ) as err:
        loans.close(stock, ref)
    assert swapped in str(err.value)
    assert "AMP-TEL-0012" not in str(err.value)
    _sanitisation_records(stock, [*items, swapped], "passed")
    assert loans.close(stock, ref).state is LoanState.CLOSED
    assert journal.verify_journal(stock).ok


def _template_of_one_model(ws: Workspace, name: str, more: int) -> tuple[int, str, int]:
    """A template asking for laptops of the model with the fewest in stock (set-up only)."""
    with ws.db.session(write=True) as s:
        laptops = s.scalars(
            select(Asset).where(col(Asset.category) == "laptop", col(Asset.state) == "in_stock")
        ).all()
        counts = Counter(a.model_id for a in laptops if a.model_id is not None)
        assert len(counts) > 1, "the demo stock has laptops of several models"
        model_id, count = min(counts.items(), key=lambda kv: (kv[1], kv[0]))
        model = s.get(AssetModel, model_id)
        assert model is not None
        t = KitTemplate(name=name)
        s.add(t)
        s.flush()
        assert t.id is not None
        s.add(
            KitTemplateLine(
                template_id=t.id, category="laptop", model_id=model_id, quantity=count + more
            )
        )
        return model_id, f"{model.manufacturer} {model.name}", count


def test_a_template_line_naming_a_model_takes_only_that_model(stock: Workspace) -> None:
    _, model, count = _template_of_one_model(stock, "Kit trop d'un modèle", 1)
    short = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", "Kit trop d'un modèle")
    with pytest.raises(
        ValidationError, match=re.escape(f"laptop ({model}): 1 of {count + 1} missing")
    ):
        loans.assemble(stock, short.reference)
    model_id, _, _ = _template_of_one_model(stock, "Kit un modèle", 0)
    ref = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", "Kit un modèle").reference
    items = loans.assemble(stock, ref).items
    assert len(items) == count
    with stock.db.session() as s:
        picked = s.scalars(select(Asset).where(col(Asset.tag).in_(items))).all()
        assert {a.model_id for a in picked} == {model_id}


def test_a_reference_taken_out_of_order_is_skipped(stock: Workspace) -> None:
    first = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    second = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    year = first.split("-")[1]
    with stock.db.session(write=True) as s:  # set-up: the first number freed, the count is 2
        row = s.scalars(select(Loan).where(col(Loan.reference) == first)).one()
        row.reference = f"PRET-{year}-0099"
        s.add(row)
    third = loans.open_loan(stock, "CYBER-2026-001", "07-2024-06", KIT5).reference
    assert third == f"PRET-{year}-0100"
    assert second == f"PRET-{year}-0002"


OPENER_SETUP = """
from crisis.services import loans
from crisis.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], "tester")
"""
OPENER = """
print(loans.open_loan(ws, "CYBER-2026-001", "07-2024-06", sys.argv[2]).reference)
"""


def test_loans_opened_at_once_get_distinct_references(stock: Workspace, tmp_path: Path) -> None:
    argv = [stock.db.url, KIT5]
    references = sorted(run_together(OPENER_SETUP, OPENER, [argv] * 4, tmp_path))
    assert len(set(references)) == 4
    assert [r.rsplit("-", 1)[1] for r in references] == ["0001", "0002", "0003", "0004"]
    assert journal.verify_journal(stock).ok
