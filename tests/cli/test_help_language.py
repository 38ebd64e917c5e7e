"""``--help`` speaks the user's language: French by default, English with ``CRISIS_LANG=en``
(the language is read when the command line starts, as the rest of its output). Options are
worded only where the catalogue has their ``help.<group>.<command>.<option>`` id."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache

import pytest

from tests.tui.test_french_everywhere import english_in

#: (arguments, French, English): a group's help and its commands' summaries.
HELPS = (
    (("loan", "--help"), "Prêts : constituer, remettre, reprendre.", "Loans: assemble, hand over"),
    (("loan", "--help"), "Recette : essais réussis et signés", "Acceptance tests passed and"),
    (("vault", "--help"), "Secrets chiffrés au repos.", "Secrets encrypted at rest."),
    (("--help",), "Documents contradictoires", "Joint documents: issue, sign"),
    # An option's help and --help's own, worded when the command is built.
    (("loan", "declare-missing", "--help"), "Volé plutôt que perdu.", "Stolen rather than lost."),
    (("loan", "declare-missing", "--help"), "Afficher cette aide", "Show this message and exit."),
)


@cache
def help_of(args: tuple[str, ...], lang: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CRISIS_LANG"}
    if lang:
        env["CRISIS_LANG"] = lang
    env["COLUMNS"] = "200"
    code = "import sys; from crisis.cli import app; sys.argv[0] = 'crisis'; app()"
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout


@pytest.mark.parametrize(("args", "french", "english"), HELPS)
def test_help_is_french_by_default_and_english_on_request(
    args: tuple[str, ...], french: str, english: str
) -> None:
    assert french in help_of(args, None)
    shown = help_of(args, "en")
    assert english in shown
    assert french not in shown


def test_the_command_summaries_of_a_group_are_all_french() -> None:
    shown = help_of(("loan", "--help"), "fr")
    commands = shown[shown.index("Commands") :]  # Typer's own headings are not ours
    assert english_in(commands) == []


def test_every_group_command_and_option_help_has_its_ids() -> None:
    import importlib
    import inspect
    import typing

    from typer.models import ParameterInfo

    from crisis.cli import _Commands
    from crisis.commands.help_words import HELPED

    for entry in _Commands.entries:  # each group is imported when it runs: all of them here
        importlib.import_module(entry.module)
    from crisis.i18n import LANGUAGES, ids

    wanted: list[str] = []
    for area, app in HELPED.items():
        wanted.append(f"help.{area}")
        for c in app.registered_commands:
            name = c.name or getattr(c.callback, "__name__", "").replace("_", "-")
            wanted.append(f"help.{area}.{name}")
            hints = typing.get_type_hints(c.callback, include_extras=True)
            for param in inspect.signature(c.callback).parameters:
                for x in getattr(hints.get(param), "__metadata__", ()):
                    if isinstance(x, ParameterInfo) and x.help:
                        wanted.append(f"help.{area}.{name}.{param}")
    assert len(HELPED) > 15
    wanted += [e.help_id for e in _Commands.entries if e.help_id]
    for lang in LANGUAGES:
        assert [k for k in wanted if k not in ids(lang)] == [], lang
