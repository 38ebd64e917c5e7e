"""The activation wizard: from "town X is down" to a signed handover, one step per button.

Each button calls one lifecycle service in a worker. After a step succeeds the next step's
button takes the focus, so Enter walks the whole activation; a refused step (short stock,
expired agreement, missing signature) is written next to the form and the focus stays.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Static

from crisis.domain.loans import Party
from crisis.i18n import t
from crisis.services import loans
from tui.messages import CrisisDeclared, LoanChanged
from tui.screens.base import CHANGES, CrisisScreen, LoanAction
from tui.widgets.loan_panel import LoanPanel

#: The steps on a loan, in order: (button id, label key).
STEPS = (
    ("assemble", "activation.assemble"),
    ("provision", "activation.provision"),
    ("acceptance-lender", "activation.acceptance_lender"),
    ("acceptance-borrower", "activation.acceptance_borrower"),
    ("accept", "activation.accept"),
    ("inventory-lender", "activation.inventory_lender"),
    ("inventory-borrower", "activation.inventory_borrower"),
    ("handover", "activation.handover"),
)
FIELDS = (
    ("town", "activation.town"),
    ("crisis", "activation.crisis"),
    ("declarant", "activation.declarant"),
    ("description", "activation.description"),
)


class ActivationScreen(CrisisScreen):
    """Declare, open a loan, assemble, provision, sign, accept, hand over."""

    loan: str | None = None
    _pressed: str = ""

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with VerticalScroll(id="activation"):
            yield Static(f"[b]1. {t('activation.declare_step', lang)}[/b]")
            for name, key in FIELDS:
                yield Input(placeholder=t(key, lang), id=name, classes=CHANGES)
            yield Button(t("activation.declare", lang), id="declare", classes=CHANGES)
            yield Static(f"[b]2. {t('activation.loan_step', lang)}[/b]")
            yield Input(
                placeholder=t("activation.agreement", lang), id="agreement", classes=CHANGES
            )
            yield Input(placeholder=t("activation.template", lang), id="template", classes=CHANGES)
            yield Button(t("activation.open", lang), id="open", classes=CHANGES)
            yield Static(f"[b]3. {t('activation.kit_step', lang)}[/b]")
            with Horizontal(classes="row steps"):
                for name, key in STEPS:
                    yield Button(t(key, lang), id=name, classes=f"{CHANGES} step")
            yield Static(id="problem")
            yield LoanPanel(id="loan")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("activation.title", self.lang)
        self.show_problem("")
        self.query_one("#town", Input).focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Button.Pressed, "#declare")
    def _declare(self) -> None:
        town, ref, who, text = (self._value(n) for n, _ in FIELDS)
        self.declare(town, ref, who, text)

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False)
    def declare(self, town: str, reference: str, declarant: str, description: str) -> None:
        """Open the crisis record off the UI thread."""
        self.post_message(
            CrisisDeclared(loans.declare_crisis(self.ws, town, reference, declarant, description))
        )

    def on_crisis_declared(self, message: CrisisDeclared) -> None:
        self.show_problem("")
        self.query_one("#loan", LoanPanel).update(
            t("activation.declared", self.lang, crisis=message.reference)
        )
        self.query_one("#agreement", Input).focus()

    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        crisis, agreement, template = (self._value(n) for n in ("crisis", "agreement", "template"))
        self._pressed = "open"
        self.act(lambda: loans.open_loan(self.ws, crisis, agreement, template))

    @on(Button.Pressed, ".step")
    def _step(self, event: Button.Pressed) -> None:
        loan, step = self.loan, event.button.id or ""
        if loan is None:
            self.show_problem(t("activation.no_loan", self.lang))
            return
        self._pressed = step
        self.act(self._action(loan, step))

    def _action(self, loan: str, step: str) -> LoanAction:
        ws = self.ws
        if step.startswith(("acceptance-", "inventory-")):
            document, party = step.split("-")
            return lambda: loans.sign(ws, loan, document, Party(party))
        calls: dict[str, LoanAction] = {
            "assemble": lambda: loans.assemble(ws, loan),
            "provision": lambda: loans.start_provisioning(ws, loan),
            "accept": lambda: loans.accept(ws, loan),
            "handover": lambda: loans.hand_over(ws, loan),
        }
        return calls[step]

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False)
    def act(self, action: LoanAction) -> None:
        """Run one lifecycle step off the UI thread."""
        self.post_message(LoanChanged(action()))

    def on_loan_changed(self, message: LoanChanged) -> None:
        self.show_problem("")
        self.loan = message.loan.reference
        self.query_one("#loan", LoanPanel).show(message.loan, self.lang)
        order = ["open", *(name for name, _ in STEPS)]
        if self._pressed in order[:-1]:
            self.query_one(f"#{order[order.index(self._pressed) + 1]}", Button).focus()
