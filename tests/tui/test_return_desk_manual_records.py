"""Manual sanitisation records at the desk: bad input named, nothing half-recorded, a failed
check leaves the device in quarantine."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from crisis.domain.assets import AssetState, Category, Condition
from crisis.domain.loans import Party
from crisis.domain.tags import sorted_tags
from crisis.errors import ValidationError
from crisis.services import assets, documents, journal, loans, quarantine
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.quarantine import ManualSanitisation
from crisis.services.workspace import Workspace
from inventory.repo import runs as runs_repo
from tests.documents.town import town_signs
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp

DONE = ManualSanitisation(
    method="Clear",
    technique="factory reset from the recovery menu",
    tool="Android recovery",
    verification="passed",
    verification_method="setup wizard shown at restart",
)


def back_in_quarantine(ws: Workspace) -> tuple[str, dict[Category, list[str]]]:
    """A loan returned whole, its report signed by both, its devices in quarantine."""
    seed_demo_operators(ws)
    ref = handed_over(ws).reference
    by_kind: dict[Category, list[str]] = {}
    for tag in sorted(loans.get_loan(ws, ref).items):
        loans.scan_return(ws, ref, tag, Condition.GOOD)
        by_kind.setdefault(assets.get_asset(ws, tag).category, []).append(tag)
    report = documents.issue_return(ws, ref)
    documents.sign_document(ws, report.reference, Party.LENDER, passphrase=DEMO_PASSPHRASE)
    town_signs(ws, report.reference, "Marie Dupont, maire")
    loans.finish_return(ws, ref)
    return ref, by_kind


def records(ws: Workspace, tag: str) -> int:
    with ws.db.session() as s:
        return len(runs_repo.sanitisations(s, tag))


def test_bad_records_are_refused_whole(demo_ws: Workspace) -> None:
    ref, kinds = back_in_quarantine(demo_ws)
    phone, laptop = kinds[Category.PHONE][0], kinds[Category.LAPTOP][0]
    bad = (
        (ManualSanitisation("Wipe", "x", "y", "passed", "z"), "method 'Wipe': one of Clear"),
        (ManualSanitisation("Clear", "x", "y", "maybe", "z"), "'maybe': passed or failed"),
        (ManualSanitisation("Clear", " ", "y", "passed", "z"), "names its technique"),
        (ManualSanitisation("Clear", "x", "y", "passed", ""), "names its verification_method"),
    )
    for done, error in bad:
        with pytest.raises(ValidationError, match=error):
            quarantine.record_manual_sanitisation(demo_ws, [phone], done)
    # A laptop in the list refuses the whole batch: the phone before it is not recorded.
    with pytest.raises(ValidationError, match=f"{laptop} is a laptop"):
        quarantine.record_manual_sanitisation(demo_ws, [phone, laptop], DONE)
    assert records(demo_ws, phone) == 0
    assert assets.get_asset(demo_ws, phone).state is AssetState.QUARANTINE

    # A failed check is recorded and the device stays in quarantine; the loan stays open.
    quarantine.record_manual_sanitisation(
        demo_ws, [phone], ManualSanitisation("Clear", "reset", "adb", "failed", "restart")
    )
    status = {d.tag: d for d in quarantine.quarantine_of(demo_ws, ref).devices}
    assert (status[phone].state, status[phone].sanitisation) == (AssetState.QUARANTINE, "failed")
    # Then a passed one: sanitised; a second record is refused (not in quarantine anymore).
    quarantine.record_manual_sanitisation(demo_ws, [phone], DONE)
    assert assets.get_asset(demo_ws, phone).state is AssetState.SANITISED
    with pytest.raises(ValidationError, match="Sanitised', not in quarantine"):
        quarantine.record_manual_sanitisation(demo_ws, [phone], DONE)
    assert records(demo_ws, phone) == 2
    assert journal.verify_journal(demo_ws).ok


async def test_a_refused_record_is_shown_and_a_good_one_listed(demo_ws: Workspace) -> None:
    ref, kinds = back_in_quarantine(demo_ws)
    switch = kinds[Category.SWITCH][0]
    app = CrisisApp(demo_ws.url, "tester", lang="fr")
    async with app.run_test(size=(160, 90)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#--content-tab-tab-quarantine")
        await settle(pilot)
        await pilot.click("#manual-tags")
        await pilot.press(*keys(switch))
        await pilot.click("#record-manual")  # no technique, tool nor check typed
        await settle(pilot)
        problem = str(app.screen.query_one("#problem", Static).render())
        assert "renseigner le champ « technique »" in problem  # in the app's French
        assert problem == app.last_error
        for selector, value in (
            ("#manual-technique", "write erase"),
            ("#manual-tool", "IOS"),
            ("#manual-check", "show running-config"),
        ):
            await pilot.click(selector)
            await pilot.press(*keys(value))
        await pilot.click("#record-manual")
        await settle(pilot)
        assert not app.screen.query_one("#problem", Static).display
        row = [str(c) for c in app.screen.query_one("#devices", DataTable).get_row(switch)]
        assert row[2:4] == ["Assaini", "vérifié (Clear)"]
        assert row[5] == "—"  # no factory reset journaled since the handover
        assert app.screen.query_one("#manual-tags", Input).value == switch
    assert records(demo_ws, switch) == 1
    status = {d.tag: d for d in quarantine.quarantine_of(demo_ws, ref).devices}
    assert (status[switch].method, status[switch].technique) == ("Clear", "write erase")


def test_quarantine_status_and_records_on_both_backends(ws: Workspace) -> None:
    """The same queries and the locked record on SQLite and on PostgreSQL."""
    from crisis.services.demo import seed_demo

    seed_demo(ws, laptops=12, phones=12)
    ref, kinds = back_in_quarantine(ws)
    accessories = kinds[Category.ACCESSORY]
    none = ManualSanitisation("Clear", "visual check: no storage media", "none", "passed", "eyes")
    assert quarantine.record_manual_sanitisation(ws, accessories, none) == tuple(accessories)
    view = quarantine.quarantine_of(ws, ref)
    assert view.state.value == "sanitising"
    assert [d.tag for d in view.devices] == sorted_tags(t for k in kinds.values() for t in k)
    assert view.tags(Category.ACCESSORY, AssetState.SANITISED) == tuple(accessories)
    assert view.tags(Category.ACCESSORY, AssetState.QUARANTINE) == ()
    assert view.uncertified == tuple(accessories)
    assert view.mailboxes == ()
    assert {d.reset for d in view.devices} == {""}
