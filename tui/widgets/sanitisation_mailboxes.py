"""The loan's isolated mailboxes at the desk: their data returned to the town or destroyed,
then the certificate of data return or destruction."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Select, Static

from crisis.domain.loans import DataDisposition
from crisis.errors import ValidationError
from crisis.i18n import msg, t
from crisis.services import documents, mailboxes
from tui.messages import RunFinished
from tui.safe_text import escape
from tui.screens.base import CHANGES
from tui.widgets.return_messages import DeskStepDone
from tui.widgets.return_pane import DeskPane

if TYPE_CHECKING:
    from crisis.services.quarantine import QuarantineView


class MailboxDisposal(DeskPane):
    """Each mailbox with what became of its data; dispose of it, then certify."""

    DEFAULT_CSS = """
    MailboxDisposal Select { width: 1fr; }
    MailboxDisposal #mailboxes { height: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(id="mailboxes")
        with Horizontal(classes="row"):
            yield Select[str](
                [(t(f"desk.disposition.{d.value}", lang), d.value) for d in DataDisposition],
                value=DataDisposition.DESTROYED.value,
                allow_blank=False,
                id="disposition",
                classes=CHANGES,
            )
            yield Input(placeholder=t("desk.disposal", lang), id="disposal", classes=CHANGES)
            yield Button(t("desk.dispose", lang), id="dispose", classes=CHANGES)
            yield Button(t("desk.data_certificate", lang), id="data-certificate", classes=CHANGES)

    def show(self, q: QuarantineView) -> None:
        """The mailboxes as recorded, and the data certificate if issued."""
        lang = self.lang
        boxes = [
            f"{escape(m.address)}: "
            + (t(f"desk.disposition.{m.disposition}", lang) if m.disposition else "—")
            for m in q.mailboxes
        ]
        head = t("desk.mailboxes", lang, certificate=q.data_certificate or "—")
        self.query_one("#mailboxes", Static).update(
            "\n".join([head, *boxes]) if boxes else t("desk.no_mailbox", lang)
        )

    @on(Button.Pressed, "#dispose")
    def _dispose(self) -> None:
        if self.loan is None:
            self.problem(t("restitution.no_loan", self.lang))
            return
        disposition = DataDisposition(str(self.query_one("#disposition", Select).value))
        self.dispose(self.loan, disposition, self.query_one("#disposal", Input).value.strip())

    @work(thread=True, exclusive=True, group="desk-mailboxes", exit_on_error=False)
    def dispose(self, loan: str, disposition: DataDisposition, detail: str) -> None:
        """Return the mailboxes' data to the town (archives in a folder) or destroy it."""
        if disposition is DataDisposition.DESTROYED:
            run = mailboxes.destroy_mailboxes(self.ws, loan, detail)
            self.post_message(RunFinished(run))
            if run.failed_hosts:
                problems = "; ".join(f"{h.host}: {h.message}" for h in run.hosts)
                raise ValidationError(msg("error.mailboxes.not_destroyed", problems=problems))
            return
        if not detail:
            raise ValidationError(msg("error.mailboxes.export_dir_missing"), where="export_dir")
        done = mailboxes.return_mailboxes(self.ws, loan, Path(detail))
        self.post_message(RunFinished(done.removal_run or done.export_run))
        if not done.removed:
            problems = "; ".join(
                [f"{a.address}: {', '.join(a.problems)}" for a in done.archives if not a.ok]
                + [f"{h.host}: {h.message}" for h in done.export_run.hosts if h.message]
            )
            raise ValidationError(msg("error.mailboxes.archives_failed", problems=problems))

    @on(Button.Pressed, "#data-certificate")
    def _data_certificate(self) -> None:
        if self.loan is not None:
            self.data_certificate(self.loan)

    @work(thread=True, exclusive=True, group="desk-mailboxes", exit_on_error=False)
    def data_certificate(self, loan: str) -> None:
        """The certificate of data return or destruction, from the recorded dispositions."""
        ref = documents.issue_data_disposition(self.ws, loan).reference
        self.post_message(DeskStepDone(loan, t("desk.issued", self.lang, refs=ref)))
