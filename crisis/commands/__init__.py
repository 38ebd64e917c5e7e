"""Typer sub-commands of the ``crisis`` CLI: parse, call one service, print."""
