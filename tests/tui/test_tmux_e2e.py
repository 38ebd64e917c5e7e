"""End to end: the real ``crisis`` TUI in tmux, driven with send-keys, read with capture-pane.

No sleeps for timing: every step polls the screen (bounded) until what it waits for appears.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import tui_drill
from bench.tui_drill import (
    KIT5,
    Drill,
    Tmux,
    acceptance_sheet,
    confirm,
    declare,
    issue,
    sign_both,
    tui_env,
    write_scan,
)
from crisis.domain.loans import LoanState
from crisis.services import documents, loans
from crisis.services.demo_operators import seed_demo_operators
from crisis.services.incidents import dashboard
from crisis.services.journal import recent_events
from crisis.services.workspace import Workspace, open_workspace
from tests.documents.gaps import reserve_gaps
from tests.lab import need

#: Runs alone, after the parallel run (see dev.py).
pytestmark = pytest.mark.serial


@pytest.fixture
def tmux_tui(demo_ws: Workspace) -> Iterator[tuple[Tmux, Workspace]]:
    need(shutil.which("tmux") is not None, "tmux is not installed (Debian package tmux)")
    script = Path(sys.executable).parent / "crisis"
    need(script.exists(), f"the crisis script is not installed next to {sys.executable}")
    operators = open_workspace(demo_ws.url, "e2e")
    seed_demo_operators(operators)  # e2e: admin, signing key opened by DEMO_PASSPHRASE
    operators.db.dispose()
    demo_ws.db.dispose()
    command = f"{script} --db {demo_ws.url} --operator e2e tui"
    tmux = Tmux(f"crisis-e2e-{os.getpid()}", command)
    tmux.start(tui_env())  # 160×60: the signatures, under the signing fields, stay in view
    try:
        yield tmux, open_workspace(demo_ws.url, "tester")
    finally:
        tmux.stop()


@pytest.fixture
def scans() -> Iterator[Path]:
    """A folder at a short path for the town's scans: a whole path must show in the file
    field to be read back on screen (a pytest tmp_path is too long for it)."""
    with tempfile.TemporaryDirectory(prefix="scan-") as folder:
        yield Path(folder)


def test_activation_to_handover_in_the_real_tui(
    tmux_tui: tuple[Tmux, Workspace], scans: Path
) -> None:
    tmux, ws = tmux_tui
    # The bench's drill (bench/tui_drill.py) drives the first steps: one driver for both.
    drill = Drill(tmux)
    declare(drill, "CYBER-E2E", KIT5)
    acceptance_sheet(drill)  # one manual check, then the sheet, then both signatures
    assert drill.steps[0].name == "déclaration de la crise"
    assert all(s.keys > 0 for s in drill.steps)
    sign_both(tmux, write_scan(scans, "recette-1.pdf"))
    tmux.wait_for("Fiche d'essai signée par : prêteur, emprunteur")
    # The checks the provisioning records (mailboxes, cleaning, switch) were not run here:
    # acceptance is refused while the borrower has not reserved those rows.
    tmux.press("Enter")
    confirm(tmux, "Lignes encore en échec ou non exécutées")
    sheet = tmux.wait_for("/acceptance-1 : ligne 1 : ")
    assert "— en préparation" in sheet
    # The borrower reserves them (the revision, acceptance-2, is issued at another station);
    # the TUI restarted carries the activation on at the revision, which both sign again.
    reserver = open_workspace(ws.url, "e2e")
    revision = reserve_gaps(reserver, documents.list_documents(ws)[-1])
    reserver.db.dispose()
    assert revision.reference.endswith("/acceptance-2")
    tmux.restart()
    tmux.wait_for("affichés sur")
    tmux.press("F6")
    tmux.wait_for("— CYBER-E2E — en préparation")  # the activation in progress, offered
    for _ in range(5):  # the crisis fields and "Déclarer": on to the loans in progress
        tmux.press_and_wait_change("Tab")
    tmux.press("Down")  # the one loan in progress, highlighted (both keys to the list)
    tmux.press("Enter")  # and carried on
    tmux.wait_for(f"Document {revision.reference} — SHA-256 ")
    sign_both(tmux, write_scan(scans, "recette-2.pdf"))
    tmux.press("Enter")
    confirm(tmux, "Accepté avec réserves")
    tmux.wait_for("— recetté")
    for _ in range(3):  # place, reservations: on to "Établir l'inventaire contradictoire"
        tmux.press_and_wait_change("Enter")
    scan = write_scan(scans, "inventaire.pdf")
    issue(tmux)
    sign_both(tmux, scan)
    tmux.wait_for("Inventaire contradictoire signé par : prêteur, emprunteur")
    once = documents.list_documents(ws)[-1].signatures[-1]
    assert once.party == "borrower"
    assert once.handwritten
    assert once.scan_sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()  # the file typed
    tmux.press("Enter")
    confirm(tmux, "Accepté avec réserves")
    tmux.wait_for("— remis")
    tmux.press("C-q")
    [(town, reference, _)] = [x for x in dashboard(ws).active_loans if x[2] == "handed_over"]
    assert town == "Commune d'Aubagne"
    assert loans.get_loan(ws, reference).state is LoanState.HANDED_OVER
    assert "e2e" in {e.operator for e in recent_events(ws, 50)}  # journaled as the TUI's operator
    first, acceptance, inventory = documents.list_documents(ws, reference)
    for sheet in (first, acceptance):
        assert [s.party for s in sheet.signatures] == ["lender", "borrower"]
    lender, town_rep = inventory.signatures
    assert lender.signer == "e2e"
    assert town_rep == once


def test_the_drill_quick_form() -> None:
    """The bench's drill, in its quick form (the 5-post kit): declaration to signed handover,
    then the return at the desk, in the TUI alone, each step measured (keys, wall time)."""
    need(shutil.which("tmux") is not None, "tmux is not installed (Debian package tmux)")
    with tempfile.TemporaryDirectory(prefix="drill-") as tmp:
        drill, url = tui_drill.run(KIT5, Path(tmp))
        ws = open_workspace(url, "tester")
        [(_, reference, state)] = dashboard(ws).active_loans
        assert state == "sanitising"  # back, in quarantine
        docs = documents.list_documents(ws, reference)
        assert [d.reference.rsplit("/", 1)[1] for d in docs] == [
            "acceptance-1", "acceptance-2", "inventory-1", "return-1"
        ]  # fmt: skip
        for doc in docs[1:]:
            assert [s.party for s in doc.signatures] == ["lender", "borrower"]
        assert len(docs[1].data["row_reservations"]) == len(
            [row for row in docs[1].data["tests"] if not row["passed"]]
        )  # every gap ticked at once, each reserved in writing
        assert len(docs[3].data["returned"]) == len(loans.get_loan(ws, reference).items)
        ws.db.dispose()
    names = [s.name for s in drill.steps]
    assert names[0] == "déclaration de la crise"
    assert "remise" in names
    assert names[-1] == "restitution terminée (quarantaine)"
    assert all(s.keys > 0 and s.seconds > 0 for s in drill.steps)
    assert drill.keys == sum(s.keys for s in drill.steps)
