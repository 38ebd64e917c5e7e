"""Quarantine and sanitisation at the desk: the returned devices' status, the laptops' wipe
with live per-host progress, the phones' reset, manual records, certificates, the mailboxes'
data, then the close of the loan."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static
from textual.worker import Worker

from crisis.domain.assets import AssetState, Category
from crisis.errors import ValidationError
from crisis.i18n import msg, t, worded
from crisis.services import documents, incidents, loans, provisioning, quarantine
from tui.messages import LoanChanged, PlaybookProgressed, RunFinished
from tui.safe_text import escape, plain
from tui.screens.base import CHANGES
from tui.widgets.close_prompt import CloseChoice, ClosePrompt
from tui.widgets.confirm_action import ConfirmAction
from tui.widgets.host_progress import HostProgress
from tui.widgets.return_messages import CloseChecked, DeskStepDone, QuarantineLoaded
from tui.widgets.return_pane import DeskPane
from tui.widgets.sanitisation_mailboxes import MailboxDisposal
from tui.widgets.sanitisation_manual import ManualSanitisationForm

if TYPE_CHECKING:
    from crisis.adapters.ansible_run import PlaybookEvent
    from crisis.services.quarantine import QuarantineView
    from crisis.services.workspace import Workspace

DEVICE_COLUMNS = (
    "col.tag",
    "col.category",
    "col.state",
    "desk.col.sanitisation",
    "desk.col.cert",
    "desk.col.reset",
)


class SanitisationPane(DeskPane):
    """Every step from quarantine to a closed loan, each in a worker, each shown as it ends."""

    DEFAULT_CSS = """
    SanitisationPane #devices { height: auto; max-height: 20; }
    SanitisationPane Static { height: auto; padding: 0 1; }
    """

    def __init__(self, ws: Workspace, lang: str, *, id: str | None = None) -> None:
        super().__init__(ws, lang, id=id)
        self.view: QuarantineView | None = None
        self._cancel = threading.Event()

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield DataTable(id="devices", cursor_type="row")
        with Horizontal(classes="row"):
            yield Button(t("desk.sanitise", lang), id="sanitise-laptops", classes=CHANGES)
            yield Button(t("prov.cancel", lang), id="cancel-run", variant="error", disabled=True)
            yield Button(t("desk.reset_phones", lang), id="reset-phones", classes=CHANGES)
        yield Static(id="run-summary")
        yield HostProgress(lang, id="runs")
        yield ManualSanitisationForm(self.ws, lang, id="manual")
        with Horizontal(classes="row"):
            yield Input(
                placeholder=t("desk.validated_by", lang), id="validated-by", classes=CHANGES
            )
            yield Button(t("desk.certificates", lang), id="issue-certificates", classes=CHANGES)
        yield MailboxDisposal(self.ws, lang, id="mail")
        yield Button(t("desk.close", lang), id="close", variant="primary", classes=CHANGES)
        yield Static(id="step")

    def on_mount(self) -> None:
        table = self.query_one("#devices", DataTable)
        table.add_columns(*(t(c, self.lang) for c in DEVICE_COLUMNS))

    # --- the loan's status ---------------------------------------------------------------

    def pick(self, loan: str | None) -> None:
        """Show another loan's quarantine."""
        if loan == self.loan:
            return
        self.loan = loan
        self.query_one(ManualSanitisationForm).loan = loan
        self.query_one(MailboxDisposal).loan = loan
        self.view = None
        self.query_one("#devices", DataTable).clear()
        if loan is not None:
            self.reload(loan)

    @work(thread=True, exclusive=True, group="desk-quarantine", exit_on_error=False)
    def reload(self, loan: str) -> None:
        """The quarantine as recorded, off the UI thread."""
        self.post_message(QuarantineLoaded(quarantine.quarantine_of(self.ws, loan)))

    def on_quarantine_loaded(self, message: QuarantineLoaded) -> None:
        q = message.quarantine
        if q.loan != self.loan:
            return
        self.view = q
        lang = self.lang
        table = self.query_one("#devices", DataTable)
        table.clear()
        for d in q.devices:
            done = (
                f"{t(f'desk.result.{d.sanitisation}', lang)} ({d.method})"
                if d.sanitisation
                else "—"
            )
            table.add_row(
                plain(d.tag),
                t(f"category.{d.category.value}", lang),
                t(f"state.{d.state.value}", lang),
                plain(done),
                plain(d.certificate or "—"),
                t(f"desk.result.{d.reset}", lang) if d.reset else "—",
                key=d.tag,
            )
        self.query_one(MailboxDisposal).show(q)

    def on_desk_step_done(self, message: DeskStepDone) -> None:
        self.problem("")
        self.query_one("#step", Static).update(escape(message.text))
        if message.loan == self.loan:
            self.reload(message.loan)

    def _tags(self, category: Category) -> tuple[str, ...]:
        if self.view is None or self.loan is None:
            self.problem(t("restitution.no_loan", self.lang))
            return ()
        tags = self.view.tags(category, AssetState.QUARANTINE)
        if not tags:
            self.problem(t(f"desk.none_in_quarantine.{category.value}", self.lang))
        return tags

    # --- playbook runs: laptops wiped, phones reset ----------------------------------------

    @on(Button.Pressed, "#sanitise-laptops")
    def _sanitise(self) -> None:
        if tags := self._tags(Category.LAPTOP):

            def answered(yes: bool | None) -> None:
                if yes:
                    self._starting(tags, cancellable=True)
                    self.sanitise(tags)

            self._ask("sanitise", tags, answered)

    @on(Button.Pressed, "#reset-phones")
    def _reset(self) -> None:
        if tags := self._tags(Category.PHONE):

            def answered(yes: bool | None) -> None:
                if yes:
                    self._starting(tags, cancellable=False)
                    self.reset(tags)

            self._ask("reset", tags, answered)

    def _ask(
        self, step: str, tags: tuple[str, ...], answered: Callable[[bool | None], None]
    ) -> None:
        """Wiping and resetting destroy data: name the devices and ask; No has the focus."""
        lang = self.lang
        question = ConfirmAction(
            t(f"confirm.{step}.title", lang, loan=escape(self.loan or ""), count=len(tags)),
            t(f"confirm.{step}.body", lang, tags=escape(", ".join(tags))),
            lang,
            yes=t(f"confirm.{step}.yes", lang),
        )
        self.app.push_screen(question, answered)

    def _starting(self, tags: tuple[str, ...], *, cancellable: bool) -> None:
        self.problem("")
        self._cancel.clear()
        self.query_one(HostProgress).start(tags)
        self.query_one("#run-summary", Static).update(t("desk.running", self.lang))
        self.query_one("#cancel-run", Button).disabled = not cancellable
        for name in ("#sanitise-laptops", "#reset-phones"):
            self.query_one(name, Button).disabled = True

    @on(Button.Pressed, "#cancel-run")
    def _cancel_pressed(self) -> None:
        self._cancel.set()
        self.query_one("#run-summary", Static).update(t("prov.cancelling", self.lang))

    @work(thread=True, exclusive=True, group="desk-run", exit_on_error=False)
    def sanitise(self, tags: tuple[str, ...]) -> None:
        """Wipe the returned laptops; each Ansible event crosses to the UI as a message."""
        run = provisioning.sanitise_laptops(
            self.ws, tags, on_event=self._event, should_cancel=self._cancel.is_set
        )
        self.post_message(RunFinished(run))

    @work(thread=True, exclusive=True, group="desk-run", exit_on_error=False)
    def reset(self, tags: tuple[str, ...]) -> None:
        """Factory-reset the returned phones through adb on this station."""
        self.post_message(
            RunFinished(provisioning.reset_phones(self.ws, tags, on_event=self._event))
        )

    def _event(self, event: PlaybookEvent) -> None:
        # Called from the runner's event thread: post_message is thread-safe.
        self.post_message(PlaybookProgressed(event))

    def on_playbook_progressed(self, message: PlaybookProgressed) -> None:
        self.query_one(HostProgress).event(message.event)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.worker.group == "desk-run" and event.worker.is_finished:
            self.query_one("#cancel-run", Button).disabled = True
            for name in ("#sanitise-laptops", "#reset-phones"):
                self.query_one(name, Button).disabled = self.read_only

    def on_run_finished(self, message: RunFinished) -> None:
        run = message.run
        self.query_one(HostProgress).finish(run)
        self.query_one("#run-summary", Static).update(
            t(
                "prov.finished",
                self.lang,
                status=worded("runstatus.", run.status, self.lang),
                failed=", ".join(run.failed_hosts) or "—",
            )
        )
        if run.playbook.startswith("phone_reset") and not run.check:
            # A reset phone still needs someone to check it restarted blank: prefill the
            # manual record with what the run did; the check is typed by whoever made it.
            done = [h.host for h in run.hosts if h.status in ("ok", "changed")]
            self.query_one(ManualSanitisationForm).prefill(
                done, t("desk.phone_technique", self.lang), "adb"
            )
        if self.loan is not None:
            self.reload(self.loan)

    # --- certificates -------------------------------------------------

    @on(Button.Pressed, "#issue-certificates")
    def _certificates(self) -> None:
        if self.view is None or self.loan is None:
            self.problem(t("restitution.no_loan", self.lang))
            return
        self.certify(self.loan, self.view.uncertified, self.query_one("#validated-by", Input).value)

    @work(thread=True, exclusive=True, group="desk-step", exit_on_error=False)
    def certify(self, loan: str, tags: tuple[str, ...], validated_by: str) -> None:
        """A sanitisation certificate for each sanitised device that has none yet."""
        if not validated_by.strip():
            raise ValidationError(
                msg("error.desk.validated_by"), where=msg("error.desk.validated_by_where")
            )
        if not tags:
            raise ValidationError(msg("error.desk.nothing_to_certify", loan=loan))
        refs = [
            documents.issue_sanitisation(self.ws, loan, tag, validated_by.strip()).reference
            for tag in tags
        ]
        self.post_message(DeskStepDone(loan, t("desk.issued", self.lang, refs=", ".join(refs))))

    # --- the end --------------------------------------------------------------------------

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        if self.loan is not None:
            self.check_close(self.loan)

    @work(thread=True, exclusive=True, group="desk-step", exit_on_error=False)
    def check_close(self, loan: str) -> None:
        """What to settle first (items to declare, incidents to close), off the UI thread."""
        self.post_message(CloseChecked(loan, loans.close_check(self.ws, loan)))

    def on_close_checked(self, message: CloseChecked) -> None:
        if message.check.clear:
            # Nothing to settle first: still, a closed loan is final; say so and ask.
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.close_loan(message.loan)

            lang, loan = self.lang, escape(message.loan)
            question = ConfirmAction(
                t("confirm.close.title", lang, loan=loan),
                t("confirm.close.body", lang, loan=loan),
                lang,
                yes=t("confirm.close.yes", lang),
            )
            self.app.push_screen(question, confirmed)
            return

        def answered(choice: CloseChoice | None) -> None:
            if choice is not None:
                self.close_loan(message.loan, choice)

        self.app.push_screen(ClosePrompt(message.check, self.lang), answered)

    def on_loan_changed(self, message: LoanChanged) -> None:
        if message.loan.reference == self.loan:
            self.reload(self.loan)

    @work(thread=True, exclusive=True, group="desk-step", exit_on_error=False)
    def close_loan(self, loan: str, choice: CloseChoice | None = None) -> None:
        """Declare what was chosen, then close the loan; its guard names what still waits."""
        resolution = ""
        if choice is not None:
            if choice.theft is not None:
                incidents.declare_missing(
                    self.ws, loan, theft=choice.theft, declarant=choice.declarant
                )
            resolution = choice.resolution
        self.post_message(LoanChanged(loans.close(self.ws, loan, resolution)))
