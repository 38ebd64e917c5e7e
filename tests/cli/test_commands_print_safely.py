"""Commands print through `echo_safe` only, so no stored text reaches the terminal raw."""

from __future__ import annotations

import ast
from pathlib import Path

import crisis.commands

FRONT = [Path(crisis.commands.__file__).parent, Path(crisis.commands.__file__).parents[1]]


def test_no_command_prints_around_echo_safe() -> None:
    files = [*FRONT[0].glob("*.py"), FRONT[1] / "cli.py"]
    found: list[str] = []
    for f in files:
        if f.name == "common.py":
            continue
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.Call):
                fn = node.func
                name = (
                    f"{fn.value.id}.{fn.attr}"
                    if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name)
                    else fn.id
                    if isinstance(fn, ast.Name)
                    else ""
                )
                if name in ("typer.echo", "print", "click.echo", "typer.secho"):
                    found.append(f"{f.name}:{node.lineno} {name}")
    assert not found, f"print with echo_safe (crisis/commands/common.py): {found}"
