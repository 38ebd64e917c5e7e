"""Headless modules never import the UI toolkit; heavy libraries load only when used."""

from __future__ import annotations

from tests.imports import loaded_after

HEADLESS = [
    "crisis.cli",
    "crisis.services.assets",
    "crisis.services.asset_import",
    "crisis.services.journal",
    "crisis.services.demo",
    "inventory.database",
    "tui.launcher",
]


def test_headless_modules_do_not_import_textual_or_rich() -> None:
    mods = loaded_after("\n".join(f"import {m}" for m in HEADLESS))
    assert "textual" not in mods
    assert "rich" not in mods


def test_help_does_not_pay_for_heavy_libraries() -> None:
    code = (
        "import sys; sys.argv = ['crisis', '--help']\n"
        "from tui.launcher import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    mods = loaded_after(code)
    assert not mods & {"textual", "ansible_runner", "netmiko", "alembic", "pyhanko", "paramiko"}
