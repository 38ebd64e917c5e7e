"""The acceptance sheet fills its automated rows in from the records of the runs and checks.

The switch is configured through the real service on the lab's simulator. Here the laptops'
cleaning runs and the mailbox check are journaled through the functions the services use
(``provisioning.record_run``, ``journaling.record``) with the events they journal, to reach
cases a lab run cannot stage at will (an earlier run, an unreachable host, a failed login);
test_acceptance_lab.py makes the same records with the real services on lab hosts.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crisis.adapters.ansible_run import HostResult, RunResult
from crisis.adapters.switch_ios import SwitchCredentials
from crisis.domain.acceptance_results import NOT_RUN, row_words
from crisis.domain.documents import AcceptanceTest, row_of
from crisis.errors import ValidationError
from crisis.lab.switch import SimSwitch
from crisis.services import documents, loans, provisioning, switch
from crisis.services.demo import seed_demo
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.tables import KitTemplate
from tests.documents.test_pdf import needs_poppler, text_of
from tests.integration.test_switch_service import pinned, simulator

MANUAL = AcceptanceTest("Écran et clavier", "fonctionnels", "fonctionnels", True, "Marie Dupont")


def kit_tags(ws: Workspace, ref: str, prefix: str) -> list[str]:
    return sorted(t for t in loans.get_loan(ws, ref).items if t.startswith(prefix))


def record_clean_run(
    ws: Workspace,
    hosts: dict[str, HostResult],
    contradicting: str,
    started: datetime | None = None,
) -> None:
    """A laptop_clean run as `provisioning.clean_laptops` journals it."""
    result = RunResult(
        "laptop_clean.yml",
        "failed",
        2,
        started or datetime.now(UTC),
        12.5,
        hosts,
    )
    found = {"field": "serial", "inventory": "SN-INVENTAIRE", "device": "SN-APPAREIL"}
    with ws.db.session(write=True) as s:
        provisioning.record_run(
            s,
            "tester",
            result,
            [Change("asset.contradiction", "asset", contradicting, None, found)],
        )


def test_rows_come_from_the_records_and_a_device_without_one_fails(
    kit: tuple[Workspace, str],
) -> None:
    ws, ref = kit
    pcs = kit_tags(ws, ref, "AMP-PC")
    ok, contradicted, down = pcs[0], pcs[1], pcs[2]
    # An earlier run where the third laptop was fine: only the latest run counts.
    record_clean_run(ws, {down: HostResult(down, "changed")}, contradicted)
    record_clean_run(
        ws,
        {
            ok: HostResult(ok, "changed"),
            contradicted: HostResult(contradicted, "ok"),
            down: HostResult(down, "unreachable", "ssh: connection timed out"),
        },
        contradicted,
    )
    # A contradiction found by another run is not held against a later, clean run.
    record_clean_run(ws, {contradicted: HostResult(contradicted, "ok")}, ok)
    with ws.db.session(write=True) as s:
        checked = {"logins": {"accueil@a.test": True, "dgs@a.test": False}}
        after = {**checked, "send_receive": "passed", "passed": False}
        record(s, "tester", [Change("mailboxes.checked", "loan", ref, None, after)])

    doc = documents.issue_acceptance(ws, ref, [MANUAL])
    rows = doc.data["tests"]
    auto = {r["subject"]: r for r in rows if r["automated"]}
    assert auto[ok]["passed"] is True
    assert auto[ok]["tester"] == "tester"
    assert row_words(auto[ok], "fr").record.startswith("exécution n° 2, journal n° ")
    assert row_words(auto[ok], "en").record.startswith("run 2, journal event ")
    assert auto[contradicted]["passed"] is True  # its latest run found nothing
    assert auto[down]["passed"] is False
    assert row_words(auto[down], "fr").observed == "injoignable ; ssh: connection timed out"
    for tag in pcs[3:]:
        assert (auto[tag]["observed"], auto[tag]["passed"]) == (NOT_RUN, False)
    (sw,) = kit_tags(ws, ref, "AMP-SW")
    assert (auto[sw]["observed"], auto[sw]["passed"]) == (NOT_RUN, False)
    assert auto["accueil@a.test"]["passed"] is True
    assert auto["dgs@a.test"]["passed"] is False
    assert rows[-1] == row_of(MANUAL)
    assert doc.data["summary"]["total"] == len(rows)
    assert doc.data["summary"]["passed"] == sum(r["passed"] for r in rows)


def test_a_contradiction_found_by_the_latest_run_fails_the_laptop(
    kit: tuple[Workspace, str],
) -> None:
    ws, ref = kit
    pc = kit_tags(ws, ref, "AMP-PC")[0]
    record_clean_run(ws, {pc: HostResult(pc, "changed")}, pc)
    row = next(r for r in documents.issue_acceptance(ws, ref).data["tests"] if r["subject"] == pc)
    assert row["passed"] is False
    assert row_words(row, "fr").observed == (
        "contradiction : serial : inventaire « SN-INVENTAIRE », appareil « SN-APPAREIL »"
    )


def test_a_laptop_cleaned_before_the_loan_is_tested_again(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    pc, other = kit_tags(ws, ref, "AMP-PC")[:2]
    record_clean_run(ws, {pc: HostResult(pc, "changed")}, other, datetime(2024, 1, 5, tzinfo=UTC))
    row = next(r for r in documents.issue_acceptance(ws, ref).data["tests"] if r["subject"] == pc)
    assert (row["observed"], row["passed"]) == (NOT_RUN, False)


def test_manual_rows_cannot_pass_for_automated_ones(kit: tuple[Workspace, str]) -> None:
    ws, ref = kit
    forged = AcceptanceTest("Connexion", "OK", "OK", True, "robot", automated=True)
    with pytest.raises(ValidationError, match=r"manual check 1 .* marked as automated"):
        documents.issue_acceptance(ws, ref, [forged])
    with pytest.raises(ValidationError, match="manual check 2"):
        documents.parse_tests(
            b'[{"test": "a", "expected": "b", "observed": "b", "passed": true, "tester": "M"},'
            b' {"test": "a", "expected": "b", "observed": "b", "passed": true, "tester": "M",'
            b' "automated": true}]'
        )


def test_nothing_to_test_is_refused(ws: Workspace) -> None:
    """A kit of phones only, without mailboxes: no automated test, so a manual one is needed."""
    seed_demo(ws, laptops=4, phones=4)
    with ws.db.session(write=True) as s:
        s.add(KitTemplate(name="Téléphones seuls", mailboxes=0, description="téléphones"))
    loans.declare_crisis(ws, "13005", "CYBER-X", "Maire")
    ref = loans.open_loan(ws, "CYBER-X", "07-2024-06", "Téléphones seuls").reference
    with pytest.raises(ValidationError, match="no manual check given"):
        documents.issue_acceptance(ws, ref)
    assert documents.issue_acceptance(ws, ref, [MANUAL]).data["tests"] == [row_of(MANUAL)]


@pytest.fixture
def sim() -> Iterator[SimSwitch]:
    yield from simulator()


@pytest.mark.lab
def test_the_switch_row_is_the_service_s_verified_configuration(
    kit: tuple[Workspace, str], sim: SimSwitch
) -> None:
    ws, ref = kit
    (sw,) = kit_tags(ws, ref, "AMP-SW")
    pinned(ws, sim, sw)
    plan = switch.SwitchPlan(
        sw, (), ports="Fa0/1-8,Gi0/2", uplink="Gi0/1", host=sim.host, ssh_port=sim.port, loan=ref
    )
    out = switch.apply_switch(ws, plan, SwitchCredentials(sim.username, sim.password, sim.secret))
    row = next(r for r in documents.issue_acceptance(ws, ref).data["tests"] if r["subject"] == sw)
    assert row["passed"] is True
    assert row["automated"] is True
    assert row_words(row, "fr").observed == "configuration applied ; vérifiée ; enregistrée"
    assert row_words(row, "fr").record.startswith(f"journal n° {out.journal_seq}, ")


def layout_of(pdf: bytes, tmp_path: Path) -> list[str]:
    """The PDF's text lines as laid out on the page (a table row's cells side by side)."""
    path = tmp_path / "layout.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").splitlines()


@needs_poppler
def test_the_pdf_shows_which_rows_are_automated(kit: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, ref = kit
    pc = kit_tags(ws, ref, "AMP-PC")[0]
    record_clean_run(ws, {pc: HostResult(pc, "changed")}, "AMP-PC-9999")
    doc = documents.issue_acceptance(ws, ref, [MANUAL])
    rows = doc.data["tests"]
    auto_row = next(r for r in rows if r["subject"] == pc)
    pdf = documents.render_document(ws, doc.reference)
    text = text_of(pdf, tmp_path)
    worded = row_words(auto_row, "fr")
    assert f"{worded.test} ({pc})" in text
    assert f"(relevé : {worded.record})" in text.replace("\n", " ")
    assert "auto : résultat relevé par l'outil dans ses enregistrements" in text
    lines = layout_of(pdf, tmp_path)
    table = lines[: next(n for n, line in enumerate(lines) if line.strip().startswith("Bilan"))]
    marks = [m for line in table for m in re.findall(r"\b(OUI|NON)( \(auto\))?", line)]
    assert marks == [
        ("OUI" if r["passed"] else "NON", " (auto)" if r["automated"] else "") for r in rows
    ]
    (manual_line,) = [line for line in lines if "Écran et clavier" in line]
    assert re.search(r"fonctionnels +fonctionnels +OUI +Marie Dupont", manual_line)
    english = layout_of(documents.render_document(ws, doc.reference, "en"), tmp_path)
    assert sum(line.count("PASS (auto)") for line in english) == 1
    assert sum(line.count("FAIL (auto)") for line in english) == len(rows) - 2
    assert any("auto: result read by the tool from its records" in line for line in english)
