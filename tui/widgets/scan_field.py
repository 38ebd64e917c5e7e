"""The return desk's scan field: every Enter is one scan, however fast the scanner types."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input


class ScanField(Input):
    """An input that takes its value and empties itself on Enter, in its own key order.

    A plain ``Input`` submits through a binding the app runs after the key has bubbled up,
    behind the keys already queued: a scanner typing tag+Enter twenty times in one burst got
    its tags glued into one. Here the Enter is handled in the field's own queue, between the
    characters of one tag and those of the next.
    """

    @dataclass
    class Scanned(Message):
        """One tag read (never empty)."""

        field: ScanField
        tag: str

        @property
        def control(self) -> ScanField:
            """The field that read it."""
            return self.field

    async def _on_key(self, event: events.Key) -> None:
        if event.key != "enter":
            return  # Input's own handler types the character
        event.stop()
        event.prevent_default()
        tag = self.value.strip()
        self.value = ""
        if tag:
            self.post_message(self.Scanned(self, tag))
