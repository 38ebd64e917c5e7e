"""End to end: the real ``crisis`` TUI in tmux, driven with send-keys, read with capture-pane.

No sleeps for timing: every step polls the screen (bounded) until what it waits for appears.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisis.domain.loans import LoanState
from crisis.services import documents, loans
from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
from crisis.services.incidents import dashboard
from crisis.services.journal import recent_events
from crisis.services.workspace import Workspace, open_workspace
from tests.documents.gaps import reserve_gaps
from tests.lab import need
from tests.tui.lifecycle import TOWN

WAIT = 30.0  # seconds: bound of every wait; a slow CI machine still passes

#: Runs alone, after the parallel run (see dev.py).
pytestmark = pytest.mark.serial


def changed(before: list[str], after: list[str]) -> int:
    """How many lines of the screen differ."""
    return sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))


class Tmux:
    """One private tmux server (its own socket) running one pane."""

    def __init__(self, socket: str, command: str) -> None:
        self.socket = socket
        self.command = command

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True
        )
        return out.stdout

    def screen(self, *, escapes: bool = False) -> str:
        return self.run("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "e2e")

    def wait_for(self, text: str) -> str:
        """Poll the pane until `text` shows; fail with the screen after `WAIT` seconds."""
        deadline = time.monotonic() + WAIT
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} never appeared; the screen was:\n{shown}")
            time.sleep(0.05)

    def restart(self) -> None:
        """Quit the TUI and start it again in the same pane (same environment)."""
        self.run("respawn-pane", "-k", "-t", "e2e", self.command)

    def press(self, *keys: str) -> None:
        self.run("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        """Type literally and wait until the text is on screen (the keys were processed).
        An input narrower than the text scrolls to its end: its last characters show."""
        self.run("send-keys", "-t", "e2e", "-l", text)
        self.wait_for(text[-12:])

    def type_secret(self, text: str) -> None:
        """Type into a password field: wait until it shows one bullet per character."""
        self.run("send-keys", "-t", "e2e", "-l", text)
        self.wait_for("•" * len(text))

    def lines(self) -> list[str]:
        return self.screen(escapes=True).splitlines()

    def settled(self) -> list[str]:
        """Wait until nothing moves on screen but a blinking cursor (one line): no pressed
        button's flash, no tab underline sliding, over three captures in a row."""
        deadline = time.monotonic() + WAIT
        last, quiet = self.lines(), 0
        while quiet < 3:
            if time.monotonic() > deadline:
                pytest.fail(f"the screen never settled:\n{self.screen()}")
            time.sleep(0.1)
            now = self.lines()
            quiet = quiet + 1 if changed(last, now) <= 1 else 0
            last = now
        return last

    def press_and_wait_change(self, key: str) -> None:
        """Press a key that only moves the focus; wait until the screen (styles included)
        differs on two lines at least. Moving on before the focus moved would send the next
        key to the old widget, so what moves by itself is let settle first."""
        before = self.settled()
        self.press(key)
        deadline = time.monotonic() + WAIT
        while changed(before, self.lines()) < 2:
            if time.monotonic() > deadline:
                pytest.fail(f"{key} changed nothing on screen:\n{self.screen()}")
            time.sleep(0.05)


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
    env = {
        **os.environ,
        "CRISIS_LANG": "fr",
        "TERM": "xterm-256color",
        "CRISIS_OPERATOR_PASSPHRASE": DEMO_PASSPHRASE,
    }
    # 60 lines: the signatures, under the signing fields, stay in view.
    subprocess.run(
        ["tmux", "-L", tmux.socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e",
         "-x", "160", "-y", "60", command],
        check=True, env=env,
    )  # fmt: skip
    try:
        yield tmux, open_workspace(demo_ws.url, "tester")
    finally:
        subprocess.run(["tmux", "-L", tmux.socket, "kill-server"], check=False)


def issue(tmux: Tmux) -> None:
    """Issue the document whose button has the focus; the focus goes to the lender's field."""
    tmux.press("Enter")
    tmux.wait_for(" — SHA-256 ")


def confirm(tmux: Tmux, named: str) -> None:
    """The question before accept or handover names `named`; No has the focus: Tab to Yes."""
    tmux.wait_for(named)
    tmux.press_and_wait_change("Tab")
    tmux.press("Enter")


def sign_both(tmux: Tmux, scan: Path) -> None:
    """Sign the document shown as the lender (passphrase), then as the town: by hand (its
    default way, shown), the path of the scan of the page it signed typed in the file field."""
    tmux.type_secret(DEMO_PASSPHRASE)
    tmux.press_and_wait_change("Enter")  # on to "Le prêteur signe"
    tmux.press("Enter")
    tmux.wait_for("Signé par le prêteur : e2e — clé ")
    tmux.press_and_wait_change("Enter")  # the representative is prefilled: on to the button
    tmux.wait_for("Signature manuscrite (scan du document signé)")  # the way offered, whole
    tmux.press_and_wait_change("Tab")  # the town's way: by hand, as it stands
    tmux.press_and_wait_change("Tab")  # the file field
    tmux.type(str(scan))
    tmux.press_and_wait_change("BTab")  # back past the way
    tmux.press_and_wait_change("BTab")  # to "La commune signe"
    tmux.press("Enter")
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    tmux.wait_for(f"signature manuscrite, scan SHA-256 {digest[:16]}")


@pytest.fixture
def scans() -> Iterator[Path]:
    """A folder at a short path for the town's scans: a whole path must show in the file
    field to be read back on screen (a pytest tmp_path is too long for it)."""
    with tempfile.TemporaryDirectory(prefix="scan-") as folder:
        yield Path(folder)


def write_scan(folder: Path, name: str) -> Path:
    """The scan of a page the town's representative signed by hand."""
    scan = folder / name
    scan.write_bytes(b"%PDF-1.4 scan of the page signed by hand: " + name.encode())
    return scan


def test_activation_to_handover_in_the_real_tui(
    tmux_tui: tuple[Tmux, Workspace], scans: Path
) -> None:
    tmux, ws = tmux_tui
    tmux.wait_for("affichés sur")  # first frame: the inventory, filled
    tmux.press("F6")
    tmux.wait_for("Activation d'un kit")
    for value in (TOWN, "CYBER-E2E", "Maire"):
        tmux.type(value)
        tmux.press_and_wait_change("Enter")
    tmux.press_and_wait_change("Enter")  # no description: on to the Declare button
    tmux.press("Enter")
    tmux.wait_for("Crise CYBER-E2E déclarée.")
    tmux.wait_for("07-2024-06 — en vigueur")
    tmux.press_and_wait_change("Enter")  # the agreement in force, highlighted: chosen
    tmux.press_and_wait_change("Down")  # templates by name: the 5-post kit is second
    tmux.press_and_wait_change("Enter")
    # The focus is on "Ouvrir le prêt"; each Enter runs a step and moves to the next one.
    for shown in ("— déclaré", "— réservé", "— en préparation"):
        tmux.press("Enter")
        tmux.wait_for(shown)
    # The acceptance pane: one manual check, then the sheet, then both signatures.
    for value in ("Poste : ouverture de session", "session ouverte", "ouverte en 20 s"):
        tmux.type(value)
        tmux.press_and_wait_change("Enter")
    tmux.press("Enter")  # the tester is prefilled (e2e): Enter adds the row
    tmux.wait_for("20 s  conforme")  # the row is in the table
    for _ in range(4):  # empty test, place, lender's and town's reservations: on to "Établir"
        tmux.press_and_wait_change("Enter")
    issue(tmux)
    sign_both(tmux, write_scan(scans, "recette-1.pdf"))
    tmux.wait_for("Fiche d'essai signée par : prêteur, emprunteur")
    # The checks the provisioning records (mailboxes, cleaning, switch) were not run here:
    # acceptance is refused while the borrower has not reserved those rows.
    tmux.press("Enter")
    confirm(tmux, "Lignes encore en échec ou non exécutées")
    sheet = tmux.wait_for("/acceptance-1: row 1: ")
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
