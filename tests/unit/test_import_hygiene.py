"""Headless modules never import the UI toolkit; heavy libraries load only when used."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "crisis.cli",
    "crisis.services.assets",
    "crisis.services.asset_import",
    "crisis.services.journal",
    "crisis.services.demo",
    "inventory.database",
    "tui.launcher",
]


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {m.split(".")[0] for m in out.split()}


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
