"""Command groups loaded only when they run, so ``crisis --help`` imports none of them.

Each entry of the top-level group names where its Typer app (``add_typer``) or function
(``command``) lives: a module and an attribute. A command module is imported the first time
the command is resolved (``crisis assets list`` imports ``crisis.commands.assets`` alone),
and then built exactly as ``add_typer`` or ``command`` would have built it.

The top-level help lists every entry with its one-line help without importing the modules:
the help is the catalogue's text for the entry's id (``help.<area>``), the one the module
gives its group when it is loaded (`crisis.commands.help_words`). An entry without an id is
answered by importing its module, so the listing is always the real one.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any, ClassVar

from typer._click import Command, Context, HelpFormatter
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_group_from_info
from typer.models import CommandInfo, Default, TyperInfo

from crisis.commands.help_words import worded_command
from crisis.i18n import default_language, ids, t


@dataclass(frozen=True)
class Lazy:
    """One entry of a lazy group.

    Attributes:
        name: the command's name on the command line.
        module: the module that holds it (imported when the command runs).
        attribute: its name there: a ``typer.Typer`` (a group) or a function (a command).
        group: whether it is a Typer app (``add_typer``) or a function (``command``).
        help: the help given at registration, as ``add_typer(help=...)`` would take it.
        help_id: the catalogue id of its help (``help.<area>``, worded by
            `crisis.commands.help_words`): the listing reads it there, in the user's language.
    """

    name: str
    module: str
    attribute: str
    group: bool = True
    help: str | None = None
    help_id: str | None = None


class LazyCommands(MutableMapping[str, Command]):
    """A group's commands by name: the eager ones, and the lazy ones built on first access.

    Names and membership never import anything; reading a lazy command loads it.
    """

    def __init__(
        self, order: list[str], loaded: dict[str, Command], load: Callable[[str], Command]
    ) -> None:
        self._order = order
        self._loaded = loaded
        self._load = load

    def is_loaded(self, name: str) -> bool:
        """Whether `name` is built already (so reading it costs nothing)."""
        return name in self._loaded

    def __getitem__(self, name: str) -> Command:
        found = self._loaded.get(name)
        if found is None:
            if name not in self._order:
                raise KeyError(name)
            found = self._loaded[name] = self._load(name)
        return found

    def __setitem__(self, name: str, command: Command) -> None:
        if name not in self._order:
            self._order.append(name)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


class LazyGroup(TyperGroup):
    """A Typer group whose `entries` load when they run (see the module's docstring).

    Subclass it with `entries` set and pass it as ``typer.Typer(cls=...)``. Lazy commands
    (functions) are listed first, then the commands registered on the Typer app itself,
    then the lazy groups: the order ``command``/``add_typer`` calls would give.
    """

    entries: ClassVar[tuple[Lazy, ...]] = ()

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._entries = {e.name: e for e in self.entries}
        eager = dict(self.commands)
        order = [e.name for e in self.entries if not e.group]
        order += [n for n in eager if n not in self._entries]
        order += [e.name for e in self.entries if e.group]
        self.commands = self._lazy = LazyCommands(order, eager, self._build)
        self._listing = False

    def _build(self, name: str) -> Command:
        entry = self._entries[name]
        target = getattr(importlib.import_module(entry.module), entry.attribute)
        if entry.group:
            info = TyperInfo(
                target, name=name, help=Default(None) if entry.help is None else entry.help
            )
            return get_group_from_info(
                info,
                pretty_exceptions_short=True,
                rich_markup_mode=self.rich_markup_mode,
                suggest_commands=self.suggest_commands,
            )
        shown = listing(entry)
        worded = shown["help"] if shown else None
        return get_command_from_info(
            CommandInfo(
                name=name,
                callback=target,
                help=worded or entry.help,
                cls=worded_command(entry.help_id) if entry.help_id else None,
            ),
            pretty_exceptions_short=True,
            rich_markup_mode=self.rich_markup_mode,
        )

    def list_commands(self, ctx: Context) -> list[str]:
        """The names, in order, without loading any command."""
        return list(self.commands)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        """The command named `cmd_name`; while the help is written, a stand-in that carries
        only what the listing shows, for a command not loaded yet."""
        if self._listing and cmd_name in self._entries and not self._lazy.is_loaded(cmd_name):
            shown = listing(self._entries[cmd_name])
            if shown is not None:
                return TyperCommand(cmd_name, rich_markup_mode=self.rich_markup_mode, **shown)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The group's help, listing the commands without loading them."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def listing(entry: Lazy) -> dict[str, Any] | None:
    """What the group's help shows of `entry`: its help from the catalogue, in the user's
    language; None when the catalogue has no id for it (the listing then loads the module)."""
    lang = default_language()
    if entry.help_id is None or entry.help_id not in ids(lang):
        return None
    return {"help": t(entry.help_id, lang)}
