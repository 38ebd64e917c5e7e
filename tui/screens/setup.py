"""Setting up (F11): the vault (created when there is none, else unlocked) and the isolated
mail host (recorded, then Postfix and Dovecot installed), through the services the CLI's
``vault init``, ``vault unlock``, ``mailboxes host`` and ``mailboxes setup`` call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, Static

from crisis.errors import ConfigurationError
from crisis.i18n import msg, t, worded
from crisis.l10n import format_datetime
from crisis.services import mail_domains, mailboxes, vault
from crisis.services.mail_host import recorded_mail_host
from crisis.services.workspace import VaultCredential
from tui.safe_text import escape
from tui.screens.base import CHANGES, CrisisScreen

if TYPE_CHECKING:
    from crisis.services.provisioning import RunView
    from crisis.services.vault import VaultStatus


@dataclass
class VaultShown(Message):
    """The vault's state, after a look, a creation or an unlocking."""

    status: VaultStatus
    said: str = ""


@dataclass
class MailHostShown(Message):
    """The mail host as recorded (address, domains), or None."""

    address: str
    domains: tuple[str, ...]
    said: str = ""


@dataclass
class MailHostSetUp(Message):
    """The mail server playbook ran on the mail host."""

    run: RunView


class SetupScreen(CrisisScreen):
    """Vault and mail host: what the walkthrough sets up before the first loan."""

    DEFAULT_CSS = """
    SetupScreen .row { height: auto; }
    SetupScreen Input { width: 1fr; margin: 0 1; }
    SetupScreen Button { margin: 0 1; }
    SetupScreen Static { padding: 0 1; }
    SetupScreen .section { text-style: bold; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static(t("setup.vault.title", lang), classes="section")
            yield Static(id="vault-state")
            with Horizontal(classes="row"):
                yield Input(
                    placeholder=t("setup.vault.passphrase", lang),
                    password=True,
                    id="vault-passphrase",
                    classes=CHANGES,
                )
                yield Input(
                    placeholder=t("setup.vault.again", lang),
                    password=True,
                    id="vault-again",
                    classes=CHANGES,
                )
            with Horizontal(classes="row"):
                yield Button(t("setup.vault.init", lang), id="vault-init", classes=CHANGES)
                yield Button(t("setup.vault.unlock", lang), id="vault-unlock")
            yield Static(t("setup.mail.title", lang), classes="section")
            yield Static(id="mail-state")
            with Horizontal(classes="row"):
                yield Input(
                    placeholder=t("setup.mail.address", lang), id="mail-address", classes=CHANGES
                )
                yield Input(
                    placeholder=t("setup.mail.domains", lang), id="mail-domains", classes=CHANGES
                )
                yield Button(t("setup.mail.record", lang), id="mail-record", classes=CHANGES)
            with Horizontal(classes="row"):
                yield Input(placeholder=t("setup.mail.town", lang), id="town", classes=CHANGES)
                yield Input(
                    placeholder=t("setup.mail.domain", lang), id="town-domain", classes=CHANGES
                )
                yield Button(t("setup.mail.set_domain", lang), id="town-record", classes=CHANGES)
            yield Button(t("setup.mail.setup", lang), id="mail-setup", classes=CHANGES)
            yield Static(id="problem")
            yield Static(id="setup-result")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("setup.title", self.lang)
        self.show_problem("")
        self.look()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.look()

    @work(thread=True, exclusive=True, group="setup-look", exit_on_error=False)
    def look(self) -> None:
        """The vault's state and the mail host recorded (off the UI thread)."""
        self.post_message(VaultShown(vault.status(self.ws)))
        self.post_message(MailHostShown(*_mail_host(self)))

    # ------------------------------------------------------------------ vault

    def on_vault_shown(self, message: VaultShown) -> None:
        st, lang = message.status, self.lang
        if not st.initialised:
            text = t("setup.vault.none", lang)
        else:
            state = t("setup.vault.open" if st.unlocked else "setup.vault.locked", lang)
            text = t("setup.vault.state", lang, n=st.secrets, key=st.key_id, state=state)
            if st.created_at:
                text += "\n" + t(
                    "setup.vault.created", lang, at=format_datetime(st.created_at, lang)
                )
        if message.said:
            text = f"{message.said}\n{text}"
            self.show_problem("")
        self.query_one("#vault-state", Static).update(text)
        # One of the two is offered: create when there is none, else open it.
        self.query_one("#vault-init", Button).display = not st.initialised
        self.query_one("#vault-again", Input).display = not st.initialised
        self.query_one("#vault-unlock", Button).display = st.initialised

    def _take(self, selector: str) -> str:
        field = self.query_one(selector, Input)
        value, field.value = field.value, ""
        return value

    @on(Button.Pressed, "#vault-init")
    def _init(self) -> None:
        passphrase, again = self._take("#vault-passphrase"), self._take("#vault-again")
        if not passphrase:
            self.show_problem(t("setup.vault.empty", self.lang))
        elif passphrase != again:
            self.show_problem(t("setup.vault.mismatch", self.lang))
        else:
            self.create_vault(passphrase)

    @work(thread=True, exclusive=True, group="setup-vault", exit_on_error=False)
    def create_vault(self, passphrase: str) -> None:
        st = vault.init_vault(self.ws, VaultCredential(passphrase=passphrase))
        self.post_message(VaultShown(st, t("setup.vault.created_now", self.lang)))

    @on(Input.Submitted, "#vault-passphrase")
    def _passphrase_submitted(self) -> None:
        if self.query_one("#vault-unlock", Button).display:
            self._unlock()
        else:
            self.query_one("#vault-again", Input).focus()

    @on(Input.Submitted, "#vault-again")
    def _again_submitted(self) -> None:
        self._init()

    @on(Button.Pressed, "#vault-unlock")
    def _unlock(self) -> None:
        passphrase = self._take("#vault-passphrase")
        if not passphrase:
            self.show_problem(t("setup.vault.empty", self.lang))
        else:
            self.unlock_vault(passphrase)

    @work(thread=True, exclusive=True, group="setup-vault", exit_on_error=False)
    def unlock_vault(self, passphrase: str) -> None:
        """Open the vault (kept in memory by the workspace, for every screen)."""
        st = vault.unlock(self.ws, VaultCredential(passphrase=passphrase))
        self.post_message(VaultShown(st, t("setup.vault.unlocked", self.lang)))

    # ------------------------------------------------------------------ mail host

    def on_mail_host_shown(self, message: MailHostShown) -> None:
        lang = self.lang
        if not message.address:
            text = t("setup.mail.none", lang)
        else:
            domains = ", ".join(message.domains) or "—"
            text = t(
                "setup.mail.recorded",
                lang,
                address=escape(message.address),
                domains=escape(domains),
            )
        if message.said:
            text = f"{escape(message.said)}\n{text}"
            self.show_problem("")
        self.query_one("#mail-state", Static).update(text)

    @on(Button.Pressed, "#mail-record")
    def _record(self) -> None:
        address = self.query_one("#mail-address", Input).value.strip()
        domains = tuple(self.query_one("#mail-domains", Input).value.replace(",", " ").split())
        if not address or not domains:
            self.show_problem(t("setup.mail.incomplete", self.lang))
            return
        self.record_host(address, domains)

    @work(thread=True, exclusive=True, group="setup-mail", exit_on_error=False)
    def record_host(self, address: str, domains: tuple[str, ...]) -> None:
        mailboxes.configure_mail_host(self.ws, address, {"ansible_host": address}, domains)
        said = t("setup.mail.recorded_now", self.lang, address=address)
        self.post_message(MailHostShown(*_mail_host(self), said=said))
        self.app.call_from_thread(self._clear, "#mail-address", "#mail-domains")

    def _clear(self, *selectors: str) -> None:
        for selector in selectors:
            self.query_one(selector, Input).value = ""

    @on(Button.Pressed, "#town-record")
    def _town_domain(self) -> None:
        town = self.query_one("#town", Input).value.strip()
        domain = self.query_one("#town-domain", Input).value.strip()
        if not town or not domain:
            self.show_problem(t("setup.mail.town_incomplete", self.lang))
            return
        self.record_town_domain(town, domain)

    @work(thread=True, exclusive=True, group="setup-mail", exit_on_error=False)
    def record_town_domain(self, town: str, domain: str) -> None:
        done = mail_domains.set_mail_domain(self.ws, town, domain)
        said = t("mail.cli.domain_set", self.lang, borrower=town, domain=done)
        self.post_message(MailHostShown(*_mail_host(self), said=said))
        self.app.call_from_thread(self._clear, "#town", "#town-domain")

    @on(Button.Pressed, "#mail-setup")
    def _setup(self) -> None:
        self.query_one("#setup-result", Static).update(t("setup.mail.running", self.lang))
        self.query_one("#mail-setup", Button).disabled = True
        self.set_up_mail_host()

    @work(thread=True, exclusive=True, group="setup-run", exit_on_error=False)
    def set_up_mail_host(self) -> None:
        """Postfix and Dovecot on the mail host (Ansible; may take minutes)."""
        try:
            if recorded_mail_host(self.ws) is None:  # say it the TUI's way: the form above
                self.app.call_from_thread(self._said, "")
                raise ConfigurationError(msg("setup.mail.none_first"))
            run = mailboxes.setup_mail_host(self.ws)
        finally:
            self.app.call_from_thread(self._enable_setup)
        self.post_message(MailHostSetUp(run))

    def _enable_setup(self) -> None:
        self.query_one("#mail-setup", Button).disabled = self.host.read_only

    def _said(self, text: str) -> None:
        self.query_one("#setup-result", Static).update(text)

    def on_mail_host_set_up(self, message: MailHostSetUp) -> None:
        run, lang = message.run, self.lang
        lines = [
            t(
                "setup.mail.run",
                lang,
                id=run.id,
                status=worded("runstatus.", run.status, lang),
                summary=escape(run.summary),
            )
        ]
        lines += [
            f"  {escape(h.host)}: {escape(h.status)} {escape(h.message)}".rstrip()
            for h in run.hosts
        ]
        if run.failed_hosts:
            lines.append(t("setup.mail.failed", lang))
            self.show_problem(t("setup.mail.failed", lang))
        else:
            self.show_problem("")
        self.query_one("#setup-result", Static).update("\n".join(lines))


def _mail_host(screen: CrisisScreen) -> tuple[str, tuple[str, ...]]:
    """The recorded mail host's address and domains ("" when none)."""
    host = recorded_mail_host(screen.ws)
    return ("", ()) if host is None else (host.address, host.domains)
