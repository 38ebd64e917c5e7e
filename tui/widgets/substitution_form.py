"""The wizard's substitution form: one asset of an assembled kit replaced by another ready
asset of the same category, with the reason (journaled by the loans service)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from crisis.i18n import t
from crisis.services import loans
from tui.screens.base import CHANGES
from tui.widgets.return_pane import DeskPane
from tui.widgets.wizard_messages import ItemSubstituted

FIELDS = (("sub-old", "kit.sub.old"), ("sub-new", "kit.sub.new"), ("sub-reason", "kit.sub.reason"))


class SubstitutionForm(DeskPane):
    """Old tag, new tag, reason: the substitution runs in a worker; refusals go to the
    screen's one place for problems."""

    DEFAULT_CSS = "SubstitutionForm #sub-done { height: auto; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(f"[b]{t('kit.sub.title', lang)}[/b]", classes="hint")
        with Horizontal(classes="row"):
            for name, key in FIELDS:
                yield Input(placeholder=t(key, lang), id=name, classes=CHANGES)
            yield Button(t("kit.sub.apply", lang), id="substitute", classes=CHANGES)
        yield Static(id="sub-done")

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Button.Pressed, "#substitute")
    def _substitute(self) -> None:
        if self.loan is None:
            self.problem(t("activation.no_loan", self.lang))
            return
        self.query_one("#sub-done", Static).update("")
        old, new, reason = (self._value(name) for name, _ in FIELDS)
        self.substitute(self.loan, old, new, reason)

    @work(thread=True, exclusive=True, group="wizard-substitute", exit_on_error=False)
    def substitute(self, loan: str, old: str, new: str, reason: str) -> None:
        """Replace the asset off the UI thread."""
        self.post_message(
            ItemSubstituted(old, new, loans.substitute(self.ws, loan, old, new, reason))
        )

    def on_item_substituted(self, message: ItemSubstituted) -> None:
        # Shown here; the message goes on to the screen, which shows the loan as it stands.
        self.problem("")
        self.query_one("#sub-done", Static).update(
            t("kit.sub.done", self.lang, old=message.old, new=message.new)
        )
        for name, _ in FIELDS:
            self.query_one(f"#{name}", Input).value = ""
