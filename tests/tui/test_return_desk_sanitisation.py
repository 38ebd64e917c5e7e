"""Quarantine and sanitisation at the desk, against the lab: laptops wiped over SSH with
per-host progress, phones reset through the clearly named fake adb, manual records,
certificates, the mailboxes' data destroyed on the lab's mail host, then the loan closed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from crisis.domain.assets import AssetState, Category, Condition
from crisis.domain.documents import DocumentKind
from crisis.domain.loans import LoanState, Party
from crisis.services import assets, documents, journal, loans, mailboxes, vault
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.workspace import VaultCredential, Workspace
from inventory.repo import loans as loans_repo
from tests.documents.town import town_signs
from tests.lab import need_programs, need_root
from tests.tui.helpers import answer, keys, settle
from tests.tui.lifecycle import handed_over
from tui.app import CrisisApp
from tui.widgets.close_prompt import ClosePrompt
from tui.widgets.confirm_action import ConfirmAction
from tui.widgets.host_progress import HostProgress

pytestmark = pytest.mark.lab

FAKE_ADB = Path(__file__).parents[1] / "integration" / "bin" / "fake-adb"
DOMAIN = "aubagne.crise.example"  # the demo town Aubagne's crisis mail domain
LAPTOPS_BACK = 2  # of the kit's 5: the other 3 stay missing


@pytest.fixture(scope="module")
def lab() -> Iterator[tuple[list[Any], Any]]:
    """Two lab laptops and a mail host, each on a subnet of its own."""
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    from crisis.lab.laptops import lab_hosts, laptops

    with laptops(LAPTOPS_BACK, subnet=7) as hosts, lab_hosts(["mail"], subnet=8) as (mail,):
        yield hosts, mail


@pytest.fixture
def back(
    demo_ws: Workspace,
    lab: tuple[list[Any], Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[Workspace, str, list[str]]]:
    """A loan whose return report is signed by both and whose devices are in quarantine:
    two laptops back (reachable lab laptops), three missing, two isolated mailboxes."""
    from crisis.lab.mail import MailDaemons

    hosts, mail = lab
    ws = demo_ws
    seed_demo_operators(ws)
    vault.init_vault(ws, VaultCredential(passphrase="phrase de passe du coffre du labo"))
    ref = handed_over(ws).reference
    items = loans.get_loan(ws, ref).items
    laptops = sorted(t for t in items if assets.get_asset(ws, t).category is Category.LAPTOP)
    # Test set-up: the laptops coming back are the lab's (how Ansible reaches them).
    with ws.db.session(write=True) as s:
        for asset, host in zip(
            loans_repo.assets_by_tags(s, laptops[:LAPTOPS_BACK]), hosts, strict=True
        ):
            asset.attributes = {**asset.attributes, **host.inventory_vars()}
            s.add(asset)
    mailboxes.configure_mail_host(
        ws,
        mail.address,
        mail.inventory_vars(),
        [DOMAIN],
        {"mail_manage_services": False, "mail_hostname": f"mail.{DOMAIN}"},
    )
    setup = mailboxes.setup_mail_host(ws)
    assert [h.status for h in setup.hosts] in (["changed"], ["ok"]), setup.hosts
    daemons = MailDaemons(mail)
    daemons.start()
    try:
        created = mailboxes.create_mailboxes(ws, ref, DOMAIN, count=2)
        assert [h.status for h in created.hosts] == ["changed"], created.hosts
        for tag in items:
            if tag not in laptops[LAPTOPS_BACK:]:
                loans.scan_return(ws, ref, tag, Condition.GOOD)
        report = documents.issue_return(ws, ref)
        documents.sign_document(ws, report.reference, Party.LENDER, passphrase=DEMO_PASSPHRASE)
        town_signs(ws, report.reference, "Marie Dupont, maire")
        loans.finish_return(ws, ref)
        # The clearly named fake adb answers as the phones on this station's USB.
        station = tmp_path / "station-bin"
        station.mkdir()
        (station / "adb").symlink_to(FAKE_ADB)
        monkeypatch.setenv("PATH", f"{station}{os.pathsep}{os.environ['PATH']}")
        monkeypatch.setenv("FAKE_ADB_LOG", str(tmp_path / "adb.log"))
        yield ws, ref, laptops
    finally:
        daemons.stop()


def text(app: CrisisApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def devices(app: CrisisApp) -> dict[str, list[str]]:
    table = app.screen.query_one("#devices", DataTable)
    rows = (table.get_row_at(i) for i in range(table.row_count))
    return {str(r[0]): [str(c) for c in r] for r in rows}


async def close(pilot: Pilot[None]) -> None:
    """Press Close; when it asks, declare what the town kept and close the incidents."""
    await pilot.click("#close")
    await settle(pilot)
    prompt = pilot.app.screen
    if isinstance(prompt, ConfirmAction):  # nothing to settle first: a closed loan is final
        await answer(pilot, "cannot", "reopened")
        return
    if not isinstance(prompt, ClosePrompt):
        return
    if prompt.query("#declarant"):
        prompt.query_one("#declarant", Input).value = "DGS d'Aubagne"
    prompt.query_one("#resolution", Input).value = "plainte déposée"
    await pilot.click("#lost" if prompt.query("#lost") else "#resolve")
    await settle(pilot)


async def fill(pilot: Pilot[None], selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = ""
    await pilot.click(selector)
    await pilot.press(*keys(value))


async def test_quarantine_to_closed_loan(
    back: tuple[Workspace, str, list[str]], tmp_path: Path
) -> None:
    ws, ref, laptops = back
    received = loans.return_report(ws, ref).received_tags
    app = CrisisApp(ws.url, "tester", lang="en")
    async with app.run_test(size=(180, 120)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#--content-tab-tab-quarantine")
        await settle(pilot)
        rows = devices(app)
        assert sorted(rows) == sorted(received)
        assert {r[2] for r in rows.values()} == {"Quarantine"}
        assert set(laptops[LAPTOPS_BACK:]).isdisjoint(rows)  # missing: nothing to wipe

        # Nothing sanitised yet: the close first offers to declare the laptops the town kept
        # (declared lost, their clocks closed with the reason), then is refused, with why.
        await close(pilot)
        assert {assets.get_asset(ws, t).state for t in laptops[LAPTOPS_BACK:]} == {AssetState.LOST}
        assert f"no sanitisation record for {len(received)} returned devices" in text(
            app, "#problem"
        )

        # The laptops are wiped over SSH, each host's progress shown as it goes.
        await pilot.click("#sanitise-laptops")
        await settle(pilot)
        await answer(pilot, *laptops[:LAPTOPS_BACK], "all their data will be destroyed")
        progress = app.screen.query_one(HostProgress)
        for tag in laptops[:LAPTOPS_BACK]:
            assert progress.status_of(tag) == "changed"
            assert progress.tasks[tag] > 1
        assert text(app, "#run-summary") == "Run finished: successful — failed: —"
        rows = devices(app)
        for tag in laptops[:LAPTOPS_BACK]:
            assert rows[tag][2:4] == ["Sanitised", "verified (Clear)"]

        # The phones are reset through adb; the manual record is prefilled with them.
        phones = [t for t in rows if assets.get_asset(ws, t).category is Category.PHONE]
        await pilot.click("#reset-phones")
        await settle(pilot)
        await answer(pilot, *phones, "factory settings")
        assert all(progress.status_of(p) == "changed" for p in phones)
        assert app.screen.query_one("#manual-tags", Input).value.split() == phones
        rows = devices(app)
        assert all(rows[p][5] == "verified" for p in phones)  # the reset, journaled
        assert all(rows[p][2] == "Quarantine" for p in phones)  # not sanitised for all that
        for phone in phones:
            assert f"-s {assets.get_asset(ws, phone).serial} get-state" in (
                (tmp_path / "adb.log").read_text()
            )
        await fill(pilot, "#manual-check", "setup wizard shown at restart")
        await pilot.click("#record-manual")
        await settle(pilot)

        # A laptop is never recorded by hand: its wipe has a playbook.
        await fill(pilot, "#manual-tags", laptops[0])
        await pilot.click("#record-manual")
        await settle(pilot)
        assert "is a laptop" in text(app, "#problem")

        # The switch (reset on its own screen) and the chargers, by hand.
        others = [t for t, r in devices(app).items() if r[2] == "Quarantine"]
        found = {assets.get_asset(ws, t).category for t in others}
        assert found == {Category.SWITCH, Category.ACCESSORY}
        await fill(pilot, "#manual-tags", " ".join(others))
        await fill(pilot, "#manual-technique", "visual check, factory defaults")
        await fill(pilot, "#manual-tool", "none")
        await fill(pilot, "#manual-check", "inspection by a second technician")
        await pilot.click("#record-manual")
        await settle(pilot)
        rows = devices(app)
        assert {r[2] for r in rows.values()} == {"Sanitised"}

        # Every device sanitised, the mailboxes' data not yet: refused, naming them.
        await close(pilot)
        assert "no data disposition for 2 mailboxes" in text(app, "#problem")

        await fill(pilot, "#validated-by", "RSSI de la DSI")
        await pilot.click("#issue-certificates")
        await settle(pilot)
        rows = devices(app)
        assert all(r[4].startswith(f"{ref}/sanitisation/") for r in rows.values()), rows

        await fill(pilot, "#disposal", "ATT-2026-014")
        await pilot.click("#dispose")  # destroyed, the default
        await settle(pilot)
        assert text(app, "#mailboxes").count(": destroyed") == 2
        await pilot.click("#data-certificate")
        await settle(pilot)
        assert f"{ref}/data_disposition" in text(app, "#mailboxes")

        await close(pilot)
        assert "closed" in text(app, "#loan-state")
    assert loans.get_loan(ws, ref).state is LoanState.CLOSED
    kinds = [d.kind for d in documents.list_documents(ws, ref)]
    assert kinds.count(DocumentKind.SANITISATION) == len(received)
    assert DocumentKind.DATA_DISPOSITION in kinds
    assert all(assets.get_asset(ws, t).state is AssetState.SANITISED for t in received)
    assert journal.verify_journal(ws).ok
