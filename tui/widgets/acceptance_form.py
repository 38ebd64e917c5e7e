"""The manual checks of the acceptance test sheet, typed in by the parties, and the sheet's rows.

Enter walks the fields (test, expected, observed, tester); Enter on the tester adds the row
(like the "Add" button: the form posts `AcceptanceForm.AddRequested`, the screen adds it and
shows what is missing); Enter on an empty test field ends the entry (`AcceptanceForm.Finished`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, DataTable, Input

from crisis.domain.acceptance_results import row_words
from crisis.domain.documents import AcceptanceTest, row_of
from crisis.errors import ValidationError, describe
from crisis.i18n import t, tn
from crisis.services import documents
from tui.safe_text import plain
from tui.screens.base import CHANGES

#: The fields of a manual check, in the order Enter walks them.
FIELDS = ("test", "expected", "observed", "tester")
COLUMNS = ("test", "expected", "observed", "result", "tester", "origin")


class AcceptanceForm(Widget):
    """Manual checks entered row by row into a table; then the issued sheet's rows."""

    DEFAULT_CSS = """
    AcceptanceForm { height: auto; }
    AcceptanceForm Horizontal { height: auto; }
    AcceptanceForm Input { width: 1fr; margin: 0 1; }
    AcceptanceForm Checkbox { margin: 0 1; }
    AcceptanceForm Button { margin: 0 1; }
    AcceptanceForm DataTable { height: auto; max-height: 10; margin: 0 1; }
    """

    class Finished(Message):
        """Enter on an empty test field: the parties are done typing checks."""

    class AddRequested(Message):
        """Enter on the tester field: add the check typed in."""

    def __init__(self, lang: str, tester: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.tester = tester
        self._rows: list[AcceptanceTest] = []

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal():
            for name in FIELDS[:3]:
                yield Input(placeholder=t(f"wizard.test.{name}", lang), id=name, classes=CHANGES)
        with Horizontal():
            yield Checkbox(t("wizard.test.passed", lang), True, id="passed", classes=CHANGES)
            yield Input(
                value=self.tester,
                placeholder=t("wizard.test.tester", lang),
                id="tester",
                classes=CHANGES,
            )
            yield Button(t("wizard.test.add", lang), id="add-test", classes=CHANGES)
        yield DataTable(id="acceptance-rows", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(t(f"wizard.col.{c}", self.lang) for c in COLUMNS))

    @property
    def rows(self) -> tuple[AcceptanceTest, ...]:
        """The manual checks entered so far."""
        return tuple(self._rows)

    def _field(self, name: str) -> Input:
        return self.query_one(f"#{name}", Input)

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.input.id or ""
        if name == "test" and not event.value.strip():
            self.post_message(self.Finished())
        elif name == "tester":
            self.post_message(self.AddRequested())
        else:  # the pass/fail box is left to Tab: Enter would toggle it
            self.screen.set_focus(self._field(FIELDS[FIELDS.index(name) + 1]))

    def add_row(self) -> str:
        """Add the check typed in; return what is missing (empty when added)."""
        values = {name: self._field(name).value.strip() for name in FIELDS}
        missing = [t(f"wizard.test.{n}", self.lang) for n, v in values.items() if not v]
        if missing:
            return tn("wizard.test.missing", len(missing), self.lang, fields=", ".join(missing))
        passed = self.query_one("#passed", Checkbox)
        try:  # the same reading and checks as a file of manual checks
            row = documents.manual_check({**values, "passed": passed.value})
        except ValidationError as exc:
            return describe(exc, self.lang)
        self._rows.append(row)
        self._show([row], append=True)
        for name in FIELDS[:3]:  # the same tester usually runs several checks
            self._field(name).value = ""
        passed.value = True
        self.screen.set_focus(self._field("test"))
        return ""

    def show_document(self, data: Mapping[str, Any]) -> None:
        """The rows of the issued sheet (automated results included), as signed."""
        tests: Sequence[Mapping[str, Any]] = data.get("tests", [])
        self._show([AcceptanceTest.from_row(r) for r in tests], append=False)

    def _show(self, rows: Sequence[AcceptanceTest], *, append: bool) -> None:
        table = self.query_one(DataTable)
        if not append:
            table.clear()
        lang = self.lang
        for r in rows:
            w = row_words(row_of(r), lang)
            test = f"{w.test} ({r.subject})" if r.subject else w.test
            table.add_row(
                plain(test),
                plain(w.expected),
                plain(w.observed),
                t("wizard.test.pass" if r.passed else "wizard.test.fail", lang),
                plain(r.tester),
                t("wizard.test.automated" if r.automated else "wizard.test.manual", lang),
            )

    def reset(self) -> None:
        """No check entered yet (a new loan)."""
        self._rows.clear()
        self.query_one(DataTable).clear()
        for name in FIELDS[:3]:
            self._field(name).value = ""
        self.query_one("#passed", Checkbox).value = True
