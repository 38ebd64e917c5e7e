"""The return desk: a barcode scanner types tags, the live return report follows each scan;
then the signed return report, quarantine and sanitisation, and the close of the loan."""

from __future__ import annotations

import threading
from collections import deque

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Select, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from crisis.domain.assets import Condition
from crisis.domain.label_sheets import is_kit_code
from crisis.domain.loans import LoanState
from crisis.errors import CrisisError, describe
from crisis.i18n import t
from crisis.services import incidents, loans
from crisis.services.workspace import Workspace
from tui.messages import (
    LoanChanged,
    LoansListed,
    ReturnReportLoaded,
    ReturnScanned,
    ScanRefused,
)
from tui.screens.base import CHANGES, CrisisScreen
from tui.widgets.return_hold import HoldForm
from tui.widgets.return_lists import ReturnLists
from tui.widgets.return_messages import DocumentSigned, ScanNeedsConfirmation, ScanWithdrawn
from tui.widgets.return_report import ReturnReportPane
from tui.widgets.sanitisation_pane import SanitisationPane
from tui.widgets.scan_field import ScanField

#: Loans whose kit is at the town or coming back, or back and being sanitised.
RETURNABLE = frozenset(
    {
        LoanState.HANDED_OVER.value,
        LoanState.ACTIVE.value,
        LoanState.RETURNING.value,
        LoanState.SANITISING.value,
    }
)
CONDITIONS = (Condition.GOOD, Condition.WORN, Condition.DAMAGED, Condition.BROKEN)


class RestitutionScreen(CrisisScreen):
    """Check items back in as fast as they are scanned; then sign and finish the return."""

    CSS = """
    RestitutionScreen ReturnLists { grid-size: 5; }
    RestitutionScreen #scan { width: 3fr; }
    RestitutionScreen #condition { width: 1fr; }
    RestitutionScreen TabbedContent { height: 1fr; }
    RestitutionScreen TabPane { height: 1fr; padding: 0; }
    """

    BINDINGS = [
        Binding("f5", "refresh", "key.refresh"),
        # Keys the scan field does not use: the condition of the next scan, hands on the scanner.
        Binding("ctrl+g", "condition('good')", "key.good"),
        Binding("ctrl+r", "condition('worn')", "key.worn"),
        Binding("ctrl+t", "condition('damaged')", "key.damaged"),
        Binding("ctrl+y", "condition('broken')", "key.broken"),
        # A device not lent by this loan waits for this confirmation; a wrong scan is undone.
        Binding("ctrl+o", "confirm_unexpected", "key.unexpected"),
        Binding("ctrl+z", "withdraw", "key.withdraw"),
    ]

    def __init__(self, ws: Workspace, lang: str) -> None:
        super().__init__(ws, lang)
        self.scans_sent = 0
        #: The loans the desk can take back (a kit's QR code scanned turns to its loan).
        self._returnable: list[str] = []
        self.scans_done = 0
        # Scans queue up here and one worker records them in order, so none is lost or
        # reordered however fast the scanner types.
        self._queue: deque[tuple[str, str, Condition, bool]] = deque()
        self._lock = threading.Lock()
        self._draining = False
        #: Devices not lent by the loan, scanned and waiting for a confirmation (tag, condition).
        self.pending: dict[str, Condition] = {}
        #: The tags recorded, in order (what Ctrl+Z withdraws from the end).
        self.recorded: list[str] = []

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="restitution"):
            yield Select[str]([], prompt=t("restitution.pick", lang), id="loan")
            yield Static(id="problem")
            yield Static(id="loan-state")
            with TabbedContent(id="desk"):
                with TabPane(t("desk.tab.scan", lang), id="tab-scan"):
                    with Horizontal(classes="row"):
                        yield ScanField(
                            placeholder=t("restitution.scan", lang), id="scan", classes=CHANGES
                        )
                        yield Select[str](
                            [(t(f"condition.{c.value}", lang), c.value) for c in CONDITIONS],
                            value=Condition.GOOD.value,
                            allow_blank=False,
                            id="condition",
                        )
                    yield Static(id="last")
                    yield Static(id="pending")
                    yield ReturnLists(lang, id="lists")
                with (
                    TabPane(t("desk.tab.report", lang), id="tab-report"),
                    VerticalScroll(),
                ):
                    yield ReturnReportPane(self.ws, lang, id="report")
                    yield HoldForm(self.ws, lang, id="hold")
                with (
                    TabPane(t("desk.tab.quarantine", lang), id="tab-quarantine"),
                    VerticalScroll(),
                ):
                    yield SanitisationPane(self.ws, lang, id="quarantine")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("restitution.title", self.lang)
        self.show_problem("")
        self.action_refresh()

    def action_refresh(self) -> None:
        self.list_loans()

    @work(thread=True, exclusive=True, group="restitution-loans", exit_on_error=False)
    def list_loans(self) -> None:
        """The loans that can be returned, off the UI thread."""
        board = incidents.dashboard(self.ws)
        found = tuple(x for x in board.active_loans if x[2] in RETURNABLE)
        if not get_current_worker().is_cancelled:
            self.post_message(LoansListed(found))

    def on_loans_listed(self, message: LoansListed) -> None:
        select = self.query_one("#loan", Select)
        current = select.value
        select.set_options(
            (f"{ref} — {town} ({t(f'loanstate.{state}', self.lang)})", ref)
            for town, ref, state in message.loans
        )
        refs = [ref for _, ref, _ in message.loans]
        self._returnable = refs
        if isinstance(current, str) and current in refs:
            select.value = current
        elif len(refs) == 1:
            select.value = refs[0]

    @property
    def loan(self) -> str | None:
        """The loan picked, if any."""
        value = self.query_one("#loan", Select).value
        return value if isinstance(value, str) else None

    @on(Select.Changed, "#loan")
    def _loan_picked(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return  # the list is being refreshed: the panes keep their loan
        self.query_one(ReturnReportPane).pick(event.value)
        self.query_one(SanitisationPane).pick(event.value)
        self.load_report(event.value)
        self._focus_scan()

    @on(TabbedContent.TabActivated, "#desk")
    def _pane_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-scan":
            self._focus_scan()
        elif event.pane.id == "tab-quarantine" and self.loan is not None:
            self.query_one(SanitisationPane).reload(self.loan)

    def _focus_scan(self) -> None:
        # Hands stay on the scanner: whatever was picked, the next scan goes to the field.
        if self.query_one("#desk", TabbedContent).active == "tab-scan":
            self.query_one("#scan", ScanField).focus()

    @work(thread=True, exclusive=True, group="restitution-report", exit_on_error=False)
    def load_report(self, loan: str) -> None:
        """The report as it stands (scans already made before)."""
        report = loans.return_report(self.ws, loan)
        view = loans.get_loan(self.ws, loan)
        if not get_current_worker().is_cancelled:
            self.post_message(ReturnReportLoaded(loan, report))
            self.post_message(LoanChanged(view))

    def on_return_report_loaded(self, message: ReturnReportLoaded) -> None:
        if message.loan == self.loan:
            self.query_one(ReturnLists).show(message.report)

    def action_condition(self, value: str) -> None:
        self.query_one("#condition", Select).value = value

    @on(Select.Changed, "#condition")
    def _condition_picked(self) -> None:
        self._focus_scan()

    @on(ScanField.Scanned, "#scan")
    def _scanned(self, event: ScanField.Scanned) -> None:
        tag = event.tag
        loan = self.loan
        if not tag:
            return
        kit = next((ref for ref in self._returnable if is_kit_code(ref, tag)), None)
        if kit is not None and kit != loan:  # a kit's QR code: the desk turns to its loan
            self.query_one("#loan", Select).value = kit
            self.query_one("#last", Static).update(
                t("labels.kit_scanned", self.lang, code=tag, loan=kit)
            )
            return
        if loan is None:
            self.show_problem(t("restitution.no_loan", self.lang))
            return
        condition = Condition(str(self.query_one("#condition", Select).value))
        # The condition applies to one scan: the next item is presumed good.
        self.query_one("#condition", Select).value = Condition.GOOD.value
        self._enqueue(loan, tag, condition, confirm=False)

    def _enqueue(self, loan: str, tag: str, condition: Condition, *, confirm: bool) -> None:
        self.scans_sent += 1
        with self._lock:
            self._queue.append((loan, tag, condition, confirm))
            start = not self._draining
            self._draining = True
        if start:
            self.record_scans()

    @work(thread=True, exclusive=True, group="restitution-scan", exit_on_error=False)
    def record_scans(self) -> None:
        """Record queued scans one by one; each posts the live report."""
        while True:
            with self._lock:
                if not self._queue:
                    self._draining = False
                    return
                loan, tag, condition, confirm = self._queue.popleft()
            try:
                report = loans.scan_return(
                    self.ws, loan, tag, condition, confirm_unexpected=confirm
                )
            except loans.UnexpectedItemError as exc:
                self.post_message(
                    ScanNeedsConfirmation(tag, condition.value, describe(exc, self.lang))
                )
            except CrisisError as exc:
                self.post_message(ScanRefused(tag, describe(exc, self.lang)))
            else:
                self.post_message(ReturnScanned(tag, condition.value, report))

    def on_scan_needs_confirmation(self, message: ScanNeedsConfirmation) -> None:
        self.scans_done += 1
        self.pending[message.tag] = Condition(message.condition)
        self._show_pending()

    def _show_pending(self) -> None:
        text = (
            t("desk.unexpected.pending", self.lang, tags=", ".join(self.pending))
            if self.pending
            else ""
        )
        self.query_one("#pending", Static).update(text)

    def action_confirm_unexpected(self) -> None:
        """Record the devices waiting for a confirmation as unexpected (they go to quarantine)."""
        loan = self.loan
        if loan is None or not self.pending:
            return
        waiting, self.pending = self.pending, {}
        self._show_pending()
        for tag, condition in waiting.items():
            self._enqueue(loan, tag, condition, confirm=True)

    def action_withdraw(self) -> None:
        """Withdraw the scan of the tag typed in the field, or else the last one recorded."""
        loan = self.loan
        field = self.query_one("#scan", ScanField)
        tag = field.value.strip() or (self.recorded[-1] if self.recorded else "")
        field.value = ""
        if loan is None or not tag:
            self.show_problem(t("desk.nothing_to_withdraw", self.lang))
            return
        self.withdraw(loan, tag)

    @work(thread=True, exclusive=False, group="restitution-withdraw", exit_on_error=False)
    def withdraw(self, loan: str, tag: str) -> None:
        """Withdraw one scan, off the UI thread (journaled by the service)."""
        self.post_message(ScanWithdrawn(tag, loans.withdraw_scan(self.ws, loan, tag)))

    def on_scan_withdrawn(self, message: ScanWithdrawn) -> None:
        if message.tag in self.recorded:
            del self.recorded[len(self.recorded) - 1 - self.recorded[::-1].index(message.tag)]
        self.show_problem("")
        self.query_one("#last", Static).update(t("desk.withdrawn", self.lang, tag=message.tag))
        self.query_one(ReturnLists).show(message.report)

    def on_return_scanned(self, message: ReturnScanned) -> None:
        self.scans_done += 1
        self.recorded.append(message.tag)
        self.show_problem("")
        last = t(
            "restitution.last",
            self.lang,
            tag=message.tag,
            condition=t(f"condition.{message.condition}", self.lang),
            count=self.scans_done,
        )
        if self.loan is not None and is_kit_code(self.loan, message.tag):
            last = t("labels.kit_scanned", self.lang, code=message.tag, loan=self.loan)
        self.query_one("#last", Static).update(last)
        self.query_one(ReturnLists).show(message.report)

    def on_scan_refused(self, message: ScanRefused) -> None:
        self.scans_done += 1
        self.show_problem(f"{message.tag}: {message.error}")
        self.host.show_error(CrisisError(message.error))

    def on_document_signed(self, _: DocumentSigned) -> None:
        if (loan := self.loan) is not None:
            self.load_report(loan)  # the loan records the signatures: its state line too

    def on_loan_changed(self, message: LoanChanged) -> None:
        v = message.loan
        self.show_problem("")
        signed = ", ".join(t(f"party.{p}", self.lang) for p in v.return_signed_by) or "—"
        self.query_one("#loan-state", Static).update(
            t(
                "restitution.state",
                self.lang,
                loan=v.reference,
                state=t(f"loanstate.{v.state.value}", self.lang),
                signed=signed,
            )
        )
