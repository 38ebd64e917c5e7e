"""Command groups loaded only when they run, so ``crisis --help`` imports none of them.

Each entry of the top-level group names where its Typer app (``add_typer``) or function
(``command``) lives: a module and an attribute. A command module is imported the first time
the command is resolved (``crisis assets list`` imports ``crisis.commands.assets`` alone),
and then built exactly as ``add_typer`` or ``command`` would have built it.

The top-level help lists every entry with its one-line help without importing the modules:
the help is read from the module's source, where it is written (``typer.Typer(help=...)``,
an ``@app.callback`` or the function's docstring), and evaluated there when it is an
expression of the catalogue (``t("key", default_language())``). Anything this reading cannot
evaluate is answered by importing the module, so the listing is always the real one.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from typer._click import Command, Context, HelpFormatter
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_group_from_info
from typer.models import CommandInfo, Default, TyperInfo

from crisis.commands.help_words import worded_command
from crisis.i18n import default_language, ids, t

#: The modules a help expression may call into (their names as the command module binds them).
HELP_MODULES = ("crisis.i18n",)
#: What an entry's one-line listing is made of, as Click and Typer read it.
_SHOWN = ("help", "short_help", "hidden", "deprecated", "rich_help_panel")


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
        worded = _catalogued(entry)
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
    """What the group's help shows of `entry` (``help``, ``short_help``, ``hidden``...), read
    from its module's source as Typer would resolve it; None when the source cannot say
    without running the module."""
    worded = _catalogued(entry)
    if worded is not None:
        return {"help": worded}
    try:
        tree = _tree(entry.module)
    except (OSError, SyntaxError, ValueError):
        return None
    names = _Names(tree)
    try:
        shown = _group_listing(tree, entry, names) if entry.group else _command(tree, entry)
    except _UnreadableError:
        return None
    if shown is None or not isinstance(shown.get("help", ""), str | None):
        return None
    return shown


def _catalogued(entry: Lazy) -> str | None:
    """The entry's help in the user's language, when the catalogue has its id."""
    lang = default_language()
    if entry.help_id is None or entry.help_id not in ids(lang):
        return None
    return t(entry.help_id, lang)


class _UnreadableError(Exception):
    """The source does not say without running the module."""


def _group_listing(tree: ast.Module, entry: Lazy, names: _Names) -> dict[str, Any] | None:
    """As `typer.main.solve_typer_info_defaults`: values given at registration, then in
    ``@app.callback(...)``, then in ``typer.Typer(...)``; help last from the docstrings."""
    made = _typer_call(tree, entry.attribute)
    if made is None:
        return None
    callback = _callback(tree, entry.attribute)
    given: dict[str, ast.expr] = {k.arg: k.value for k in made.keywords if k.arg}
    if any(k.arg is None for k in made.keywords) or "callback" in given:
        return None  # ``**options`` or a callback given by reference: not read here
    if callback is not None:
        decorator, _ = callback
        if any(k.arg is None for k in decorator.keywords):
            return None
        given |= {k.arg: k.value for k in decorator.keywords if k.arg}
    shown: dict[str, Any] = {k: names.value(given[k]) for k in _SHOWN if k in given}
    if entry.help is not None:
        shown["help"] = entry.help
    text = shown.get("help")
    if text is None and callback is not None:
        text = ast.get_docstring(callback[1], clean=True)
    shown["help"] = inspect.cleandoc(text) if isinstance(text, str) else None
    return shown


def _command(tree: ast.Module, entry: Lazy) -> dict[str, Any] | None:
    """As `typer.main.get_command_from_info`: the help given, else the docstring."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == entry.attribute:
            if entry.help is not None:
                return {"help": inspect.cleandoc(entry.help)}
            return {"help": ast.get_docstring(node, clean=True)}
    return None


def _typer_call(tree: ast.Module, name: str) -> ast.Call | None:
    """The ``typer.Typer(...)`` call assigned to `name` at the module's top level."""
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        value = getattr(node, "value", None)
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            if isinstance(value, ast.Call) and _called(value) == "Typer":
                return value
            return None
    return None


def _callback(tree: ast.Module, name: str) -> tuple[ast.Call, ast.FunctionDef] | None:
    """The ``@name.callback(...)`` decorator and the function it decorates, if any."""
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for d in node.decorator_list:
            if (
                isinstance(d, ast.Call)
                and isinstance(d.func, ast.Attribute)
                and d.func.attr == "callback"
                and isinstance(d.func.value, ast.Name)
                and d.func.value.id == name
            ):
                return d, node
    return None


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


class _Names(Mapping[str, Any]):
    """The names a help expression may use: literals assigned at the module's top level, and
    what the module imports from `HELP_MODULES` (the catalogue: ``t``, ``default_language``)."""

    def __init__(self, tree: ast.Module) -> None:
        self._imported: dict[str, tuple[str, str]] = {}
        self._assigned: dict[str, ast.expr] = {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module in HELP_MODULES:
                for alias in node.names:
                    self._imported[alias.asname or alias.name] = (node.module, alias.name)
            elif (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                self._assigned[node.targets[0].id] = node.value

    def value(self, node: ast.expr) -> Any:
        """The value of a help expression.

        Raises:
            _UnreadableError: it needs more than literals and the catalogue.
        """
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            pass
        try:
            code = compile(ast.Expression(node), "<help>", "eval")
            return eval(code, {"__builtins__": {}}, self)
        except Exception as exc:
            raise _UnreadableError from exc

    def __getitem__(self, name: str) -> Any:
        if name in self._imported:
            module, attribute = self._imported[name]
            return getattr(importlib.import_module(module), attribute)
        if name in self._assigned:
            return self.value(self._assigned[name])
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter([*self._imported, *self._assigned])

    def __len__(self) -> int:
        return len(self._imported) + len(self._assigned)


@cache
def _tree(module: str) -> ast.Module:
    """The parsed source of `module` (found without importing it)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ValueError(module)
    path = Path(spec.origin)
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
