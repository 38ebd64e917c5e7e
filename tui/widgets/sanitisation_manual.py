"""A sanitisation done by hand, recorded at the desk (phones checked after their reset, the
switch, accessories): the NIST SP 800-88 fields, typed by whoever did it."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Select

from crisis.i18n import t
from crisis.services import quarantine
from crisis.services.quarantine import METHODS, VERIFICATIONS, ManualSanitisation
from tui.screens.base import CHANGES
from tui.widgets.return_messages import DeskStepDone
from tui.widgets.return_pane import DeskPane


class ManualSanitisationForm(DeskPane):
    """Tags, method, result, technique, tool and how it was checked; one record per tag."""

    DEFAULT_CSS = "ManualSanitisationForm Select { width: 1fr; }"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(t("desk.manual", lang))
        with Horizontal(classes="row"):
            yield Input(placeholder=t("desk.manual.tags", lang), id="manual-tags", classes=CHANGES)
            yield Select[str](
                [(m, m) for m in METHODS],
                value=METHODS[0],
                allow_blank=False,
                id="manual-method",
                classes=CHANGES,
            )
            yield Select[str](
                [(t(f"desk.result.{v}", lang), v) for v in VERIFICATIONS],
                value=VERIFICATIONS[0],
                allow_blank=False,
                id="manual-result",
                classes=CHANGES,
            )
        with Horizontal(classes="row"):
            yield Input(
                placeholder=t("desk.manual.technique", lang), id="manual-technique", classes=CHANGES
            )
            yield Input(placeholder=t("desk.manual.tool", lang), id="manual-tool", classes=CHANGES)
            yield Input(
                placeholder=t("desk.manual.check", lang), id="manual-check", classes=CHANGES
            )
        yield Button(t("desk.manual.record", lang), id="record-manual", classes=CHANGES)

    def prefill(self, tags: list[str], technique: str, tool: str) -> None:
        """What a run did, for the person who checks it to complete."""
        self.query_one("#manual-tags", Input).value = " ".join(tags)
        self.query_one("#manual-technique", Input).value = technique
        self.query_one("#manual-tool", Input).value = tool

    @on(Button.Pressed, "#record-manual")
    def _record(self) -> None:
        if self.loan is None:
            self.problem(t("restitution.no_loan", self.lang))
            return
        done = ManualSanitisation(
            method=str(self.query_one("#manual-method", Select).value),
            technique=self.query_one("#manual-technique", Input).value,
            tool=self.query_one("#manual-tool", Input).value,
            verification=str(self.query_one("#manual-result", Select).value),
            verification_method=self.query_one("#manual-check", Input).value,
        )
        tags = tuple(self.query_one("#manual-tags", Input).value.replace(",", " ").split())
        self.record(self.loan, tags, done)

    @work(thread=True, exclusive=True, group="desk-manual", exit_on_error=False)
    def record(self, loan: str, tags: tuple[str, ...], done: ManualSanitisation) -> None:
        """Record the manual sanitisation of these devices."""
        recorded = quarantine.record_manual_sanitisation(self.ws, tags, done)
        text = t("desk.recorded", self.lang, tags=", ".join(recorded))
        self.post_message(DeskStepDone(loan, text))
