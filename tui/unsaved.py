"""Input typed and not recorded yet: Ctrl+Q asks before it is lost.

A field counts once the person typed in it (it had the focus when it changed) and until it
is emptied (a form clears its fields once recorded) or a button that records its form is
pressed (the place of a document issued with it, the name of a signer). Fields whose text is
never "saved" do not count: the inventory filter, the scanner's field, passphrases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakSet

from textual.widgets import Button, Input

from crisis.i18n import t
from tui.safe_text import escape
from tui.screens.base import CHANGES
from tui.widgets.confirm_action import ConfirmAction
from tui.widgets.scan_field import ScanField

if TYPE_CHECKING:
    from textual.app import App

#: Inputs whose text is never recorded as such.
TRANSIENT_IDS = frozenset({"filter"})


class QuitWithUnsaved(ConfirmAction):
    """Quit although fields hold typed input? No has the focus."""


class UnsavedInputs:
    """The fields holding typed input, for one app."""

    def __init__(self) -> None:
        self._typed: WeakSet[Input] = WeakSet()

    def note(self, field: Input) -> None:
        """A field changed: typed into (it has the focus), or emptied."""
        if not field.value.strip():
            self._typed.discard(field)
        elif field.has_focus and not self.transient(field):
            self._typed.add(field)

    def submitted(self, button: Button) -> None:
        """A button that changes the inventory was pressed: its form's fields are sent."""
        if CHANGES not in button.classes or button.parent is None:
            return
        scope = button.parent
        for field in list(self._typed):
            if scope in field.ancestors:
                self._typed.discard(field)

    @staticmethod
    def transient(field: Input) -> bool:
        """Text that is never recorded: a filter, a scan, a passphrase."""
        return field.password or isinstance(field, ScanField) or field.id in TRANSIENT_IDS

    def pending(self) -> list[Input]:
        """The fields still on screen that hold typed input."""
        return [f for f in self._typed if f.is_attached and f.value.strip()]


def quit_or_ask(app: App[None], unsaved: UnsavedInputs, lang: str) -> None:
    """Quit, or first ask when a form holds typed input (naming its fields)."""
    fields = unsaved.pending()
    if not fields or isinstance(app.screen, QuitWithUnsaved):  # Ctrl+Q twice: quit
        app.exit()
        return
    names = ", ".join(sorted({escape(f.placeholder or f.id or "?") for f in fields}))

    def answered(yes: bool | None) -> None:
        if yes:
            app.exit()

    app.push_screen(
        QuitWithUnsaved(
            t("confirm.quit.title", lang),
            t("confirm.quit.body", lang, fields=names),
            lang,
            yes=t("confirm.quit.yes", lang),
        ),
        answered,
    )
