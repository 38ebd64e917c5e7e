"""The acceptance sheet's gaps: rows that failed or were not run, the borrower's reservations
on them (recorded by the documents service as a new revision), and the question asked before
the kit is accepted or handed over."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input, SelectionList, Static

from crisis.domain.acceptance_results import worded_test
from crisis.domain.documents import AcceptanceTest
from crisis.i18n import t
from tui.safe_text import escape
from tui.screens.base import CHANGES
from tui.widgets.confirm_action import ConfirmAction


def _label(row: Mapping[str, Any], lang: str) -> str:
    test = worded_test(str(row["test"]), lang)
    return f"{test} ({row['subject']})" if row.get("subject") else test


def gaps(sheet: Mapping[str, Any], lang: str) -> list[tuple[int, str]]:
    """The rows (number as printed, label) that failed or were not run and carry no
    reservation, as the sheet's snapshot shows them."""
    reserved = {int(r["row"]) for r in sheet.get("row_reservations", [])}
    return [
        (n, _label(row, lang))
        for n, row in enumerate(sheet.get("tests", []), 1)
        if n not in reserved and not AcceptanceTest.from_row(row).passed
    ]


def confirmation(step: str, loan: str, sheet: Mapping[str, Any] | None, lang: str) -> str:
    """The question before `step` (accept, handover): the rows still failing and the rows
    accepted with reservations, by number and label; empty when the sheet has neither."""
    if sheet is None:
        return ""
    failing = [
        t("wizard.gaps.row", lang, row=n, label=escape(label)) for n, label in gaps(sheet, lang)
    ]
    tests = sheet.get("tests", [])
    reserved = [
        t(
            "wizard.confirm.reserved_row",
            lang,
            row=r["row"],
            label=escape(_label(tests[int(r["row"]) - 1], lang)),
            by=escape(str(r.get("by", ""))),
            reason=escape(str(r.get("reason", ""))),
        )
        for r in sheet.get("row_reservations", [])
        if 0 < int(r["row"]) <= len(tests)
    ]
    if not failing and not reserved:
        return ""
    lines = [t(f"wizard.confirm.{step}", lang, loan=escape(loan))]
    for key, rows in (("failing", failing), ("reserved", reserved)):
        if rows:
            lines += ["", t(f"wizard.confirm.{key}", lang), *(f"• {r}" for r in rows)]
    return "\n".join(lines)


class ConfirmStep(ConfirmAction):
    """Accept or hand over (in spite of the sheet's gaps, when it has some)? No has the focus."""

    def __init__(self, question: str, lang: str) -> None:
        super().__init__(
            "",
            question,
            lang,
            yes=t("wizard.confirm.yes", lang),
            no=t("wizard.confirm.no", lang),
            yes_variant="warning",
        )


class RowGaps(Widget):
    """The sheet's unreserved gaps, and the borrower's reservation on those ticked."""

    DEFAULT_CSS = """
    RowGaps { height: auto; border-top: solid $warning; }
    RowGaps Static { padding: 0 1; }
    RowGaps SelectionList { height: auto; max-height: 6; margin: 0 1; }
    RowGaps Input, RowGaps Button { margin: 0 1; }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("wizard.gaps.title", lang))
        # One key for a sheet whose provisioning rows were all left to be done on site.
        yield Button(t("wizard.gaps.all", lang), id="gaps-all", classes=CHANGES)
        yield SelectionList[int](id="gaps-rows", classes=CHANGES)
        yield Input(placeholder=t("wizard.gaps.by", lang), id="gaps-by", classes=CHANGES)
        yield Input(placeholder=t("wizard.gaps.reason", lang), id="gaps-reason", classes=CHANGES)
        yield Button(t("wizard.gaps.record", lang), id="record-reservations", classes=CHANGES)

    def on_mount(self) -> None:
        self.display = False

    def show(self, sheet: Mapping[str, Any]) -> None:
        """The gaps of the sheet issued (or its revision); hidden when there are none."""
        rows = self.query_one("#gaps-rows", SelectionList)
        rows.clear_options()
        found = gaps(sheet, self.lang)
        rows.add_options(
            [(t("wizard.gaps.row", self.lang, row=n, label=escape(lb)), n) for n, lb in found]
        )
        self.query_one("#gaps-reason", Input).value = ""
        self.display = bool(found)

    @on(Button.Pressed, "#gaps-all")
    def _tick_all(self) -> None:
        self.query_one("#gaps-rows", SelectionList).select_all()
        self.query_one("#gaps-by", Input).focus()

    @property
    def chosen(self) -> list[int]:
        """The rows ticked, in order."""
        return sorted(self.query_one("#gaps-rows", SelectionList).selected)

    @property
    def by(self) -> str:
        """Who accepts the gaps for the borrower."""
        return self.query_one("#gaps-by", Input).value

    @property
    def reason(self) -> str:
        """Why the borrower accepts them."""
        return self.query_one("#gaps-reason", Input).value
