"""The activation wizard: from "town X is down" to a signed handover, one pane per step.

Each step calls one service in a worker. After a step succeeds the next step's control takes
the focus (switching to its pane), so Enter walks the whole activation; a refused step (short
stock, wrong passphrase, missing signature) is written under the panes and the focus stays.
The joint documents are issued and signed through the documents service: the lender with the
acting operator's key (passphrase typed, never kept), the town with a one-time key.
An assembled kit may have an item substituted (loan pane); provisioning creates and checks the
loan's isolated mailboxes and hands its laptops to the cleaning screen (provision pane).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from crisis.domain.documents import AcceptanceTest, DocumentKind, Reservations
from crisis.domain.loans import LoanState, Party
from crisis.i18n import Joined, t
from crisis.services import documents, loans, wizard_choices
from tui.label_printing import print_kit
from tui.messages import CrisisDeclared, LoanChanged
from tui.safe_text import escape, plain
from tui.screens.base import CHANGES, CrisisScreen, LoanAction
from tui.widgets.acceptance_form import AcceptanceForm
from tui.widgets.document_step import DocumentStep
from tui.widgets.loan_panel import LoanPanel
from tui.widgets.row_gaps import ConfirmStep, RowGaps, confirmation
from tui.widgets.substitution_form import SubstitutionForm
from tui.widgets.town_picker import TownInput
from tui.widgets.wizard_mailboxes import WizardMailboxes
from tui.widgets.wizard_messages import (
    ChoicesLoaded,
    DocumentIssued,
    DocumentSigned,
    ItemSubstituted,
    LoanLaptopsFound,
    LoanResumed,
    LoansInProgress,
)

if TYPE_CHECKING:
    from crisis.services.documents import DocumentView
    from crisis.services.wizard_choices import AgreementChoice
    from crisis.services.workspace import Workspace

FIELDS = (
    ("town", "activation.town"),
    ("crisis", "activation.crisis"),
    ("declarant", "activation.declarant"),
    ("description", "activation.description"),
)
#: The panes, in order: (id, title key).
PANES = (
    ("declare", "wizard.tab.declare"),
    ("loan", "wizard.tab.loan"),
    ("provision", "wizard.tab.provision"),
    ("acceptance", "wizard.tab.acceptance"),
    ("inventory", "wizard.tab.inventory"),
)
#: After a loan step succeeds: the pane and the control that take over.
NEXT = {
    "open": ("loan", "assemble"),
    "assemble": ("provision", "provision"),
    "provision": ("acceptance", "test"),
    "accept": ("inventory", "inventory-place"),
}
#: Where an activation in progress carries on, by the loan's state.
RESUME_AT = {
    LoanState.DECLARED: ("loan", "assemble"),
    LoanState.RESERVED: ("provision", "provision"),
    LoanState.PROVISIONING: ("acceptance", "test"),
    LoanState.ACCEPTED: ("inventory", "inventory-place"),
}
#: Who signs a joint document, in order, and the field each starts from.
SIGNERS = (("lender", "passphrase"), ("borrower", "representative"))
#: After both parties signed a document: the control that takes over.
AFTER_SIGNED = {"acceptance": "accept", "inventory": "handover"}
ITEM_COLUMNS = (
    ("tag", "col.tag"),
    ("category", "col.category"),
    ("make", "wizard.col.make"),
    ("model", "col.model"),
    ("serial", "col.serial"),
    ("condition", "col.condition"),
)


def agreement_line(choice: AgreementChoice, lang: str) -> str:
    """An agreement as offered: in force, or refused and why (with the dates)."""
    if choice.usable:
        return t("wizard.agreement.in_force", lang, reference=choice.reference)
    return t(
        f"wizard.refused.{choice.status.value}",
        lang,
        reference=choice.reference,
        start=choice.start_date,
        last_day=choice.last_day,
        notice=choice.notice_given_on,
    )


class ActivationScreen(CrisisScreen):
    """Declare, choose the agreement and kit, assemble, provision, test, sign, hand over."""

    BINDINGS = [Binding("ctrl+l", "labels", "key.labels")]

    DEFAULT_CSS = """
    ActivationScreen #wizard { height: 1fr; }
    ActivationScreen OptionList { height: auto; max-height: 8; margin: 0 1; }
    ActivationScreen .hint { padding: 0 1; color: $text-muted; }
    ActivationScreen #agreement-status { padding: 0 1; height: auto; }
    ActivationScreen #inventory-items { height: auto; max-height: 12; margin: 0 1; }
    ActivationScreen #loan { height: auto; border-top: solid $primary; }
    """

    def __init__(self, ws: Workspace, lang: str) -> None:
        super().__init__(ws, lang)
        self.crisis: str | None = None
        self.loan: str | None = None
        self.agreement = ""
        self.template = ""
        #: The latest document issued here, by kind (acceptance, inventory).
        self.documents: dict[str, str] = {}
        #: The latest acceptance sheet's snapshot shown here (its rows and reservations).
        self.sheet: Mapping[str, Any] | None = None
        self._pressed = ""

    def action_labels(self) -> None:
        """The kit's labels and packing list, to print before it leaves."""
        if self.loan is None:
            self.notify(t("labels.no_loan", self.lang), severity="warning")
        else:
            print_kit(self, self.loan)

    def compose(self) -> ComposeResult:
        lang = self.lang
        titles = {pane: f"{n}. {t(key, lang)}" for n, (pane, key) in enumerate(PANES, 1)}
        yield Header()
        with Vertical(id="activation"), TabbedContent(id="wizard", initial="step-declare"):
            with TabPane(titles["declare"], id="step-declare"), VerticalScroll():
                for name, key in FIELDS:
                    if name == "town":
                        yield TownInput(self.ws, lang, placeholder=t(key, lang), id=name,
                                        classes=CHANGES)  # fmt: skip
                    else:
                        yield Input(placeholder=t(key, lang), id=name, classes=CHANGES)
                yield Button(t("activation.declare", lang), id="declare", classes=CHANGES)
                yield Static(t("wizard.resume.pick", lang), id="resume-hint", classes="hint")
                yield OptionList(id="resume", classes=CHANGES)
            with TabPane(titles["loan"], id="step-loan"), VerticalScroll():
                yield Static(t("wizard.agreement.pick", lang), classes="hint")
                yield OptionList(id="agreement", classes=CHANGES)
                yield Static(id="agreement-status")
                yield Static(t("wizard.template.pick", lang), classes="hint")
                yield OptionList(id="template", classes=CHANGES)
                yield Static(id="chosen", classes="hint")
                with Horizontal(classes="row"):
                    yield Button(t("activation.open", lang), id="open", classes=CHANGES)
                    yield Button(
                        t("activation.assemble", lang), id="assemble", classes=f"{CHANGES} step"
                    )
                yield SubstitutionForm(self.ws, lang, id="substitution")
            with TabPane(titles["provision"], id="step-provision"), VerticalScroll():
                with Horizontal(classes="row"):
                    yield Button(
                        t("activation.provision", lang), id="provision", classes=f"{CHANGES} step"
                    )
                    yield Button(t("kit.clean_laptops", lang), id="clean-laptops")
                    yield Button(t("wizard.switch", lang), id="switch")
                yield Static(t("wizard.provision.hint", lang), classes="hint")
                yield WizardMailboxes(self.ws, lang, id="mailboxes")
            with TabPane(titles["acceptance"], id="step-acceptance"), VerticalScroll():
                yield Static(t("wizard.acceptance.hint", lang), classes="hint")
                yield AcceptanceForm(lang, self.ws.operator, id="acceptance-form")
                yield DocumentStep("acceptance", lang, id="acceptance")
                yield RowGaps(lang, id="acceptance-gaps")
                yield Button(t("activation.accept", lang), id="accept", classes=f"{CHANGES} step")
            with TabPane(titles["inventory"], id="step-inventory"), VerticalScroll():
                yield DocumentStep("inventory", lang, id="inventory")
                yield Button(
                    t("activation.handover", lang), id="handover", classes=f"{CHANGES} step"
                )
                yield DataTable(id="inventory-items", cursor_type="row")
        yield Static(id="problem")
        yield LoanPanel(id="loan")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("activation.title", self.lang)
        self.show_problem("")
        self.query_one("#inventory-items", DataTable).add_columns(
            *(t(key, self.lang) for _, key in ITEM_COLUMNS)
        )
        self.set_focus(self.query_one("#town", Input))

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.load_in_progress()  # another station may have moved a loan on meanwhile

    def _go(self, pane: str, control: str) -> None:
        """Show a step's pane and give its control the focus."""
        self.query_one("#wizard", TabbedContent).active = f"step-{pane}"
        self.set_focus(self.query_one(f"#{control}"))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    # --- 1. the crisis ---------------------------------------------------------------------

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
        self._start_over(message.reference)
        for name, _ in FIELDS:  # recorded: the form is empty for the next declaration
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#loan", LoanPanel).update(
            t("activation.declared", self.lang, crisis=message.reference)
        )
        self.load_choices(message.reference)

    def _start_over(self, crisis: str) -> None:
        """Forget the loan and documents shown: a new crisis, or another activation."""
        self.show_problem("")
        self.crisis, self.agreement, self.template = crisis, "", ""
        self._set_loan(None)
        self.query_one("#chosen", Static).update("")
        self.documents.clear()
        self.sheet = None
        self.query_one(RowGaps).show({})
        self.query_one(AcceptanceForm).reset()
        for step in self.query(DocumentStep).results(DocumentStep):
            step.reset()
        self.query_one("#inventory-items", DataTable).clear()

    # --- or carry on an activation in progress ----------------------------------------------

    @work(thread=True, exclusive=True, group="activation-resume", exit_on_error=False)
    def load_in_progress(self) -> None:
        """The loans not handed over yet, off the UI thread."""
        self.post_message(LoansInProgress(tuple(loans.list_loans(self.ws, tuple(RESUME_AT)))))

    def on_loans_in_progress(self, message: LoansInProgress) -> None:
        options = self.query_one("#resume", OptionList)
        options.clear_options()
        options.add_options(
            Option(
                f"{escape(v.reference)} — {escape(v.borrower)} — {escape(v.crisis)} — "
                f"{t(f'loanstate.{v.state.value}', self.lang)}",
                id=v.reference,
            )
            for v in message.loans
        )
        options.display = self.query_one("#resume-hint").display = bool(message.loans)

    @on(OptionList.OptionSelected, "#resume")
    def _resume_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.resume(event.option.id)

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False)
    def resume(self, loan: str) -> None:
        """The loan and its latest acceptance sheet and joint inventory, off the UI thread."""
        latest = {d.kind: d for d in documents.list_documents(self.ws, loan)}
        kinds = (DocumentKind.ACCEPTANCE, DocumentKind.INVENTORY)
        self.post_message(
            LoanResumed(
                loans.get_loan(self.ws, loan), tuple(latest[k] for k in kinds if k in latest)
            )
        )

    def on_loan_resumed(self, message: LoanResumed) -> None:
        v = message.loan
        self._start_over(v.crisis)
        self._set_loan(v.reference)
        self.query_one("#loan", LoanPanel).show(v, self.lang)
        for doc in message.documents:
            self._show_document(doc)
        pane, control = RESUME_AT[v.state]
        for doc in message.documents:
            if doc.kind.value == pane:  # its document is issued: on to whoever signs next
                signed = {s.party for s in doc.signatures}
                control = next(
                    (f"{pane}-{field}" for party, field in SIGNERS if party not in signed),
                    AFTER_SIGNED[pane],
                )
        self._go(pane, control)

    # --- 2. agreement and kit template -----------------------------------------------------

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False)
    def load_choices(self, crisis: str) -> None:
        """The agreements with the crisis's town and the kit templates, off the UI thread."""
        self.post_message(
            ChoicesLoaded(
                crisis,
                tuple(wizard_choices.agreements_for_crisis(self.ws, crisis)),
                tuple(loans.list_templates(self.ws)),
            )
        )

    def on_choices_loaded(self, message: ChoicesLoaded) -> None:
        lang = self.lang
        agreements = self.query_one("#agreement", OptionList)
        agreements.clear_options()
        agreements.add_options(
            Option(agreement_line(c, lang), id=c.reference, disabled=not c.usable)
            for c in message.agreements
        )
        usable = [i for i, c in enumerate(message.agreements) if c.usable]
        refused = [agreement_line(c, lang) for c in message.agreements if not c.usable]
        if not usable:
            refused.append(t("wizard.agreement.none", lang, crisis=message.crisis))
        self.query_one("#agreement-status", Static).update("\n".join(refused))
        templates = self.query_one("#template", OptionList)
        templates.clear_options()
        templates.add_options(
            Option(f"{x.name} — {Joined(x.lines, ', ').render(lang)}", id=x.name)
            for x in message.templates
        )
        if message.templates:
            templates.highlighted = 0
        if usable:
            agreements.highlighted = usable[0]
        self._go("loan", "agreement")

    @on(OptionList.OptionSelected, "#agreement")
    def _agreement_chosen(self, event: OptionList.OptionSelected) -> None:
        self.agreement = event.option.id or ""
        self._show_chosen()
        self.set_focus(self.query_one("#template", OptionList))

    @on(OptionList.OptionSelected, "#template")
    def _template_chosen(self, event: OptionList.OptionSelected) -> None:
        self.template = event.option.id or ""
        self._show_chosen()
        self.set_focus(self.query_one("#open", Button))

    def _show_chosen(self) -> None:
        self.query_one("#chosen", Static).update(
            t(
                "wizard.chosen",
                self.lang,
                agreement=escape(self.agreement or "—"),
                template=escape(self.template or "—"),
            )
        )

    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        crisis, agreement, template = self.crisis, self.agreement, self.template
        if crisis is None:
            self.show_problem(t("wizard.declare_first", self.lang))
        elif not agreement or not template:
            self.show_problem(t("wizard.choose", self.lang))
        else:
            self._pressed = "open"
            self.act(lambda: loans.open_loan(self.ws, crisis, agreement, template))

    # --- loan steps: assemble, provision, accept, hand over ---------------------------------

    @on(Button.Pressed, ".step")
    def _step(self, event: Button.Pressed) -> None:
        loan, step = self.loan, event.button.id or ""
        if loan is None:
            self.show_problem(t("activation.no_loan", self.lang))
            return
        self._pressed = step
        ws = self.ws
        calls: dict[str, LoanAction] = {
            "assemble": lambda: loans.assemble(ws, loan),
            "provision": lambda: loans.start_provisioning(ws, loan),
            "accept": lambda: loans.accept(ws, loan),
            "handover": lambda: loans.hand_over(ws, loan),
        }
        call = calls[step]
        question = (
            confirmation(step, loan, self.sheet, self.lang) if step in AFTER_SIGNED.values() else ""
        )
        if not question and step in AFTER_SIGNED.values():
            # No gap to name: still asked, accepting and handing over are not undone.
            what = t(f"confirm.{step}.what", self.lang)
            question = f"{t(f'wizard.confirm.{step}', self.lang, loan=escape(loan))}\n\n{what}"
        if not question:
            self.act(call)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.act(call)

        # The sheet's failing and reserved rows, named before the step; No has the focus.
        self.app.push_screen(ConfirmStep(question, self.lang), answered)

    @on(Button.Pressed, "#switch")
    async def _switch(self) -> None:
        await self.app.run_action("show('switch')")

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False)
    def act(self, action: LoanAction) -> None:
        """Run one lifecycle step off the UI thread."""
        self.post_message(LoanChanged(action()))

    def on_loan_changed(self, message: LoanChanged) -> None:
        self.show_problem("")
        self._set_loan(message.loan.reference)
        self.query_one("#loan", LoanPanel).show(message.loan, self.lang)
        if self._pressed in NEXT:
            self._go(*NEXT[self._pressed])

    def _set_loan(self, loan: str | None) -> None:
        """The loan the wizard works on (``None``: none yet); its panes follow."""
        if loan == self.loan and loan is not None:
            return
        self.loan = loan
        self.query_one(SubstitutionForm).loan = loan
        self.query_one(WizardMailboxes).show_loan(loan)

    def on_item_substituted(self, message: ItemSubstituted) -> None:
        self.query_one("#loan", LoanPanel).show(message.loan, self.lang)

    # --- provisioning: the loan's laptops on the cleaning screen ----------------------------

    @on(Button.Pressed, "#clean-laptops")
    def _clean_laptops(self) -> None:
        if self.loan is None:
            self.show_problem(t("activation.no_loan", self.lang))
            return
        self.find_laptops(self.loan)

    @work(thread=True, exclusive=True, group="activation-laptops", exit_on_error=False)
    def find_laptops(self, loan: str) -> None:
        """The loan's laptops, off the UI thread."""
        self.post_message(LoanLaptopsFound(loan, wizard_choices.loan_laptops(self.ws, loan)))

    async def on_loan_laptops_found(self, message: LoanLaptopsFound) -> None:
        from tui.screens.provisioning import ProvisioningScreen

        await self.app.run_action("show('provisioning')")
        screen = self.app.screen
        if isinstance(screen, ProvisioningScreen):
            screen.prefill(message.tags)

    # --- joint documents: acceptance sheet and joint inventory ------------------------------

    @on(Button.Pressed, "#add-test")
    @on(AcceptanceForm.AddRequested)
    def _add_test(self) -> None:
        self.show_problem(self.query_one(AcceptanceForm).add_row())

    def on_acceptance_form_finished(self) -> None:
        self.set_focus(self.query_one("#acceptance-place", Input))

    @on(Button.Pressed, "#issue-acceptance, #issue-inventory")
    def _issue(self, event: Button.Pressed) -> None:
        kind = (event.button.id or "").removeprefix("issue-")
        if self.loan is None:
            self.show_problem(t("activation.no_loan", self.lang))
            return
        step = self.query_one(f"#{kind}", DocumentStep)
        rows = self.query_one(AcceptanceForm).rows if kind == "acceptance" else ()
        self.issue(kind, self.loan, rows, step.place, step.reservations)

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False)
    def issue(
        self,
        kind: str,
        loan: str,
        rows: tuple[AcceptanceTest, ...],
        place: str,
        reservations: Reservations,
    ) -> None:
        """Issue a joint document off the UI thread."""
        if kind == "acceptance":
            doc = documents.issue_acceptance(self.ws, loan, rows, place, reservations)
        else:
            doc = documents.issue_inventory(self.ws, loan, place, reservations)
        self.post_message(DocumentIssued(doc))

    def on_document_issued(self, message: DocumentIssued) -> None:
        self.show_problem("")
        self._show_document(message.document)
        self.set_focus(self.query_one(f"#{message.document.kind.value}-passphrase", Input))

    def _show_document(self, doc: DocumentView) -> None:
        """A joint document issued here or earlier: its rows or items, its signatures."""
        kind = doc.kind.value
        self.documents[kind] = doc.reference
        self.query_one(f"#{kind}", DocumentStep).signing.show(doc)
        if kind == "acceptance":
            self.sheet = doc.data
            self.query_one(AcceptanceForm).show_document(doc.data)
            self.query_one(RowGaps).show(doc.data)
        else:
            table = self.query_one("#inventory-items", DataTable)
            table.clear()
            for item in doc.data.get("items", []):
                table.add_row(*(plain(item.get(name, "")) for name, _ in ITEM_COLUMNS))

    @on(Button.Pressed, "#record-reservations")
    def _reserve(self) -> None:
        reference = self.documents.get("acceptance")
        if reference is None:
            self.show_problem(t("wizard.issue_first", self.lang))
            return
        gaps = self.query_one(RowGaps)
        self.reserve(reference, gaps.chosen, gaps.by, gaps.reason)

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False)
    def reserve(self, reference: str, rows: list[int], by: str, reason: str) -> None:
        """The borrower's reservations on the ticked rows: the sheet's new revision, to sign."""
        self.post_message(
            DocumentIssued(documents.reserve_acceptance_rows(self.ws, reference, rows, by, reason))
        )

    @on(
        Button.Pressed,
        "#acceptance-sign-lender, #inventory-sign-lender, "
        "#acceptance-sign-borrower, #inventory-sign-borrower",
    )
    def _sign(self, event: Button.Pressed) -> None:
        kind, _, who = (event.button.id or "").partition("-sign-")
        signing = self.query_one(f"#{kind}", DocumentStep).signing
        party = Party(who)
        # Taken out of the field at once, handed to the worker in a box it empties.
        secret = [signing.take_passphrase()] if party is Party.LENDER else [""]
        reference = self.documents.get(kind)
        if reference is None:
            self.show_problem(t("wizard.issue_first", self.lang))
            return
        town = signing.take_town_signature() if party is Party.BORROWER else None
        self.sign(reference, party, "", secret, town)

    @work(thread=True, exclusive=True, group="activation", exit_on_error=False, name="sign")
    def sign(
        self,
        reference: str,
        party: Party,
        signer: str,
        secret: list[str],
        town: documents.TownSignature | None = None,
    ) -> None:
        """One party signs off the UI thread: the lender's passphrase is dropped; the town
        signs the way it chose (its PKCS#12, the PDF it signed, or by hand with a scan)."""
        if town is not None:
            doc = documents.sign_for_town(self.ws, reference, town)
        else:
            doc = documents.sign_document(
                self.ws, reference, party, signer=signer, passphrase=secret.pop()
            )
        self.post_message(DocumentSigned(doc, party.value, loans.get_loan(self.ws, doc.loan)))

    def on_document_signed(self, message: DocumentSigned) -> None:
        self.show_problem("")
        doc, kind = message.document, message.document.kind.value
        self.query_one(f"#{kind}", DocumentStep).signing.show(doc)
        self.query_one("#loan", LoanPanel).show(message.loan, self.lang)
        if message.party == Party.LENDER.value:
            self.set_focus(self.query_one(f"#{kind}-representative", Input))
        else:
            self.set_focus(self.query_one(f"#{AFTER_SIGNED[kind]}", Button))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.state is WorkerState.ERROR and event.worker.name == "sign":
            # A refused lender signature (wrong passphrase): type it again.
            focused = self.focused
            if focused is not None and (focused.id or "").endswith("-sign-lender"):
                kind = (focused.id or "").removesuffix("-sign-lender")
                self.set_focus(self.query_one(f"#{kind}-passphrase", Input))
