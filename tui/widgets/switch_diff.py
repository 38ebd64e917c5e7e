"""A switch diff for a person: sections in bold, lines removed in red (-), added in green (+)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from crisis.i18n import t

#: What ``SwitchDiff.readable()`` says when the switch already matches.
NO_CHANGE = "(no change)"


def diff_text(readable: str, lang: str) -> Text:
    """Colour a diff as the service renders it (top-level lines, sub-commands indented).

    A top-level line with sub-commands is a section heading; any other line is a command:
    ``no …`` removes (red ``-``), anything else adds or replaces (green ``+``).
    """
    if readable.strip() == NO_CHANGE:
        return Text(t("switch.no_change", lang), style="green")
    lines = readable.splitlines()
    out = Text()
    for i, line in enumerate(lines):
        nested = line.startswith(" ")
        body = line.strip()
        has_children = not nested and i + 1 < len(lines) and lines[i + 1].startswith(" ")
        indent = "    " if nested else ""
        if has_children and not body.startswith("no "):
            out.append(body + "\n", style="bold")
        elif body.startswith("no "):
            out.append(f"{indent}- {body[3:]}\n", style="red")
        else:
            out.append(f"{indent}+ {body}\n", style="green")
    out.rstrip()
    return out


class SwitchDiffView(Static):
    """Shows one diff, coloured."""

    DEFAULT_CSS = """
    SwitchDiffView {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        #: The diff shown, as the service gave it ("" before any).
        self.readable = ""

    def show_diff(self, readable: str) -> None:
        """Show a diff (``SwitchDiff.readable()`` text)."""
        self.readable = readable
        self.update(diff_text(readable, self.lang) if readable else "")
