"""Documents (F12): every joint document, read on screen, its PDF exported to a path,
sealed (PAdES) by the lender or the town, and printed; through the services of the CLI's
``documents list``, ``documents pdf`` and ``documents seal``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, DataTable, Footer, Header, Input, Static

from crisis.domain.loans import Party
from crisis.i18n import doc_label, t
from crisis.l10n import format_datetime
from crisis.services import document_output, documents
from crisis.services.documents import PdfCredential
from tui.safe_text import escape, plain
from tui.screens.base import CHANGES, CrisisScreen
from tui.widgets.document_text import document_text

if TYPE_CHECKING:
    from crisis.services.document_output import PrintJob
    from crisis.services.documents import DocumentView
    from crisis.services.workspace import Workspace


@dataclass
class DocumentsListed(Message):
    """Every document (of the loan filtered on), oldest first."""

    docs: tuple[DocumentView, ...]


@dataclass
class DocumentShown(Message):
    """One document, as stored now (after a look or a seal); with what was just done."""

    doc: DocumentView
    said: str = ""


@dataclass
class DocumentPrinted(Message):
    """A document went to the printer."""

    job: PrintJob


class DocumentsScreen(CrisisScreen):
    """Read, export, seal and print the loans' documents."""

    BINDINGS = [Binding("slash", "focus_filter", "key.filter", key_display="/")]

    DEFAULT_CSS = """
    DocumentsScreen #documents-top { height: 12; }
    DocumentsScreen #documents { width: 1fr; }
    DocumentsScreen #doc-text { height: 1fr; padding: 0 1; border-top: solid $primary; }
    DocumentsScreen .row { height: auto; }
    DocumentsScreen Input { width: 1fr; margin: 0 1; }
    DocumentsScreen Button { margin: 0 1; }
    DocumentsScreen Checkbox { width: auto; }
    DocumentsScreen Static { padding: 0 1; }
    """

    def __init__(self, ws: Workspace, lang: str) -> None:
        super().__init__(ws, lang)
        #: The document the actions act on (the highlighted row).
        self.current: str = ""

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="documents-screen"):
            yield Input(placeholder=t("documents.filter", lang), id="doc-filter")
            with Horizontal(id="documents-top"):
                yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="doc-text"):
                yield Static(t("documents.pick", lang), id="doc-body")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("documents.export_path", lang), id="export-path")
                yield Checkbox(t("documents.replace", lang), id="export-force")
                yield Button(t("documents.export", lang), id="export")
                yield Button(t("documents.print", lang), id="print")
            with Horizontal(classes="row"):
                yield Input(
                    placeholder=t("documents.ca_passphrase", lang),
                    password=True,
                    id="ca-passphrase",
                    classes=CHANGES,
                )
                yield Button(t("documents.seal_lender", lang), id="seal-lender", classes=CHANGES)
            with Horizontal(classes="row"):
                yield Input(placeholder=t("documents.pkcs12", lang), id="pkcs12", classes=CHANGES)
                yield Input(
                    placeholder=t("documents.pkcs12_passphrase", lang),
                    password=True,
                    id="pkcs12-passphrase",
                    classes=CHANGES,
                )
                yield Button(
                    t("documents.seal_borrower", lang), id="seal-borrower", classes=CHANGES
                )
            yield Static(id="problem")
            yield Static(id="doc-result")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("documents.title", self.lang)
        table = self.query_one("#documents", DataTable)
        cols = ("documents.col.reference", "documents.col.kind", "documents.col.created",
                "documents.col.signed", "documents.col.sealed")  # fmt: skip
        table.add_columns(*(t(c, self.lang) for c in cols))
        self.show_problem("")
        self.load("")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.load(self.query_one("#doc-filter", Input).value.strip())

    def action_focus_filter(self) -> None:
        self.query_one("#doc-filter", Input).focus()

    @on(Input.Changed, "#doc-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.load(event.value.strip())

    @on(Input.Submitted, "#doc-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#documents", DataTable).focus()

    @work(thread=True, exclusive=True, group="documents-list", exit_on_error=False)
    def load(self, text: str) -> None:
        """The documents whose reference holds `text` (all when empty)."""
        docs = documents.list_documents(self.ws)
        wanted = text.casefold()
        self.post_message(
            DocumentsListed(tuple(d for d in docs if wanted in d.reference.casefold()))
        )

    def on_documents_listed(self, message: DocumentsListed) -> None:
        lang = self.lang
        table = self.query_one("#documents", DataTable)
        table.clear()
        for d in message.docs:
            signed = ", ".join(t(f"documents.party.{s.party}", lang) for s in d.signatures) or "—"
            table.add_row(
                plain(d.reference),
                doc_label(f"title.{d.kind.value}", lang),
                format_datetime(d.created_at, lang),
                signed,
                t("documents.yes" if d.signed_pdf else "documents.no", lang),
                key=d.reference,
            )
        if not message.docs:
            self.current = ""
            self.query_one("#doc-body", Static).update(t("documents.empty", lang))
            return
        references = [d.reference for d in message.docs]
        # The one shown stays shown; else the newest, the one a responder just issued.
        row = references.index(self.current) if self.current in references else len(references) - 1
        table.move_cursor(row=row)
        self.show_document(references[row])

    @on(DataTable.RowHighlighted, "#documents")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None and event.row_key.value != self.current:
            self.show_document(str(event.row_key.value))

    def show_document(self, reference: str) -> None:
        self.current = reference
        self.fetch(reference)

    @work(thread=True, exclusive=True, group="documents-show", exit_on_error=False)
    def fetch(self, reference: str, said: str = "") -> None:
        self.post_message(DocumentShown(documents.get_document(self.ws, reference), said))

    def on_document_shown(self, message: DocumentShown) -> None:
        doc = message.doc
        if doc.reference != self.current:
            return
        self.query_one("#doc-body", Static).update(document_text(doc, self.lang))
        export = self.query_one("#export-path", Input)
        if not export.value:
            export.value = str(Path.cwd() / f"{doc.reference.replace('/', '-')}.pdf")
        if message.said:
            self.show_problem("")
            self.query_one("#doc-result", Static).update(escape(message.said))
            self.load(
                self.query_one("#doc-filter", Input).value.strip()
            )  # signed, sealed: the list

    def _need_document(self) -> str:
        if not self.current:
            self.show_problem(t("documents.none_picked", self.lang))
        return self.current

    # ------------------------------------------------------------------ export, print

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-path")
    def _export(self) -> None:
        reference = self._need_document()
        text = self.query_one("#export-path", Input).value.strip()
        if not reference:
            return
        if not text:
            self.show_problem(t("documents.export_where", self.lang))
            return
        path = Path(text).expanduser()
        force = self.query_one("#export-force", Checkbox).value
        if os.path.lexists(path) and not force:  # said the TUI's way: the box to tick
            self.show_problem(t("documents.exists", self.lang, path=str(path)))
            return
        self.export(reference, path, force)

    @work(thread=True, exclusive=True, group="documents-export", exit_on_error=False)
    def export(self, reference: str, path: Path, force: bool) -> None:
        size = document_output.export_pdf(self.ws, reference, path, force=force)
        said = t("documents.exported", self.lang, reference=reference, path=str(path), size=size)
        self.post_message(DocumentShown(documents.get_document(self.ws, reference), said))

    @on(Button.Pressed, "#print")
    def _print(self) -> None:
        reference = self._need_document()
        if not reference:
            return
        if not document_output.printing_available():
            self.show_problem(t("documents.no_printer", self.lang))
            return
        self.print_document(reference)

    @work(thread=True, exclusive=True, group="documents-print", exit_on_error=False)
    def print_document(self, reference: str) -> None:
        self.post_message(DocumentPrinted(document_output.print_document(self.ws, reference)))

    def on_document_printed(self, message: DocumentPrinted) -> None:
        job = message.job
        self.show_problem("")
        said = t("documents.printed", self.lang, reference=job.reference, answer=job.answer or "—")
        self.query_one("#doc-result", Static).update(escape(said))

    # ------------------------------------------------------------------ seal

    def _take(self, selector: str) -> str:
        field = self.query_one(selector, Input)
        value, field.value = field.value, ""
        return value

    @on(Button.Pressed, "#seal-lender")
    @on(Input.Submitted, "#ca-passphrase")
    def _seal_lender(self) -> None:
        reference = self._need_document()
        passphrase = self._take("#ca-passphrase")
        if not reference:
            return
        if not passphrase:
            self.show_problem(t("documents.ca_needed", self.lang))
            return
        self.seal(reference, Party.LENDER, PdfCredential(ca_passphrase=passphrase))

    @on(Button.Pressed, "#seal-borrower")
    @on(Input.Submitted, "#pkcs12-passphrase")
    def _seal_borrower(self) -> None:
        reference = self._need_document()
        passphrase = self._take("#pkcs12-passphrase")
        file = self.query_one("#pkcs12", Input).value.strip()
        if not reference:
            return
        if not file:
            self.show_problem(t("documents.pkcs12_needed", self.lang))
            return
        credential = PdfCredential(pkcs12=Path(file).expanduser(), pkcs12_passphrase=passphrase)
        self.seal(reference, Party.BORROWER, credential)

    @work(thread=True, exclusive=True, group="documents-seal", exit_on_error=False)
    def seal(self, reference: str, party: Party, credential: PdfCredential) -> None:
        documents.seal_document(self.ws, reference, party, credential)
        said = t(f"documents.sealed_by.{party.value}", self.lang, reference=reference)
        self.post_message(DocumentShown(documents.get_document(self.ws, reference), said))
