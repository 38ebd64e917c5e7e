"""The acceptance sheet of a kit whose laptops were really cleaned and whose switch was really
configured: lab laptops (Debian chroots with sshd) and the switch simulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crisis.adapters.switch_ios import SwitchCredentials
from crisis.config import data_dir
from crisis.domain.acceptance_results import row_words
from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.lab.switch import SimSwitch
from crisis.services import assets, documents, journal, loans, mailboxes, provisioning, switch
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace
from inventory.tables import KitTemplate, KitTemplateLine
from tests.integration import test_mailbox_service as mail_lab
from tests.integration.test_switch_service import pinned, simulator
from tests.lab import need_programs, need_root
from tests.secret_scan import leaks, vault_needles

pytestmark = pytest.mark.lab

PASSWORD = "N0uveau-Mot-de-passe-Admin"
GOOD, CONTRADICTED = "LAB-PC-0001", "LAB-PC-0002"
TEMPLATE = "Kit labo 2 postes"


@pytest.fixture(scope="module")
def hosts() -> Iterator[list[Any]]:
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    from crisis.lab.laptops import laptops

    # A subnet of its own: other lab tests hold 127.0.2-4.x.
    with laptops(2, subnet=9) as started:
        yield started


@pytest.fixture
def sim() -> Iterator[SimSwitch]:
    yield from simulator()


@pytest.fixture
def lab_kit(sqlite_ws: Workspace, hosts: list[Any]) -> tuple[Workspace, str]:
    """A loan of the two lab laptops and a switch, being provisioned."""
    ws = sqlite_ws
    seed_demo(ws, laptops=0, phones=0)
    for tag, host, macs in (
        (GOOD, hosts[0], ()),
        (CONTRADICTED, hosts[1], ("02:00:00:00:00:99",)),  # not the device's MAC address
    ):
        assets.add_asset(
            ws,
            AssetDraft(
                tag=tag, category=Category.LAPTOP, mac_addresses=macs,
                attributes=host.inventory_vars(),
            ),
        )  # fmt: skip
    with ws.db.session(write=True) as s:
        t = KitTemplate(name=TEMPLATE, mailboxes=0, description="2 postes, 1 commutateur")
        s.add(t)
        s.flush()
        assert t.id is not None
        for cat, qty in ((Category.LAPTOP, 2), (Category.SWITCH, 1)):
            s.add(KitTemplateLine(template_id=t.id, category=cat.value, quantity=qty, label=""))
    loans.declare_crisis(ws, "13005", "CYBER-LAB", "Maire")
    ref = loans.open_loan(ws, "CYBER-LAB", "07-2024-06", TEMPLATE).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    return ws, ref


def test_the_sheet_states_what_the_real_runs_recorded(
    lab_kit: tuple[Workspace, str], sim: SimSwitch
) -> None:
    ws, ref = lab_kit
    (sw,) = [t for t in loans.get_loan(ws, ref).items if t.startswith("AMP-SW")]
    before = {r["subject"]: r for r in documents.issue_acceptance(ws, ref).data["tests"]}
    assert {t: before[t]["passed"] for t in (GOOD, CONTRADICTED, sw)} == dict.fromkeys(
        (GOOD, CONTRADICTED, sw), False
    )
    run = provisioning.clean_laptops(ws, dict.fromkeys((GOOD, CONTRADICTED), PASSWORD))
    assert {h.host: h.status for h in run.hosts} == {GOOD: "changed", CONTRADICTED: "changed"}
    pinned(ws, sim, sw)
    plan = switch.SwitchPlan(
        sw, (), ports="Fa0/1-8,Gi0/2", uplink="Gi0/1", host=sim.host, ssh_port=sim.port,
        loan=ref, port_security=False,
    )  # fmt: skip
    applied = switch.apply_switch(
        ws, plan, SwitchCredentials(sim.username, sim.password, sim.secret)
    )

    rows = {r["subject"]: r for r in documents.issue_acceptance(ws, ref).data["tests"]}
    assert set(rows) == {GOOD, CONTRADICTED, sw}
    assert rows[GOOD]["passed"] is True
    assert row_words(rows[GOOD], "fr").record.startswith(f"exécution n° {run.id}, journal n° ")
    assert rows[CONTRADICTED]["passed"] is False
    contradiction = row_words(rows[CONTRADICTED], "fr").observed
    assert contradiction.startswith("contradiction : mac_addresses : ")
    assert "02:00:00:00:00:99" in contradiction
    assert rows[sw]["passed"] is True
    assert row_words(rows[sw], "fr").record.startswith(f"journal n° {applied.journal_seq}, ")
    assert all(r["automated"] and r["tester"] == "tester" for r in rows.values())
    # What the runs left (Ansible artifacts, switch session logs, the database, the sheet's
    # PDF) holds neither the laptops' new password nor the switch's credentials.
    pdf = documents.render_document(ws, documents.list_documents(ws, ref)[-1].reference)
    assert_nothing_in_clear(
        ws, pdf, {"admin": PASSWORD, "switch login": sim.password, "enable": sim.secret}
    )


#: The mail lab's fixtures: a mail host with Postfix and Dovecot, a loan using it.
mail_host = mail_lab.mail_host
mail_loan = mail_lab.loan


def test_the_mailbox_rows_are_the_real_check(mail_loan: tuple[Workspace, str]) -> None:
    ws, ref = mail_loan
    mailboxes.create_mailboxes(ws, ref, mail_lab.DOMAIN)
    check = mailboxes.check_mailboxes(ws, ref)
    assert check.passed, check.problems
    rows = [
        r
        for r in documents.issue_acceptance(ws, ref).data["tests"]
        if r["test"].startswith("acceptance.auto.mail_")
    ]
    assert [r["subject"] for r in rows] == [*sorted(check.logins), ""]
    assert all(r["passed"] and r["automated"] for r in rows)
    assert row_words(rows[-1], "fr").observed == "message reçu"
    assert row_words(rows[-1], "en").observed == "message received"
    event = journal.recent_events(ws, 1)[0]
    assert event.action == "document.issued"
    checked = next(e for e in journal.recent_events(ws, 5) if e.action == "mailboxes.checked")
    assert all(row_words(r, "fr").record.startswith(f"journal n° {checked.seq}, ") for r in rows)
    pdf = documents.render_document(ws, documents.list_documents(ws, ref)[-1].reference)
    held = vault_needles(ws)
    assert len(held) == len(check.logins) > 0
    assert_nothing_in_clear(ws, pdf, held)


def assert_nothing_in_clear(ws: Workspace, pdf: bytes, needles: dict[str, str]) -> None:
    """No needle in the database's folder, the data dir (run artifacts, logs) or the PDF."""
    database = Path(ws.db.url.removeprefix("sqlite:///"))
    assert database.is_file()
    assert pdf.startswith(b"%PDF")
    assert leaks(database.parent, needles) == []
    assert leaks(data_dir(), needles) == []
    assert [label for label, v in needles.items() if v.encode() in pdf] == []
