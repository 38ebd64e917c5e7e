"""A drill, measured: the real ``crisis`` TUI in tmux, driven with send-keys and read with
capture-pane, from the declaration to the signed handover of a kit, in the TUI alone.

Run: .venv/bin/python -m bench.tui_drill [--kit "Kit continuité 10 postes"]
Goal (issue 15): the whole path under 15 minutes of operator time; keystrokes reported.

Each step records the keys sent (a character typed is one key) and its wall time, the
screen's answers included (an operator waits for them too). The baseline, in the same run,
is the same path through the services alone (what the machine needs without the TUI).

The driver (`Tmux`, `Drill` and the steps) is also what ``tests/tui/test_tmux_e2e.py`` drives:
one driver, its quick form in the test command. No sleeps for timing: every step polls the
screen (bounded) until what it waits for appears.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

WAIT = 60.0  # seconds: bound of every wait; a slow, loaded machine still passes
GOAL = 15 * 60.0  # seconds of operator time for the whole path (issue 15)
TOWN = "13005"
AGREEMENT = "07-2024-06"
KIT10 = "Kit continuité 10 postes"
KIT5 = "Kit continuité 5 postes"
#: The demo's templates as the wizard lists them (by name): how many Down keys reach each.
TEMPLATES = {KIT10: 0, KIT5: 1}
#: The demo operators' passphrase (crisis.services.demo_operators.DEMO_PASSPHRASE).
PASSPHRASE = "demo passphrase"


#: An SGR sequence that turns reverse video on (how Textual draws a focused button).
REVERSE = re.compile(r"\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m")


class DrillError(AssertionError):
    """What the drill waited for never showed; the message holds the screen."""


def changed(before: list[str], after: list[str]) -> int:
    """How many lines of the screen differ."""
    return sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))


class Tmux:
    """One private tmux server (its own socket) running one pane; counts the keys sent."""

    def __init__(self, socket: str, command: str) -> None:
        self.socket = socket
        self.command = command
        #: Keys sent so far (a literal text counts one per character).
        self.keys = 0

    def start(self, env: dict[str, str], width: int = 160, height: int = 60) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e",
             "-x", str(width), "-y", str(height), self.command],
            check=True, env=env,
        )  # fmt: skip

    def stop(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False)

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
                raise DrillError(f"{text!r} never appeared; the screen was:\n{shown}")
            time.sleep(0.05)

    def restart(self) -> None:
        """Quit the TUI and start it again in the same pane (same environment)."""
        self.run("respawn-pane", "-k", "-t", "e2e", self.command)

    def press(self, *keys: str) -> None:
        self.keys += len(keys)
        self.run("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        """Type literally and wait until the text is on screen (the keys were processed).
        An input narrower than the text scrolls to its end: its last characters show."""
        self.keys += len(text)
        self.run("send-keys", "-t", "e2e", "-l", text)
        self.wait_for(text[-12:])

    def type_secret(self, text: str) -> None:
        """Type into a password field: wait until it shows one bullet per character."""
        self.keys += len(text)
        self.run("send-keys", "-t", "e2e", "-l", text)
        self.wait_for("•" * len(text))

    def button_focused(self, label: str) -> bool:
        """Whether the button `label` shows as focused (Textual draws it in reverse video)."""
        for line in self.lines():
            at = line.find(f" {label} ")
            if at >= 0:  # the styles set since the last reset, up to the label
                style = line[max(0, line.rfind("\x1b[0m", 0, at)) : at]
                return REVERSE.search(style) is not None
        return False

    def wait_button(self, label: str, *, focused: bool = True) -> None:
        """Wait until the button `label` has (or no longer has) the focus."""
        deadline = time.monotonic() + WAIT
        while self.button_focused(label) != focused:
            if time.monotonic() > deadline:
                state = "never took" if focused else "never left"
                raise DrillError(f"{label!r} {state} the focus:\n{self.screen()}")
            time.sleep(0.05)

    def lines(self) -> list[str]:
        return self.screen(escapes=True).splitlines()

    def settled(self) -> list[str]:
        """Wait until nothing moves on screen but a blinking cursor (one line): no pressed
        button's flash, no tab underline sliding, over three captures in a row."""
        deadline = time.monotonic() + WAIT
        last, quiet = self.lines(), 0
        while quiet < 3:
            if time.monotonic() > deadline:
                raise DrillError(f"the screen never settled:\n{self.screen()}")
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
                raise DrillError(f"{key} changed nothing on screen:\n{self.screen()}")
            time.sleep(0.05)


@dataclass
class Step:
    """One step of the drill as measured."""

    name: str
    keys: int
    seconds: float
    #: The keys came from a barcode scanner (tag and Enter per item), not from the operator.
    scanner: bool = False


@dataclass
class Drill:
    """The steps measured on one tmux pane."""

    tmux: Tmux
    steps: list[Step] = field(default_factory=list)

    @contextmanager
    def step(self, name: str, *, scanner: bool = False) -> Iterator[None]:
        keys, start = self.tmux.keys, time.monotonic()
        yield
        self.steps.append(Step(name, self.tmux.keys - keys, time.monotonic() - start, scanner))

    @property
    def keys(self) -> int:
        return sum(s.keys for s in self.steps)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)


# ------------------------------------------------------------------------------ shared moves


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
    default way, shown), the path of the scan of the page it signed typed in the file field.
    Each button is pressed once the terminal shows it focused."""
    tmux.settled()  # the document laid out (its gaps' form may appear under it)
    tmux.type_secret(PASSPHRASE)
    tmux.press("Enter")  # on to "Le prêteur signe"
    tmux.wait_button("Le prêteur signe")
    tmux.press("Enter")
    tmux.wait_for("Signé par le prêteur : ")
    tmux.settled()
    tmux.press("Enter")  # the representative is prefilled: on to the button
    tmux.wait_button("La commune signe")
    tmux.wait_for("Signature manuscrite (scan du document signé)")  # the way offered, whole
    tmux.press_and_wait_change("Tab")  # the town's way: by hand, as it stands
    tmux.press_and_wait_change("Tab")  # the file field
    tmux.type(str(scan))
    tmux.press_and_wait_change("BTab")  # back past the way
    tmux.press("BTab")  # to "La commune signe"
    tmux.wait_button("La commune signe")
    tmux.press("Enter")
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    tmux.wait_for(f"signature manuscrite, scan SHA-256 {digest[:16]}")


def write_scan(folder: Path, name: str) -> Path:
    """The scan of a page the town's representative signed by hand."""
    scan = folder / name
    scan.write_bytes(b"%PDF-1.4 scan of the page signed by hand: " + name.encode())
    return scan


def declare(drill: Drill, crisis: str, template: str) -> None:
    """F6: declare the crisis, choose the agreement in force and the kit, open, assemble and
    start the provisioning."""
    tmux = drill.tmux
    with drill.step("déclaration de la crise"):
        tmux.wait_for("affichés sur")  # first frame: the inventory, filled
        tmux.press("F6")
        tmux.wait_for("Activation d'un kit")
        for value in (TOWN, crisis, "Maire"):
            tmux.type(value)
            tmux.press_and_wait_change("Enter")
        tmux.press_and_wait_change("Enter")  # no description: on to the Declare button
        tmux.press("Enter")
        tmux.wait_for(f"Crise {crisis} déclarée.")
    with drill.step("convention et kit choisis"):
        tmux.wait_for(f"{AGREEMENT} — en vigueur")
        tmux.press_and_wait_change("Enter")  # the agreement in force, highlighted: chosen
        for _ in range(TEMPLATES[template]):  # templates by name
            tmux.press_and_wait_change("Down")
        tmux.press_and_wait_change("Enter")
    with drill.step("prêt ouvert, kit constitué, préparation"):
        # The focus is on "Ouvrir le prêt"; each Enter runs a step and moves to the next one.
        for shown in ("— déclaré", "— réservé", "— en préparation"):
            tmux.press("Enter")
            tmux.wait_for(shown)


def acceptance_sheet(drill: Drill) -> None:
    """One manual check typed in, then the sheet issued (the focus on the lender's field)."""
    tmux = drill.tmux
    with drill.step("fiche d'essai établie"):
        for value in ("Poste : ouverture de session", "session ouverte", "ouverte en 20 s"):
            tmux.type(value)
            tmux.press_and_wait_change("Enter")
        tmux.press("Enter")  # the tester is prefilled: Enter adds the row
        tmux.wait_for("20 s  conforme")  # the row is in the table
        for _ in range(4):  # empty test, place, lender's and town's reservations: "Établir"
            tmux.press_and_wait_change("Enter")
        issue(tmux)


def reserve_gaps(drill: Drill) -> None:
    """The town accepts, in writing, the rows the sheet shows failed or not run (provisioning
    done on site): all ticked, who and why, recorded as the sheet's revision."""
    tmux = drill.tmux
    with drill.step("réserves de la commune sur les lignes non exécutées"):
        # The gaps' form shows once the sheet is laid out (it is skipped by Tab while hidden).
        tmux.wait_for("Lignes en échec ou non exécutées, sans réserve de la commune")
        tmux.settled()
        # From the lender's field: sign, representative, sign, way, file, passphrase, then
        # "Tout cocher": every row ticked, the focus on who accepts them.
        for _ in range(7):
            tmux.press_and_wait_change("Tab")
        tmux.wait_button("Tout cocher")
        # The button moves the focus once its press is handled, after the keys already sent:
        # wait until it left the button before typing.
        tmux.press("Enter")
        tmux.wait_button("Tout cocher", focused=False)
        tmux.settled()
        tmux.type("Marie Dupont")
        tmux.press_and_wait_change("Tab")
        tmux.type("refait sur place après la remise")
        tmux.press_and_wait_change("Tab")
        tmux.press("Enter")
        tmux.wait_for("/acceptance-2 — SHA-256 ")


def accept_and_hand_over(drill: Drill, scans: Path) -> None:
    """Both sign the sheet, the kit is accepted; the joint inventory issued, signed by both,
    and the kit handed over (each irreversible step confirmed)."""
    tmux = drill.tmux
    with drill.step("fiche d'essai signée par les deux parties"):
        sign_both(tmux, write_scan(scans, "recette.pdf"))
    with drill.step("recette"):
        tmux.press("Enter")
        confirm(tmux, "Accepté avec réserves")
        tmux.wait_for("— recetté")
    with drill.step("inventaire contradictoire établi et signé"):
        for _ in range(3):  # place, reservations: on to "Établir l'inventaire contradictoire"
            tmux.press_and_wait_change("Enter")
        issue(tmux)
        sign_both(tmux, write_scan(scans, "inventaire.pdf"))
        tmux.wait_for("Inventaire contradictoire signé par : prêteur, emprunteur")
    with drill.step("remise"):
        tmux.press("Enter")
        confirm(tmux, "Accepté avec réserves")
        tmux.wait_for("— remis")


def back_at_the_desk(drill: Drill, tags: list[str], scans: Path) -> None:
    """F7: every item scanned back (a scanner types the tag and Enter), the return report
    issued and signed by both, the return finished (the devices go to quarantine)."""
    tmux = drill.tmux
    with drill.step("retour : chaque matériel scanné", scanner=True):
        tmux.press("F7")
        tmux.wait_for("(remis)")  # the one loan at the town, picked; the scan field focused
        tmux.settled()
        for tag in tags:
            tmux.keys += len(tag) + 1
            tmux.run("send-keys", "-t", "e2e", "-l", tag)
            tmux.run("send-keys", "-t", "e2e", "Enter")
        tmux.wait_for(f"Restitués ({len(tags)})")
    with drill.step("procès-verbal de restitution établi"):
        tmux.press_and_wait_change("BTab")  # the desk's tabs
        tmux.press_and_wait_change("Right")  # "Procès-verbal"
        tmux.wait_for("Établir le procès-verbal")
        for _ in range(6):  # place, repair costs, both parties' reservations: on to "Établir"
            tmux.press_and_wait_change("Tab")
        tmux.press("Enter")
        tmux.wait_for("/return-1")
    with drill.step("procès-verbal signé par les deux parties"):
        tmux.press_and_wait_change("Tab")  # the lender's passphrase
        tmux.type_secret(PASSPHRASE)
        tmux.press_and_wait_change("Tab")
        tmux.press("Enter")
        tmux.wait_for("Signé par le prêteur : ")
        tmux.press_and_wait_change("Tab")  # who signs for the town
        tmux.type("Marie Dupont, maire")
        for _ in range(3):  # sign, the way (by hand, as it stands), the file field
            tmux.press_and_wait_change("Tab")
        scan = write_scan(scans, "pv-restitution.pdf")
        tmux.type(str(scan))
        tmux.press_and_wait_change("BTab")
        tmux.press_and_wait_change("BTab")  # "Signature emprunteur"
        tmux.press("Enter")
        tmux.wait_for("signature manuscrite, scan SHA-256")
    with drill.step("restitution terminée (quarantaine)"):
        for _ in range(4):  # the way, the file, the passphrase: on to "Terminer la restitution"
            tmux.press_and_wait_change("Tab")
        tmux.press("Enter")
        tmux.wait_for(": en assainissement")


def kit_tags(url: str) -> list[str]:
    """The tags the kit handed over holds (what comes back in the crates)."""
    from crisis.services import loans
    from crisis.services.incidents import dashboard
    from crisis.services.workspace import open_workspace

    ws = open_workspace(url, "drill")
    try:
        [(_, reference, _)] = dashboard(ws).active_loans
        return sorted(loans.get_loan(ws, reference).items)
    finally:
        ws.db.dispose()


def to_handover(drill: Drill, crisis: str, template: str, scans: Path) -> None:
    """Declaration to signed handover, in the TUI alone."""
    declare(drill, crisis, template)
    acceptance_sheet(drill)
    reserve_gaps(drill)
    accept_and_hand_over(drill, scans)


# ------------------------------------------------------------------------------ the bench


def demo_inventory(folder: Path) -> str:
    """A fresh demo inventory with its operators (``drill``: admin, key under PASSPHRASE)."""
    from crisis.services.demo import seed_demo
    from crisis.services.demo_operators import DEMO_PASSPHRASE, seed_demo_operators
    from crisis.services.workspace import open_workspace

    assert DEMO_PASSPHRASE == PASSPHRASE
    ws = open_workspace(str(folder / "demo.sqlite3"), "drill")
    seed_demo(ws)
    seed_demo_operators(ws)
    ws.db.dispose()
    return ws.url


def tui_command(url: str, operator: str = "drill") -> str:
    script = Path(sys.executable).parent / "crisis"
    return f"{script} --db {url} --operator {operator} tui"


def tui_env() -> dict[str, str]:
    return {
        **os.environ,
        "CRISIS_LANG": "fr",
        "TERM": "xterm-256color",
        "CRISIS_OPERATOR_PASSPHRASE": PASSPHRASE,
    }


def baseline(folder: Path, template: str) -> float:
    """Seconds for the same path through the services alone (no TUI, no operator)."""
    from crisis.domain.loans import Party
    from crisis.services import documents, loans
    from crisis.services.workspace import open_workspace

    url = demo_inventory(folder)
    ws = open_workspace(url, "drill")
    scan = b"%PDF-1.4 scan"
    start = time.perf_counter()
    loans.declare_crisis(ws, TOWN, "CYBER-BASE", "Maire")
    ref = loans.open_loan(ws, "CYBER-BASE", AGREEMENT, template).reference
    loans.assemble(ws, ref)
    loans.start_provisioning(ws, ref)
    sheet = documents.issue_acceptance(ws, ref)
    failed = [n for n, row in enumerate(sheet.data["tests"], 1) if not row["passed"]]
    sheet = documents.reserve_acceptance_rows(
        ws, sheet.reference, failed, "Marie Dupont", "sur place"
    )
    for doc in (sheet, None):
        doc = doc or documents.issue_inventory(ws, ref)
        documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
        documents.sign_town_handwritten(ws, doc.reference, "Maire", scan, "scan.pdf")
        if doc is sheet:
            loans.accept(ws, ref)
    loans.hand_over(ws, ref)
    seconds = time.perf_counter() - start
    ws.db.dispose()
    return seconds


def run(template: str, folder: Path, *, back: bool = True) -> tuple[Drill, str]:
    """The drill on a fresh demo inventory in `folder` (its URL returned with the drill):
    to the signed handover, then (`back`) the return at the desk; raises DrillError with the
    screen on a miss."""
    url = demo_inventory(folder)
    tmux = Tmux(f"crisis-drill-{os.getpid()}", tui_command(url))
    tmux.start(tui_env())
    drill = Drill(tmux)
    try:
        declare(drill, "CYBER-DRILL", template)
        acceptance_sheet(drill)
        reserve_gaps(drill)
        accept_and_hand_over(drill, folder)
        if back:
            back_at_the_desk(drill, kit_tags(url), folder)
    finally:
        tmux.stop()
    return drill, url


def report(drill: Drill, base: float, template: str) -> None:
    print(f"drill: {template}, in the TUI alone (real terminal: tmux 160×60, French)")
    print(f"{'step':56}{'keys':>6}{'wall s':>9}")
    for s in drill.steps:
        name = f"{s.name} (scanner)" if s.scanner else s.name
        print(f"{name:56}{s.keys:>6}{s.seconds:>9.1f}")
    print(f"{'total':56}{drill.keys:>6}{drill.seconds:>9.1f}")
    by_hand = sum(s.keys for s in drill.steps if not s.scanner)
    print(f"keys typed by the operator (the barcode scanner's excluded): {by_hand}")
    print(f"baseline: declaration to handover through the services alone: {base:.1f} s")
    verdict = "met" if drill.seconds < GOAL else "NOT met"
    minutes = drill.seconds / 60
    print(f"goal: under {GOAL / 60:.0f} min of operator time — {minutes:.1f} min, {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--kit", default=KIT10, choices=sorted(TEMPLATES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drill-base-") as tmp:
        base = baseline(Path(tmp), args.kit)
    with tempfile.TemporaryDirectory(prefix="drill-") as tmp:
        drill, _ = run(args.kit, Path(tmp))
    report(drill, base, args.kit)


if __name__ == "__main__":
    main()
