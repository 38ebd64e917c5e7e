"""End to end: the real ``crisis`` TUI in tmux, driven with send-keys, read with capture-pane.

No sleeps for timing: every step polls the screen (bounded) until what it waits for appears.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisis.domain.loans import LoanState
from crisis.services import loans
from crisis.services.incidents import dashboard
from crisis.services.journal import recent_events
from crisis.services.workspace import Workspace, open_workspace
from tests.lab import need
from tests.tui.lifecycle import AGREEMENT, TEMPLATE, TOWN

WAIT = 30.0  # seconds: bound of every wait; a slow CI machine still passes


class Tmux:
    """One private tmux server (its own socket) running one pane."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

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

    def press(self, *keys: str) -> None:
        self.run("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        """Type literally and wait until the text is on screen (the keys were processed)."""
        self.run("send-keys", "-t", "e2e", "-l", text)
        self.wait_for(text)

    def press_and_wait_change(self, key: str) -> None:
        """Press a key that only moves the focus; wait until the screen (styles included)
        differs."""
        before = self.screen(escapes=True)
        self.press(key)
        deadline = time.monotonic() + WAIT
        while self.screen(escapes=True) == before:
            if time.monotonic() > deadline:
                pytest.fail(f"{key} changed nothing on screen:\n{self.screen()}")
            time.sleep(0.05)


@pytest.fixture
def tmux_tui(demo_ws: Workspace) -> Iterator[tuple[Tmux, Workspace]]:
    need(shutil.which("tmux") is not None, "tmux is not installed (Debian package tmux)")
    script = Path(sys.executable).parent / "crisis"
    need(script.exists(), f"the crisis script is not installed next to {sys.executable}")
    demo_ws.db.dispose()
    tmux = Tmux(f"crisis-e2e-{os.getpid()}")
    env = {**os.environ, "CRISIS_LANG": "fr", "TERM": "xterm-256color"}
    command = f"{script} --db {demo_ws.url} --operator e2e tui"
    subprocess.run(
        ["tmux", "-L", tmux.socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e",
         "-x", "160", "-y", "50", command],
        check=True, env=env,
    )  # fmt: skip
    try:
        yield tmux, open_workspace(demo_ws.url, "tester")
    finally:
        subprocess.run(["tmux", "-L", tmux.socket, "kill-server"], check=False)


def test_activation_to_handover_in_the_real_tui(tmux_tui: tuple[Tmux, Workspace]) -> None:
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
    for value in (AGREEMENT, TEMPLATE):
        tmux.type(value)
        tmux.press_and_wait_change("Enter")
    # The focus is on "Ouvrir le prêt"; each Enter runs a step and moves to the next one.
    for shown in (
        "— déclaré",
        "— réservé",
        "— en préparation",
        "Fiche d'essai signée par : prêteur",
        "Fiche d'essai signée par : prêteur, emprunteur",
        "— recetté",
        "Inventaire contradictoire signé par : prêteur",
        "Inventaire contradictoire signé par : prêteur, emprunteur",
        "— remis",
    ):
        tmux.press("Enter")
        tmux.wait_for(shown)
    tmux.press("C-q")
    [(town, reference, _)] = [x for x in dashboard(ws).active_loans if x[2] == "handed_over"]
    assert town == "Commune de Aubagne"
    assert loans.get_loan(ws, reference).state is LoanState.HANDED_OVER
    assert "e2e" in {e.operator for e in recent_events(ws, 50)}  # journaled as the TUI's operator
