"""Each borrower has its own crisis mail domain; a loan's mailboxes go there only (issue 11
point 3: La Ciotat's loan got mailboxes on Aubagne's domain)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from crisis.errors import ValidationError
from crisis.services import journal, loans, mail_domains, mailboxes, wizard_choices
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace
from inventory.tables import Mailbox
from tests.cli.test_lifecycle_cli import crisis, ok

AUBAGNE = "aubagne.crise.example"
LA_CIOTAT = "laciotat.crise.example"


def _la_ciotat_loan(ws: Workspace) -> str:
    seed_demo(ws, laptops=12, phones=12)
    loans.declare_crisis(ws, "13028", "CYBER-LC", "Maire de La Ciotat")
    return loans.open_loan(ws, "CYBER-LC", "07-2024-07", "Kit continuité 5 postes").reference


def test_each_demo_town_has_its_own_domain(ws: Workspace) -> None:
    ref = _la_ciotat_loan(ws)
    assert mail_domains.borrower_domain(ws, ref) == LA_CIOTAT
    # What the wizard pre-fills: the borrower's domain, whatever the mail host serves first.
    mailboxes.configure_mail_host(ws, "127.0.4.1", {"ansible_host": "127.0.4.1"}, [AUBAGNE])
    assert wizard_choices.loan_mail_domain(ws, ref) == LA_CIOTAT


def test_mailboxes_on_another_towns_domain_are_refused(ws: Workspace) -> None:
    ref = _la_ciotat_loan(ws)
    mailboxes.configure_mail_host(
        ws, "127.0.4.1", {"ansible_host": "127.0.4.1"}, [AUBAGNE, LA_CIOTAT]
    )
    seq = journal.recent_events(ws, 1)[0].seq
    with pytest.raises(ValidationError, match=f"{AUBAGNE} is the domain of Commune d'Aubagne"):
        mailboxes.create_mailboxes(ws, ref, AUBAGNE)
    # Nothing happened: no mailbox, no journal event.
    assert journal.recent_events(ws, 1)[0].seq == seq
    with ws.db.session() as s:
        assert s.scalars(select(Mailbox)).all() == []


def test_a_borrower_without_a_domain_gets_no_mailbox(ws: Workspace) -> None:
    ref = _la_ciotat_loan(ws)
    with ws.db.session(write=True) as s:
        from inventory.tables import Organisation

        org = s.scalars(select(Organisation).where(Organisation.insee_code == "13028")).one()
        org.mail_domain = None
        s.add(org)
    with pytest.raises(ValidationError, match="has no crisis mail domain recorded"):
        mailboxes.create_mailboxes(ws, ref)


def test_a_domain_is_recorded_once_and_journaled(ws: Workspace) -> None:
    ref = _la_ciotat_loan(ws)
    with pytest.raises(ValidationError, match="domain of Commune d'Aubagne"):
        mail_domains.set_mail_domain(ws, "13028", AUBAGNE)
    assert mail_domains.set_mail_domain(ws, "13028", "LaCiotat.Crise.Test") == "laciotat.crise.test"
    event = journal.recent_events(ws, 1)[0]
    assert event.action == "organisation.mail_domain_set"
    assert event.before == {"mail_domain": LA_CIOTAT}
    assert mail_domains.borrower_domain(ws, ref) == "laciotat.crise.test"


def test_cli_refuses_another_towns_domain(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    ok(db, "demo", "--laptops", "12", "--phones", "12")
    ok(db, "crisis", "declare", "13028", "CYBER-LC", "--declarant", "Maire")
    ref = ok(db, "loan", "open", "CYBER-LC", "07-2024-07", "Kit continuité 5 postes").split()[0]
    ok(db, "mailboxes", "host", "127.0.4.1", "--domain", AUBAGNE, "--domain", LA_CIOTAT)
    code, _, err = crisis(db, "mailboxes", "create", ref, "--domain", AUBAGNE)
    assert code != 0
    assert "Commune d'Aubagne" in err
    assert LA_CIOTAT in err
    assert "Traceback" not in err
    out = ok(db, "mailboxes", "domain", "13028", "laciotat.crise.test")
    assert "laciotat.crise.test" in out
