"""Command groups load when they run: ``crisis --help`` imports none of them, and lists each
with the help it has once loaded (issue 17)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import typer

from crisis.cli import _Commands
from crisis.cli import app as crisis_app
from crisis.commands.lazy_group import Lazy, LazyGroup, listing
from crisis.i18n import t

#: What `crisis --help` must not pay for (each costs tenths of a second to import).
HEAVY = ("sqlalchemy", "sqlmodel", "pyhanko", "netmiko", "ansible_runner", "textual", "alembic")

#: The top-level listing, in the order the commands were registered before they were lazy.
ORDER = [
    "dashboard", "ansible-inventory", "verify", "backup", "restore", "labels",
    "packing-list", "demo", "tui", "assets", "agreements", "journal", "runs", "switch",
    "hostkeys", "crisis", "loan", "incident", "clocks", "laptops", "phones", "mailboxes",
    "vault", "operators", "documents", "audit", "quarantine", "hold",
]  # fmt: skip


def _modules_after_help(lang: str) -> set[str]:
    code = (
        "import sys\nsys.argv = ['crisis', '--help']\nfrom tui.launcher import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\n'.join(sys.modules))"
    )
    env = {**os.environ, "CRISIS_LANG": lang, "COLUMNS": "100"}
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert "Usage: crisis" in r.stdout
    return set(r.stderr.split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_help_imports_no_heavy_module_and_no_command_module(lang: str) -> None:
    mods = _modules_after_help(lang)
    heavy = sorted(m for m in mods if m.split(".")[0] in HEAVY)
    assert not heavy, f"crisis --help imported {heavy}"
    commands = sorted(m for m in mods if m.startswith("crisis.commands."))
    assert commands == ["crisis.commands.help_words", "crisis.commands.lazy_group"]


def _help(group: Any, *args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as ended:
        group.main([*args, "--help"], prog_name="crisis")
    assert ended.value.code == 0
    return out.getvalue()


@pytest.fixture(params=["fr", "en"])
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CRISIS_LANG", request.param)
    monkeypatch.setenv("COLUMNS", "100")
    return str(request.param)


def test_the_listing_read_from_the_sources_is_the_loaded_one(lang: str) -> None:
    # A process speaks one language, fixed when a group is imported: each language is
    # checked in a process of its own.
    code = "from tests.cli.test_lazy_commands import listing_is_the_loaded_one as f; f()"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, env=os.environ.copy())


def listing_is_the_loaded_one() -> None:
    """The top-level listing, read without loading anything, is what the loaded groups say."""
    lazy = typer.main.get_command(crisis_app)
    assert isinstance(lazy, LazyGroup)
    assert list(lazy.commands) == ORDER
    before = _help(lazy)
    assert not any(lazy._lazy.is_loaded(e.name) for e in _Commands.entries)
    loaded = dict(lazy.commands.items())  # every group imported and built
    assert list(loaded) == ORDER
    assert _help(lazy) == before
    for entry in _Commands.entries:
        shown = listing(entry)
        assert shown is not None, f"{entry.name}: its help has no catalogue id"
        real = loaded[entry.name]
        for key, value in shown.items():
            assert getattr(real, key) == value, (entry.name, key)


def test_a_group_help_is_the_same_through_the_lazy_group(demo_db: Path) -> None:
    lazy = typer.main.get_command(crisis_app)
    out = _help(lazy, "--db", str(demo_db), "clocks")
    assert "stop" in out
    assert lazy._lazy.is_loaded("clocks")
    assert not lazy._lazy.is_loaded("assets")


def test_an_unknown_command_is_named_without_loading_anything() -> None:
    lazy = typer.main.get_command(crisis_app)
    with pytest.raises(SystemExit) as ended:
        lazy.main(["asets"], prog_name="crisis")
    assert ended.value.code == 2
    assert not any(lazy._lazy.is_loaded(e.name) for e in _Commands.entries)


HELPED = '''
import typer

app = typer.Typer(help="Worded by the catalogue when listed.")
other = typer.Typer(help=str(len("computed at run time")))


@app.command()
def one() -> None:
    """One."""


@app.command()
def two() -> None:
    """Two."""


@other.command()
def three() -> None:
    """Three."""


@other.command()
def four() -> None:
    """Four."""


def single() -> None:
    """A command of its own."""
'''


@pytest.fixture
def helped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[LazyGroup]]:
    name = f"helped_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(HELPED))
    monkeypatch.syspath_prepend(str(tmp_path))

    class Group(LazyGroup):
        entries = (
            Lazy("single", name, "single", group=False, help_id="state.in_stock"),
            Lazy("catalogued", name, "app", help_id="state.damaged"),
            Lazy("computed", name, "other"),
        )

    yield Group
    sys.modules.pop(name, None)


def test_help_from_the_catalogue_is_in_the_reader_s_language_without_importing(
    helped: type[LazyGroup], lang: str
) -> None:
    module = helped.entries[0].module
    assert listing(helped.entries[0]) == {"help": t("state.in_stock", lang)}
    assert listing(helped.entries[1]) == {"help": t("state.damaged", lang)}
    assert module not in sys.modules
    # An entry without a catalogue id: the listing loads its module, and is still right.
    assert listing(helped.entries[2]) is None
    app = typer.Typer(cls=helped, help="Root.", add_completion=False)
    app.callback()(lambda: None)
    app.command("eager")(lambda: None)
    out = _help(typer.main.get_command(app))
    assert t("state.in_stock", lang) in out
    assert t("state.damaged", lang) in out
    assert "20" in out  # len("computed at run time")
    assert [line.split()[1] for line in out.splitlines() if line.startswith("│ ")][-4:] == [
        "single", "eager", "catalogued", "computed"
    ]  # fmt: skip


class _Counting(io.StringIO):
    writes = 0

    def write(self, s: str) -> int:
        self.writes += 1
        return super().write(s)


def test_assets_list_json_writes_its_output_once(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _Counting()
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(SystemExit) as ended:
        typer.main.get_command(crisis_app).main(
            ["--db", str(demo_db), "assets", "list", "--json", "--limit", "150"],
            prog_name="crisis",
        )
    assert ended.value.code == 0
    data = json.loads(out.getvalue())
    assert len(data["assets"]) == 150
    assert out.writes == 1, f"{out.writes} writes for one JSON document"
