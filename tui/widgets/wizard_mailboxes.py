"""The wizard's mailbox part of provisioning: create the loan's isolated mailboxes on the mail
host, then check each one (IMAP login) and a message sent from one to another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState

from crisis.errors import ValidationError
from crisis.i18n import msg, t, worded
from crisis.services import mailboxes, vault, wizard_choices
from crisis.services.workspace import VaultCredential
from tui.safe_text import escape
from tui.screens.base import CHANGES
from tui.widgets.return_pane import DeskPane
from tui.widgets.wizard_messages import MailboxesChecked, MailboxesCreated, MailboxesListed

if TYPE_CHECKING:
    from crisis.services.mailboxes import MailCheck
    from crisis.services.wizard_choices import MailboxLine


class WizardMailboxes(DeskPane):
    """The loan's mailboxes: created, then checked one by one, each with its result."""

    DEFAULT_CSS = "WizardMailboxes #mailbox-results { height: auto; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(f"[b]{t('kit.mail.title', lang)}[/b]", classes="hint")
        with Horizontal(classes="row"):
            yield Input(placeholder=t("kit.mail.domain", lang), id="mail-domain", classes=CHANGES)
            yield Input(
                placeholder=t("prov.passphrase", lang),
                password=True,
                id="mail-passphrase",
                classes=CHANGES,
            )
        with Horizontal(classes="row"):
            yield Button(t("kit.mail.create", lang), id="create-mailboxes", classes=CHANGES)
            yield Button(t("kit.mail.check", lang), id="check-mailboxes", classes=CHANGES)
        yield Static(id="mailbox-results")

    def on_mount(self) -> None:
        self._before: str | None = None

    def _working(self, text: str) -> None:
        """Say what runs; what was shown comes back if it fails before any result."""
        results = self.query_one("#mailbox-results", Static)
        self._before = str(results.render())
        results.update(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.state is WorkerState.ERROR and self._before is not None:
            self.query_one("#mailbox-results", Static).update(escape(self._before))
            self._before = None

    @work(thread=True, exclusive=True, group="wizard-mail-domains", exit_on_error=False)
    def load_domain(self, loan: str) -> None:
        """Offer the crisis mail domain of the loan's borrower (never the mail host's first
        one: it may be another town's); the service refuses any other."""
        domain = wizard_choices.loan_mail_domain(self.ws, loan)
        self.app.call_from_thread(self._offer_domain, loan, domain)

    def _offer_domain(self, loan: str, domain: str) -> None:
        if loan == self.loan:
            self.query_one("#mail-domain", Input).value = domain

    def show_loan(self, loan: str | None) -> None:
        """Another loan in the wizard: show its mailboxes (nothing without a loan)."""
        self.loan = loan
        self.query_one("#mailbox-results", Static).update("")
        # Another loan may be another town's: its domain replaces the one shown.
        self.query_one("#mail-domain", Input).value = ""
        if loan is not None:
            self.list_mailboxes(loan)
            self.load_domain(loan)

    @work(thread=True, exclusive=True, group="wizard-mailboxes", exit_on_error=False)
    def list_mailboxes(self, loan: str) -> None:
        """The loan's mailboxes as recorded, off the UI thread."""
        self.post_message(MailboxesListed(loan, wizard_choices.loan_mailboxes(self.ws, loan)))

    def _take_passphrase(self) -> list[str]:
        # Taken out of the field at once, handed to the worker in a box it empties.
        field = self.query_one("#mail-passphrase", Input)
        secret, field.value = field.value, ""
        return [secret]

    def _unlock(self, secret: list[str]) -> None:
        """Open the vault with the passphrase typed, if one was (else it may be open already)."""
        passphrase = secret.pop()
        if passphrase:
            vault.unlock(self.ws, VaultCredential(passphrase=passphrase))

    @on(Button.Pressed, "#create-mailboxes")
    def _create(self) -> None:
        if self.loan is None:
            self.problem(t("activation.no_loan", self.lang))
            return
        domain = self.query_one("#mail-domain", Input).value.strip()
        self._working(t("kit.mail.creating", self.lang))
        self.create(self.loan, domain, self._take_passphrase())

    @work(thread=True, exclusive=True, group="wizard-mailboxes", exit_on_error=False)
    def create(self, loan: str, domain: str, secret: list[str]) -> None:
        """Create the loan's mailboxes (passwords into the vault, mailboxes on the host)."""
        self._unlock(secret)
        run = mailboxes.create_mailboxes(self.ws, loan, domain)
        self.post_message(MailboxesCreated(loan, run, wizard_choices.loan_mailboxes(self.ws, loan)))
        if run.failed_hosts:
            problems = "; ".join(f"{h.host}: {h.message}" for h in run.hosts)
            raise ValidationError(msg("error.mailboxes.not_created", problems=problems))

    @on(Button.Pressed, "#check-mailboxes")
    def _check(self) -> None:
        if self.loan is None:
            self.problem(t("activation.no_loan", self.lang))
            return
        self._working(t("kit.mail.checking", self.lang))
        self.check(self.loan, self._take_passphrase())

    @work(thread=True, exclusive=True, group="wizard-mailboxes", exit_on_error=False)
    def check(self, loan: str, secret: list[str]) -> None:
        """Log in to each mailbox and send a message from one to another."""
        self._unlock(secret)
        outcome = mailboxes.check_mailboxes(self.ws, loan)
        lines = wizard_choices.loan_mailboxes(self.ws, loan)
        self.post_message(MailboxesChecked(loan, outcome, lines))
        if not outcome.passed:
            raise ValidationError(
                msg("error.mailboxes.check_failed", problems="; ".join(outcome.problems))
            )

    def on_mailboxes_listed(self, message: MailboxesListed) -> None:
        message.stop()
        if message.loan == self.loan:
            self._show(message.mailboxes, None)

    def on_mailboxes_created(self, message: MailboxesCreated) -> None:
        message.stop()
        if message.loan != self.loan:
            return
        run = message.run
        if not run.failed_hosts:
            self.problem("")
        lang = self.lang
        hosts = (
            ", ".join(f"{h.host}: {worded('hoststatus.', h.status, lang)}" for h in run.hosts)
            or "—"
        )
        status = worded("runstatus.", run.status, lang)
        head = t("kit.mail.created", lang, status=status, hosts=escape(hosts))
        self._show(message.mailboxes, None, head)

    def on_mailboxes_checked(self, message: MailboxesChecked) -> None:
        message.stop()
        if message.loan != self.loan:
            return
        if message.check.passed:
            self.problem("")
        self._show(message.mailboxes, message.check)

    def _show(
        self, boxes: tuple[MailboxLine, ...], check: MailCheck | None, head: str = ""
    ) -> None:
        """Each mailbox with its state, or its login result once checked; then send/receive."""
        self._before = None
        lang = self.lang
        lines = [head] if head else []
        for m in boxes:
            if check is not None and m.address in check.logins:
                ok = check.logins[m.address]
                result = t("kit.mail.login_ok" if ok else "kit.mail.login_failed", lang)
                lines.append(
                    f"{escape(m.address)}: {result}"
                    if ok
                    else f"[b red]{escape(m.address)}: {result}[/]"
                )
            else:
                lines.append(f"{escape(m.address)}: {t(f'kit.mail.state.{m.state}', lang)}")
        if not boxes:
            lines.append(t("kit.mail.none", lang))
        if check is not None:
            if check.send_receive:
                lines.append(t("kit.mail.send_failed", lang, error=escape(check.send_receive)))
            elif len(check.logins) > 1:
                lines.append(t("kit.mail.send_ok", lang))
            else:
                lines.append(t("kit.mail.send_untested", lang))
        self.query_one("#mailbox-results", Static).update("\n".join(lines))
