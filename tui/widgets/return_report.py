"""The return report at the desk: each party's reservations, repair costs, the report issued
against the handover snapshot, both signatures, then the end of the return."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from crisis.domain.documents import DocumentKind, Reservations
from crisis.i18n import t
from crisis.services import documents, loans
from tui.messages import LoanChanged
from tui.safe_text import escape
from tui.screens.base import CHANGES
from tui.widgets.desk_signing import DeskSigning
from tui.widgets.return_messages import DocumentSigned, ReturnDocumentIssued
from tui.widgets.return_pane import DeskPane

if TYPE_CHECKING:
    from crisis.services.documents import DocumentView
    from crisis.services.workspace import Workspace

#: The report's sections, as the snapshot names them.
SECTIONS = ("returned", "missing", "damaged", "substituted", "unexpected")


def parse_repair_costs(text: str) -> dict[str, str]:
    """``TAG=AMOUNT; TAG=AMOUNT`` as repair costs by tag (amounts in euros).

    Raises:
        ValidationError: an entry of another shape, a bad amount, a tag given twice (named).
    """
    return documents.parse_repair_costs(text.split(";"))


def sections(data: dict[str, object], lang: str) -> str:
    """The issued report's sections, each with its tags."""
    out = []
    for name in SECTIONS:
        key = "returned" if name == "damaged" else name
        rows = data.get(key, [])
        assert isinstance(rows, list)
        if name == "damaged":
            rows = [r for r in rows if r.get("status") == "damaged"]
        tags = [
            f"{r['by_tag']} → {r['tag']}" if name == "substituted" else str(r["tag"]) for r in rows
        ]
        head = f"[b]{t(f'restitution.{name}', lang)} ({len(tags)})[/b]"
        out.append(f"{head} {escape(', '.join(tags))}".rstrip())
    return "\n".join(out)


class ReturnReportPane(DeskPane):
    """Issue the procès-verbal de restitution, have both parties sign it, finish the return."""

    DEFAULT_CSS = """
    ReturnReportPane TextArea { height: 4; width: 1fr; }
    ReturnReportPane #report-doc { height: auto; padding: 0 1; }
    ReturnReportPane .column { height: auto; width: 1fr; }
    """

    def __init__(self, ws: Workspace, lang: str, *, id: str | None = None) -> None:
        super().__init__(ws, lang, id=id)
        self.document: DocumentView | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(classes="row"):
            yield Input(placeholder=t("desk.place", lang), id="place", classes=CHANGES)
            yield Input(
                placeholder=t("desk.repair_costs", lang), id="repair-costs", classes=CHANGES
            )
        with Horizontal(classes="row"):
            with Vertical(classes="column"):
                yield Label(t("desk.reservations.lender", lang))
                yield TextArea(id="reservations-lender", classes=CHANGES)
            with Vertical(classes="column"):
                yield Label(t("desk.reservations.borrower", lang))
                yield TextArea(id="reservations-borrower", classes=CHANGES)
        yield Button(t("desk.issue_report", lang), id="issue-report", classes=CHANGES)
        yield Static(t("desk.no_report", lang), id="report-doc")
        yield DeskSigning(self.ws, lang, id="signing")
        yield Button(t("restitution.finish", lang), id="finish", variant="primary", classes=CHANGES)

    def pick(self, loan: str | None) -> None:
        """Another loan: its report is to be issued again."""
        if loan == self.loan:
            return
        self.loan = loan
        self._show(None)
        if loan is not None:
            self.load_latest(loan)

    @work(thread=True, exclusive=True, group="desk-report", exit_on_error=False)
    def load_latest(self, loan: str) -> None:
        """The loan's latest return report, if one was issued (its signing may go on)."""
        issued = [
            d for d in documents.list_documents(self.ws, loan) if d.kind is DocumentKind.RETURN
        ]
        if issued:
            self.post_message(ReturnDocumentIssued(issued[-1]))

    def _show(self, document: DocumentView | None) -> None:
        self.document = document
        self.query_one(DeskSigning).show(document)
        if document is None:
            self.query_one("#report-doc", Static).update(t("desk.no_report", self.lang))
            return
        head = t("desk.report_issued", self.lang, reference=document.reference)
        self.query_one("#report-doc", Static).update(
            "\n".join(
                [
                    escape(head),
                    t("desk.report_sha256", self.lang, sha256=document.sha256),
                    sections(document.data, self.lang),
                ]
            )
        )

    @on(Button.Pressed, "#issue-report")
    def _issue(self) -> None:
        if self.loan is None:
            self.problem(t("restitution.no_loan", self.lang))
            return
        reservations = Reservations(
            lender=_lines(self.query_one("#reservations-lender", TextArea).text),
            borrower=_lines(self.query_one("#reservations-borrower", TextArea).text),
        )
        self.issue(
            self.loan,
            self.query_one("#place", Input).value,
            reservations,
            self.query_one("#repair-costs", Input).value,
        )

    @work(thread=True, exclusive=True, group="desk-report", exit_on_error=False)
    def issue(self, loan: str, place: str, reservations: Reservations, costs: str) -> None:
        """Issue the report against the handover snapshot, off the UI thread."""
        doc = documents.issue_return(
            self.ws,
            loan,
            place=place,
            reservations=reservations,
            repair_costs=parse_repair_costs(costs),
        )
        self.post_message(ReturnDocumentIssued(doc))

    def on_return_document_issued(self, message: ReturnDocumentIssued) -> None:
        if message.document.loan == self.loan:
            self.problem("")
            self._show(message.document)

    def on_document_signed(self, message: DocumentSigned) -> None:
        self.document = message.document

    @on(Button.Pressed, "#finish")
    def _finish(self) -> None:
        if self.loan is not None:
            self.finish(self.loan)

    @work(thread=True, exclusive=True, group="desk-finish", exit_on_error=False)
    def finish(self, loan: str) -> None:
        """Returns are over: the devices go to sanitisation (guarded by both signatures)."""
        self.post_message(LoanChanged(loans.finish_return(self.ws, loan)))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.splitlines() if x.strip())
