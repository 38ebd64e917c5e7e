"""The ``crisis`` script: the headless CLI, with the TUI plugged in (Textual loads lazily)."""

from __future__ import annotations

from crisis import cli


def open_tui(url: str, operator: str) -> None:
    """Run the Textual app on a database as an operator."""
    from tui.app import CrisisApp

    CrisisApp(url, operator).run()


def main() -> None:
    """Entry point of the ``crisis`` script."""
    cli.ui_opener = open_tui
    cli.run()
