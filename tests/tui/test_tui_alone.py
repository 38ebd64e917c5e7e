"""The walkthrough in the TUI alone (issue 15): the vault created and unlocked, the mail host
recorded and set up, an asset's attributes edited, each document read, exported, sealed and
printed; every refusal says what to do next. The same services as the CLI, checked through
them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select, SelectionList, Static

from crisis.domain.loans import Party
from crisis.errors import ValidationError, describe
from crisis.services import assets, document_output, documents, loans, vault
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.mail_host import recorded_mail_host
from crisis.services.workspace import Workspace
from tests.documents.certificates import P12_PASSPHRASE
from tests.documents.town import town_credential
from tests.tui.helpers import keys, settle
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN
from tui.app import CrisisApp
from tui.widgets.signing import SigningPanel

VAULT = "coffre de démonstration"


def text_of(app: CrisisApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_in(pilot: Pilot[None], selector: str, value: str) -> None:
    """Empty the field, click it and type `value` key by key."""
    pilot.app.screen.query_one(selector, Input).value = ""
    await pilot.click(selector)
    await pilot.press(*keys(value))


async def press(pilot: Pilot[None], selector: str) -> None:
    """Press a button (wherever the layout puts it) and wait for the work it started."""
    pilot.app.screen.query_one(selector, Button).press()
    await settle(pilot)


# ---------------------------------------------------------------------------------- vault


async def test_the_vault_is_created_then_unlocked_from_the_tui(demo_ws: Workspace) -> None:
    assert not vault.status(demo_ws).initialised
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        assert "No vault yet" in text_of(app, "#vault-state")
        # Two different passphrases: refused, saying what to do; nothing created.
        await type_in(pilot, "#vault-passphrase", VAULT)
        await type_in(pilot, "#vault-again", "autre chose")
        await press(pilot, "#vault-init")
        assert "type them again" in text_of(app, "#problem")
        assert not vault.status(demo_ws).initialised
        assert app.screen.query_one("#vault-passphrase", Input).value == ""  # never kept
        await type_in(pilot, "#vault-passphrase", VAULT)
        await type_in(pilot, "#vault-again", VAULT)
        await press(pilot, "#vault-init")
        assert "Vault created" in text_of(app, "#vault-state")
        assert not app.screen.query_one("#vault-init").display  # now: unlock only
    assert vault.status(demo_ws).initialised
    # A new session: the vault is there, locked; a wrong passphrase is refused, then opened.
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        assert "locked: type its passphrase" in text_of(app, "#vault-state")
        await type_in(pilot, "#vault-passphrase", "wrong")
        await press(pilot, "#vault-unlock")
        assert text_of(app, "#problem")  # the service's refusal, next to the form
        assert app.ws._vault_key is None
        await type_in(pilot, "#vault-passphrase", VAULT)
        await pilot.press("enter")  # Enter in the field unlocks
        await settle(pilot)
        assert "Vault unlocked for this session" in text_of(app, "#vault-state")
        assert vault.status(app.ws).unlocked  # the app's workspace: every screen


# ---------------------------------------------------------------------------------- mail host


async def test_the_mail_host_is_recorded_and_set_up_from_the_tui(demo_ws: Workspace) -> None:
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        assert "No mail host recorded" in text_of(app, "#mail-state")
        # Set up before any host: refused, the TUI's next step named (not a CLI command).
        await press(pilot, "#mail-setup")
        said = text_of(app, "#problem")
        assert "Record the host" in said, said
        assert "crisis mailboxes" not in said
        await type_in(pilot, "#mail-address", "127.0.0.1")
        await type_in(pilot, "#mail-domains", "aubagne.crise.example")
        await press(pilot, "#mail-record")
        assert "Mail host 127.0.0.1 recorded" in text_of(app, "#mail-state")
        assert app.screen.query_one("#mail-address", Input).value == ""  # cleared once done
        # The town's crisis domain, as `crisis mailboxes domain` records it.
        await type_in(pilot, "#town", TOWN)
        await type_in(pilot, "#town-domain", "aubagne.crise.example")
        await press(pilot, "#town-record")
        assert "aubagne.crise.example" in text_of(app, "#mail-state")
    host = recorded_mail_host(demo_ws)
    assert host is not None
    assert (host.address, host.domains) == ("127.0.0.1", ("aubagne.crise.example",))


# ---------------------------------------------------------------------------------- assets


async def test_an_assets_attributes_are_edited_from_the_inventory(demo_ws: Workspace) -> None:
    tag = "AMP-PC-0001"
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#filter")
        await pilot.press(*keys(tag), "enter")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert f"Edit {tag}" == app.title or tag in text_of(app, "#asset-now")
        assert app.screen.focused is app.screen.query_one("#assignments")  # a field, not Save
        await pilot.press(*keys("ansible_host=192.0.2.41 ansible_user=root"), "enter")
        await settle(pilot)
        assert "ansible_host" in text_of(app, "#asset-changes")
        assert app.screen.query_one("#assignments", Input).value == ""  # the form is cleared
        # A bad value: the service's own error, the same as the CLI's, and what to do next.
        await pilot.press(*keys("ansible_host=not/a/host"), "enter")
        await settle(pilot)
        with pytest.raises(ValidationError) as refused:
            assets.set_fields(demo_ws, tag, {"ansible_host": "not/a/host"})
        said = text_of(app, "#problem")
        assert describe(refused.value, "en") in said
        assert "correct the value" in said
        # The management address, from its own field (the refused value taken out first).
        app.screen.query_one("#assignments", Input).value = ""
        await type_in(pilot, "#mgmt", "192.0.2.50")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#detail")  # back on the inventory
    detail = assets.get_asset(demo_ws, tag)
    assert detail.attributes["ansible_host"] == "192.0.2.41"
    assert detail.attributes["ansible_user"] == "root"
    assert detail.mgmt_address == "192.0.2.50"


# ---------------------------------------------------------------------------------- documents


@pytest.fixture
def issued(demo_ws: Workspace) -> tuple[Workspace, str]:
    """A joint inventory of a reserved demo loan, signed by the lender (its hash)."""
    ws = demo_ws
    seed_demo_operators(ws)
    loans.declare_crisis(ws, TOWN, "CYBER-DOCS", "Maire")
    ref = loans.open_loan(ws, "CYBER-DOCS", AGREEMENT, TEMPLATE).reference
    loans.assemble(ws, ref)
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=DEMO_PASSPHRASE)
    return ws, doc.reference


async def open_documents(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("f12")
    await settle(pilot)


async def test_a_document_is_read_exported_and_sealed_by_both(
    issued: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, reference = issued
    out = tmp_path / "inventaire.pdf"
    app = CrisisApp(ws.url, "tester", lang="en")
    async with app.run_test(size=(140, 50)) as pilot:
        await open_documents(pilot)
        body = text_of(app, "#doc-body")
        assert f"Joint inventory — {reference}" in body or reference in body
        doc = documents.get_document(ws, reference)
        for item in doc.data["items"]:
            assert item["tag"] in body  # every line of the kit, on screen
        assert doc.sha256 in body
        assert "Signed by the lender" in body or "tester" in body
        # Export to a chosen path: the same bytes as `crisis documents pdf`.
        await type_in(pilot, "#export-path", str(out))
        await press(pilot, "#export")
        assert out.read_bytes() == document_output.document_pdf(ws, reference)
        assert "PDF written to" in text_of(app, "#doc-result")
        # Again: the file is there; the TUI says how to replace it.
        await press(pilot, "#export")
        assert 'tick "Replace"' in text_of(app, "#problem")
        # Seal as the lender without its passphrase: told what to type.
        await press(pilot, "#seal-lender")
        assert "local authority passphrase" in text_of(app, "#problem")
        await type_in(pilot, "#ca-passphrase", "autorité de démonstration")
        await press(pilot, "#seal-lender")
        assert "sealed by the lender" in text_of(app, "#doc-result")
        # The town seals with its own PKCS#12.
        p12 = town_credential().pkcs12
        assert p12 is not None
        await type_in(pilot, "#pkcs12", str(p12))
        await type_in(pilot, "#pkcs12-passphrase", P12_PASSPHRASE)
        await press(pilot, "#seal-borrower")
        assert "sealed by the town" in text_of(app, "#doc-result"), text_of(app, "#problem")
        assert "PDF sealed" in text_of(app, "#doc-body")
    sealed = documents.get_document(ws, reference).signed_pdf
    assert sealed is not None
    assert documents._sealed_fields(sealed) == set(documents.PDF_FIELDS.values())


def fake_lp(folder: Path) -> Path:
    """An ``lp`` on PATH that keeps what it was sent and answers as CUPS does."""
    script = folder / "lp"
    script.write_text(
        f'#!/bin/sh\n/bin/cat > "{folder}/printed.pdf"\necho "$@" > "{folder}/args"\n'
        'echo "request id is bureau-7 (1 file(s))"\n'
    )
    script.chmod(0o755)
    return folder / "printed.pdf"


async def test_a_document_is_printed_or_the_tui_says_there_is_no_printer(
    issued: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, reference = issued
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp at all
    app = CrisisApp(ws.url, "tester", lang="en")
    async with app.run_test(size=(140, 50)) as pilot:
        await open_documents(pilot)
        await press(pilot, "#print")
        said = text_of(app, "#problem")
        assert "No printer on this computer" in said
        assert "export the PDF" in said
        printed = fake_lp(tmp_path)
        await press(pilot, "#print")
        assert "request id is bureau-7" in text_of(app, "#doc-result"), text_of(app, "#problem")
    assert printed.read_bytes() == document_output.document_pdf(ws, reference)
    assert reference in (tmp_path / "args").read_text()
    assert os.environ["PATH"] == str(tmp_path)


# ---------------------------------------------------------------------------------- signing


class Signing(App[None]):
    """The wizard's signing panel alone, at the width of a small terminal."""

    def compose(self) -> ComposeResult:
        yield SigningPanel("acceptance", "fr", id="signing")


async def test_the_towns_ways_of_signing_are_shown_whole() -> None:
    """The list of the town's ways was cut at 40 columns ("Signature manuscrite (scan du")."""
    app = Signing()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        way = app.screen.query_one("#acceptance-town-way", Select)
        label = "Signature manuscrite (scan du document signé)"
        assert way.region.width >= len(label) + 6  # borders, padding and the arrow
        shown = way.query_one("SelectCurrent #label", Static)
        assert label in str(shown.render())
        assert shown.region.width >= len(label)  # the whole label, not its first 30 columns


# ---------------------------------------------------------------------------------- gaps


async def test_every_gap_is_ticked_with_one_button(demo_ws: Workspace) -> None:
    """22 rows not run on a 10-seat kit were 44 keys to tick; one button now, and the focus
    goes on to who accepts them."""
    from tests.tui.test_wizard_reservations import failed_rows, resume, sheet_with_gaps

    seed_demo_operators(demo_ws)
    _, sheet = sheet_with_gaps(demo_ws, "CYBER-ALL")
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await resume(pilot)
        await press(pilot, "#gaps-all")
        listed = app.screen.query_one("#gaps-rows", SelectionList)
        assert sorted(listed.selected) == [n for n, _ in failed_rows(sheet)]
        assert app.screen.focused is app.screen.query_one("#gaps-by")
