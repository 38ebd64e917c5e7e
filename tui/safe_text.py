"""Stored text on screen: control characters written out, markup shown as typed."""

from __future__ import annotations

from rich.markup import escape as escape_markup
from rich.text import Text

from crisis.domain.free_text import shown, shown_lines


def escape(value: object) -> str:
    """`value` for a markup string: its control characters written out (``\\x1b``...) and
    its square brackets shown, never read as markup."""
    return escape_markup(shown_lines(value))


def plain(value: object) -> Text:
    """`value` for a table cell: one line, control characters written out, no markup."""
    return Text(shown(value), end="")
