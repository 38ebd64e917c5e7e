"""What a lawyer reads on the page and in the signatures: each party's representative with
position and habilitation, the agreement's deliberation and date, the borrower's address, the
return report's dates and the inventory it cites, a phone's IMEI everywhere, /Reason in the
document's language, certificate names whole, no page holding only the hash block."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from sqlmodel import col, select
from typer.testing import CliRunner

from crisis.adapters.pades import LocalAuthority, _short
from crisis.adapters.pdf_render import render_pdf
from crisis.cli import app
from crisis.domain.loans import Party
from crisis.l10n import format_date
from crisis.services import documents, loans
from crisis.services.workspace import Workspace
from inventory.repo import runs as runs_repo
from inventory.tables import Asset, Loan, Organisation, ReturnScan, SanitisationRecord
from tests.documents.conftest import PASSPHRASE
from tests.documents.test_after_return import returned
from tests.documents.test_pdf import needs_poppler, text_of

__all__ = ["returned"]  # the fixture, shared with the after-return tests

LONG = "Métropole Aix-Marseille-Provence — Direction des Infrastructures Numériques"


@needs_poppler
def test_the_borrowers_address_and_a_french_reason(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    ws, ref = kit
    with ws.db.session(write=True) as s:
        town = s.scalars(select(Organisation).where(col(Organisation.insee_code) == "13005")).one()
        town.address = "Hôtel de ville, 13400 Aubagne"
    doc = documents.issue_inventory(ws, ref)
    assert "13400 Aubagne" in text_of(documents.render_document(ws, doc.reference), tmp_path)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    sealed = documents.seal_document(
        ws, doc.reference, Party.LENDER, documents.PdfCredential(ca_passphrase="a passphrase 12")
    )
    [signature] = PdfFileReader(BytesIO(sealed.signed_pdf or b"")).embedded_signatures
    assert signature.sig_object["/Reason"] == f"Inventaire contradictoire {doc.reference}"


def test_certificate_names_are_neither_cut_in_a_word_nor_padded(tmp_path: Path) -> None:
    assert _short("Commune d'Aubagne") == "Commune d'Aubagne"
    assert _short(LONG) == "Métropole Aix-Marseille-Provence"
    assert _short("x" * 10 + " " + "y" * 60) == "x" * 10
    authority = LocalAuthority.open_or_create(tmp_path, "a passphrase 12", LONG)
    names = {a.rfc4514_attribute_name: a.value for a in authority.certificate.subject}
    assert names == {
        "CN": "Autorité locale crisis-kit Métropole Aix-Marseille-Provence",
        "O": "Métropole Aix-Marseille-Provence",
    }


@needs_poppler
def test_no_page_holds_only_the_hash_block(tmp_path: Path) -> None:
    party = {"name": "Commune d'Aubagne", "address": "", "insee_code": "13005",
             "representatives": []}  # fmt: skip
    for n in range(20, 60, 3):  # item counts that end the table all over the last page
        items = [
            {"tag": f"AMP-PC-{i:04d}", "category": "laptop", "make": "Dell",
             "model": "Latitude 5440", "serial": f"S{i:09d}", "imei": "", "sim": "",
             "number": "", "accessories": ["chargeur"], "condition": "good", "owner": "M"}
            for i in range(n)
        ]  # fmt: skip
        snapshot = {"reference": "R/inventory-1", "kind": "inventory", "place": "Aubagne",
                    "at": "2026-12-07T10:00:00+00:00", "lender": party, "borrower": party,
                    "items": items}  # fmt: skip
        path = tmp_path / "doc.pdf"
        path.write_bytes(render_pdf(snapshot, "ab" * 32, (3, "cd" * 32)))
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        pages = out.stdout.decode("utf-8").split("\f")
        last = next(p for p in reversed(pages) if p.strip())
        assert "Intégrité" in last
        assert "Pour le prêteur" in last, f"{n} items: the hash block is alone on its page"


def _words(pdf: bytes, tmp_path: Path) -> str:
    """The page's text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text_of(pdf, tmp_path).split())


@needs_poppler
def test_each_party_is_represented_with_position_and_habilitation(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    lender = doc.data["lender"]["representatives"]
    assert {"name": "Hélène Marchetti", "position": "Présidente",
            "delegation": "délibération n° HN 001-2020/CM",
            "delegation_date": "2020-07-09"} in lender  # fmt: skip
    [mayor] = doc.data["borrower"]["representatives"]
    assert mayor["delegation_date"] == "2020-07-04"
    french = _words(documents.render_document(ws, doc.reference), tmp_path)
    assert (
        "Hélène Marchetti, Présidente, dûment habilité(e) par délibération n° HN 001-2020/CM "
        "du 9 juil. 2020" in french
    ), french
    assert (
        f"{mayor['name']}, Maire, dûment habilité(e) par {mayor['delegation']} du 4 juil. 2020"
        in french
    ), french
    # The agreement is shown as the deliberation it is, with its date.
    assert doc.data["agreement_date"] == "2024-06-27"
    assert f"délibération n° {doc.data['agreement']} du 27 juin 2024" in french, french
    english = _words(documents.render_document(ws, doc.reference, "en"), tmp_path)
    assert "duly authorised by délibération n° HN 001-2020/CM of Jul 9, 2020" in english
    assert f"deliberation no. {doc.data['agreement']} of Jun 27, 2024" in english


@needs_poppler
def test_the_return_report_dates_the_handover_and_return_and_cites_the_inventory(
    returned: tuple[Workspace, str, str], tmp_path: Path
) -> None:
    ws, ref, inventory_sha = returned
    report = documents.issue_return(ws, ref)
    handover = report.data["handover"]
    [inventory] = [d for d in documents.list_documents(ws, ref) if d.sha256 == inventory_sha]
    assert handover["inventory"] == {
        "reference": inventory.reference,
        "at": inventory.data["at"],
        "sha256": inventory_sha,
    }
    with ws.db.session() as s:
        loan = s.scalars(select(Loan).where(col(Loan.reference) == ref)).one()
        scans = s.scalars(select(ReturnScan).where(col(ReturnScan.loan_id) == loan.id)).all()
    assert loan.handed_over_at is not None
    assert datetime.fromisoformat(handover["handed_over_at"]) == loan.handed_over_at
    assert datetime.fromisoformat(handover["returned_at"]) == max(x.scanned_at for x in scans)
    text = _words(documents.render_document(ws, report.reference), tmp_path)
    day = format_date(datetime.fromisoformat(inventory.data["at"]), "fr")
    assert f"Inventaire de remise {inventory.reference} du {day}" in text, text
    assert inventory_sha in text
    assert "Remis le" in text
    assert "Restitué le" in text


@needs_poppler
def test_a_phone_is_named_by_its_imei_in_every_document(
    returned: tuple[Workspace, str, str], tmp_path: Path
) -> None:
    ws, ref, inventory_sha = returned
    with ws.db.session() as s:
        phones = {
            a.tag: a.imei
            for a in s.scalars(select(Asset).where(col(Asset.category) == "phone")).all()
            if a.tag in loans.get_loan(ws, ref).items
        }
    assert phones
    [inventory] = [d for d in documents.list_documents(ws, ref) if d.sha256 == inventory_sha]
    report = documents.issue_return(ws, ref)
    for doc in (inventory, report):
        text = _words(documents.render_document(ws, doc.reference), tmp_path)
        for tag, imei in phones.items():
            assert imei in text, (doc.reference, tag)
    rows = {r["tag"]: r for r in report.data["returned"]}
    assert all(rows[tag]["imei"] == imei for tag, imei in phones.items() if tag in rows)
    # A phone's sanitisation certificate names it by its IMEI as well.
    tag = next(iter(phones))
    with ws.db.session(write=True) as s:
        runs_repo.add_sanitisation(
            s,
            SanitisationRecord(
                asset_tag=tag, method="Purge", technique="factory reset", tool="adb",
                verification="passed", details={}, evidence_sha256="cd" * 32,
                operator="Claire Martin", performed_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
                journal_seq=1,
            ),
        )  # fmt: skip
    cert = documents.issue_sanitisation(ws, ref, tag, "Marie Dupont")
    assert cert.data["device"]["imei"] == phones[tag]
    text = _words(documents.render_document(ws, cert.reference), tmp_path)
    assert f"IMEI {phones[tag]}" in text, text


@needs_poppler
def test_the_representative_and_the_deliberation_are_recorded_from_the_cli(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    db = tmp_path / "inv.sqlite3"
    env = {"CRISIS_OPERATOR_PASSPHRASE": "demo passphrase", "CRISIS_LANG": "fr"}

    def run(*args: str) -> tuple[int, str]:
        r = runner.invoke(app, ["--db", str(db), "--operator", "admin", *args], env=env)
        return r.exit_code, r.stdout + r.stderr

    code, out = run("demo", "--laptops", "8", "--phones", "8")
    assert code == 0, out
    code, out = run("agreements", "representative", "07-2024-06", "--party", "borrower",
                    "--name", "Łucja Nguyễn", "--position", "Maire",
                    "--act", "délibération n° 2026-012", "--date", "02/03/2026")  # fmt: skip
    assert code == 1
    assert "AAAA-MM-JJ" in out
    assert "Traceback" not in out
    code, out = run("agreements", "representative", "07-2024-06", "--party", "borrower",
                    "--name", "Łucja Nguyễn", "--position", "Maire",
                    "--act", "délibération n° 2026-012", "--date", "2026-03-02")  # fmt: skip
    assert code == 0, out
    assert "dûment habilité(e) par délibération n° 2026-012 du 2 mars 2026" in out
    code, out = run("agreements", "deliberation", "07-2024-06", "--date", "2024-05-30")
    assert code == 0, out
    for step in [
        ("crisis", "declare", "13005", "CYBER-1", "--declarant", "Maire d'Aubagne"),
        ("loan", "open", "CYBER-1", "07-2024-06", "Kit continuité 5 postes"),
        ("loan", "assemble", "PRET-2026-0001"),
        ("documents", "inventory", "PRET-2026-0001"),
        ("documents", "pdf", "PRET-2026-0001/inventory-1", "-o", str(tmp_path / "inv.pdf")),
    ]:
        code, out = run(*step)
        assert code == 0, (step, out)
    text = _words((tmp_path / "inv.pdf").read_bytes(), tmp_path)
    assert (
        "représenté(e) par Łucja Nguyễn, Maire, dûment habilité(e) par délibération n° 2026-012 "
        "du 2 mars 2026" in text
    ), text
    assert "délibération n° 07-2024-06 du 30 mai 2024" in text, text
