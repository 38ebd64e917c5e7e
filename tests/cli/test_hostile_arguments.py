"""Every command of ``crisis --help``, walked recursively, with hostile arguments: a clear
error or a result, never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from crisis.cli import app

runner = CliRunner()


def commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every leaf command under a (Typer) command group, recursively."""
    for name, cmd in group.commands.items():
        if getattr(cmd, "commands", None) is not None:
            yield from commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name)


ROOT: Any = typer.main.get_command(app)
#: Commands that run until stopped (a watch loop): tried for one pass.
ONE_PASS = {("clocks", "watch"): ["--once"]}
ALL = sorted(commands(ROOT))


def hostile_values(tmp: Path) -> tuple[list[str], list[str]]:
    """What an attacker or a clumsy user types: for arguments, and for every option at once."""
    (tmp / "exists.txt").write_text("keep me\n")
    (tmp / "link").symlink_to(tmp / "exists.txt")
    arguments = [
        "",
        "\x1b[2J\x1b]0;pwned\x07 line one\nline two %s{0}[/] '; DROP TABLE asset; --",
        "x" * 60_000,
        " ".join(f"mot{i}" for i in range(500)),
        "-1",
        str(tmp),  # a folder
        str(tmp / "missing" / "folder" / "out.pdf"),
        str(tmp / "link"),
    ]
    options = [arguments[1], arguments[2], arguments[6], str(tmp / "exists.txt")]
    return arguments, options


def _arguments(cmd: Any, value: str, with_options: bool) -> list[str]:
    args: list[str] = []
    for p in cmd.params:
        if p.param_type_name == "argument":
            args += [value] * (1 if p.nargs == 1 else 2)
        elif (
            p.param_type_name == "option"
            and not p.is_flag
            and not p.count
            and (p.required or with_options)
        ):
            args += [max(p.opts, key=len), value]
    return args


@pytest.fixture(scope="module")
def inventory(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "demo.sqlite3"
    shutil.copy(demo_db, db)
    return db


@pytest.mark.parametrize("path", ALL, ids=" ".join)
def test_no_command_shows_a_traceback(
    path: tuple[str, ...], inventory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cmd = ROOT
    for name in path:
        cmd = cmd.commands[name]
    monkeypatch.chdir(tmp_path)
    problems: list[str] = []
    arguments, options = hostile_values(tmp_path)
    runs = [(str(inventory), value, False) for value in arguments]
    runs += [(str(inventory), value, True) for value in options]
    runs.append((str(tmp_path / "typo" / "x.sqlite3"), "x", False))
    tried: set[tuple[str, ...]] = set()
    for db, value, with_options in runs:
        args = ["--db", db, "--operator", "tester", *path, *ONE_PASS.get(path, [])]
        args += _arguments(cmd, value, with_options)
        if tuple(args) in tried:
            continue  # a command without parameters runs once
        tried.add(tuple(args))
        r = runner.invoke(app, args, input="")
        shown = repr(value[:40])
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            problems.append(f"{shown} options={with_options}: {type(r.exception).__name__}: "
                            f"{str(r.exception)[:200]}")  # fmt: skip
        elif "Traceback" in r.output:
            problems.append(f"{shown}: a traceback was printed")
        elif "\x1b" in r.output:
            problems.append(f"{shown}: an escape sequence reached the terminal")
    assert not problems, "\n".join(problems)
    assert (tmp_path / "exists.txt").read_text() == "keep me\n"


def test_an_unexpected_failure_ends_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from crisis import cli
    from crisis.services import assets

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("password=hunter2")

    monkeypatch.setattr(assets, "list_assets", broken)
    monkeypatch.setattr("sys.argv", ["crisis", "--db", str(tmp_path / "i"), "assets", "list"])
    (tmp_path / "i").touch()
    with pytest.raises(SystemExit) as end:
        cli.run()
    assert end.value.code == 70
    err = capsys.readouterr().err
    assert "échec inattendu (RuntimeError)" in err  # French by default
    assert "hunter2" not in err
    assert "Traceback" not in err
