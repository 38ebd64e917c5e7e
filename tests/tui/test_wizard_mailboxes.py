"""The wizard's provisioning pane creates a loan's isolated mailboxes on the lab's real
Postfix and Dovecot, then checks each one (IMAP login) and a message from one to another."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TabbedContent

from crisis.domain.secret_values import SecretRef
from crisis.services import journal, loans, mailboxes, vault, vault_secrets
from crisis.services.workspace import VaultCredential, Workspace
from tests.lab import lab_mail_host
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tests.tui.test_activation_wizard import enter, problem
from tui.app import CrisisApp

pytestmark = pytest.mark.lab

DOMAIN = "aubagne.crise.example"  # the demo town Aubagne's crisis mail domain
#: Another town's domain, served first by the mail host (issue 11 point 3).
OTHER_TOWN = "laciotat.crise.example"
VAULT = "phrase de passe du coffre du labo"


@pytest.fixture(scope="module")
def mail_host() -> Iterator[Any]:
    yield from lab_mail_host(subnet=10)


@pytest.fixture
def reserved(demo_ws: Workspace, mail_host: Any) -> Iterator[tuple[Workspace, str]]:
    """An assembled loan of the demo's Aubagne, the mail host set up and its daemons up."""
    from crisis.lab.mail import MailDaemons

    ws = demo_ws
    vault.init_vault(ws, VaultCredential(passphrase=VAULT))
    loans.declare_crisis(ws, TOWN, "CYBER-MAILBOX", "Maire")
    ref = loans.open_loan(ws, "CYBER-MAILBOX", AGREEMENT, TEMPLATE).reference
    loans.assemble(ws, ref)
    mailboxes.configure_mail_host(
        ws,
        mail_host.address,
        mail_host.inventory_vars(),
        [OTHER_TOWN, DOMAIN],
        # The lab's chroot has no init system: the lab starts the daemons itself.
        {"mail_manage_services": False, "mail_hostname": f"mail.{DOMAIN}"},
    )
    setup = mailboxes.setup_mail_host(ws)
    assert [h.status for h in setup.hosts] in (["changed"], ["ok"]), setup.hosts
    daemons = MailDaemons(mail_host)
    daemons.start()
    try:
        yield ws, ref
    finally:
        daemons.stop()


def results(app: CrisisApp) -> str:
    return str(app.screen.query_one("#mailbox-results", Static).render())


async def type_in(pilot: Pilot[None], selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = ""
    await pilot.click(selector)
    await pilot.press(*keys(value))


async def test_the_loans_mailboxes_are_created_and_checked(
    reserved: tuple[Workspace, str],
) -> None:
    ws, ref = reserved
    app = CrisisApp(ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        resume = app.screen.query_one("#resume", OptionList)
        app.screen.set_focus(resume)
        resume.highlighted = 0
        await enter(pilot)
        assert app.screen.query_one("#wizard", TabbedContent).active == "step-provision"
        assert results(app) == "No mailbox for this loan."
        # The borrower's domain is offered, not the mail host's first (another town's).
        assert app.screen.query_one("#mail-domain", Input).value == DOMAIN

        # The vault of this station is locked: the creation says so, nothing is created.
        await pilot.click("#create-mailboxes")
        await settle(pilot)
        assert "the vault is locked" in problem(app)
        assert app.last_error == problem(app)
        assert results(app) == "No mailbox for this loan."  # "creating…" did not stay

        # A domain the mail host does not serve is refused, naming it.
        await type_in(pilot, "#mail-domain", "other.test")
        await type_in(pilot, "#mail-passphrase", VAULT)
        await pilot.click("#create-mailboxes")
        await settle(pilot)
        assert "other.test is not its domain" in problem(app)
        assert app.screen.query_one("#mail-passphrase", Input).value == ""  # never kept

        # Another town's domain, even one the mail host serves, is refused.
        await type_in(pilot, "#mail-domain", OTHER_TOWN)
        await type_in(pilot, "#mail-passphrase", VAULT)
        await pilot.click("#create-mailboxes")
        await settle(pilot)
        assert f"{OTHER_TOWN} is the domain of Commune de La Ciotat" in problem(app)

        await type_in(pilot, "#mail-domain", DOMAIN)
        await pilot.click("#create-mailboxes")  # the vault stays open for the session
        await settle(pilot)
        assert problem(app) == ""
        shown = results(app)
        assert shown.startswith("Mailbox creation: successful — mail: changed")
        addresses = [f"crise{i:02d}.{ref.lower()}@{DOMAIN}" for i in range(1, 6)]
        for address in addresses:
            assert f"{address}: created" in shown

        await pilot.click("#check-mailboxes")
        await settle(pilot)
        assert problem(app) == ""
        shown = results(app)
        for address in addresses:
            assert f"{address}: IMAP login ok" in shown
        assert shown.endswith("Send and receive: passed")
        checked = journal.recent_events(ws, 1)[0]
        assert checked.action == "mailboxes.checked"
        assert checked.after["passed"] is True

        # Test set-up: the vault's password of the last mailbox no longer matches the host's.
        drifted = addresses[-1]
        vault_secrets.rotate_secret(ws, SecretRef("mailbox", drifted, "password"))
        await pilot.click("#check-mailboxes")
        await settle(pilot)
        shown = results(app)
        assert f"{drifted}: IMAP login FAILED" in shown
        for address in addresses[:-1]:
            assert f"{address}: IMAP login ok" in shown
        assert shown.endswith("Send and receive: passed")
        assert problem(app).startswith("the mailbox check failed: ")
        assert app.last_error == problem(app)
    assert journal.recent_events(ws, 1)[0].after["passed"] is False
