"""``--help`` in the user's language: each command group, command and option takes its text
from the catalogue ids ``help.<area>[.<command>[.<option>]]``. Light on purpose (Typer and the
catalogue only): ``crisis --help`` uses it without loading any command module."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand

from crisis.i18n import default_language, ids, t

#: The command groups worded by `translate_help`, by area (a test checks each has its ids).
HELPED: dict[str, typer.Typer] = {}


def translate_help(app: typer.Typer, area: str) -> None:
    """Word the ``--help`` of a command group and of its commands in the user's language
    (``CRISIS_LANG``, French by default), from the catalogue ids ``help.<area>`` and
    ``help.<area>.<command>``; a command without one keeps its docstring.

    Called once, when the module defining the group is imported (a few lookups in the
    catalogue already loaded for the command's own output).
    """
    HELPED[area] = app
    lang = default_language()
    known = ids(lang)
    if f"help.{area}" in known:
        app.info.help = t(f"help.{area}", lang)
    for command in app.registered_commands:
        name = command.name or getattr(command.callback, "__name__", "").replace("_", "-")
        key = f"help.{area}.{name}"
        if key in known:
            command.help = t(key, lang)
        if command.cls in (None, TyperCommand):
            command.cls = worded_command(key)


def worded_command(prefix: str) -> type[TyperCommand]:
    """A command class whose options and arguments take their ``--help`` text from the ids
    ``<prefix>.<parameter>`` when the catalogue has them (and ``--help`` its own)."""

    class WordedCommand(TyperCommand):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            lang = default_language()
            known = ids(lang)
            for param in self.params:
                key = f"{prefix}.{param.name}"
                if key in known and hasattr(param, "help"):
                    param.help = t(key, lang)

        def get_help_option(self, ctx: Any) -> Any:  # Typer's own click types
            option = super().get_help_option(ctx)
            if option is not None:
                option.help = t("help.show_help", default_language())
            return option

    return WordedCommand
