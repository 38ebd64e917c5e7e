"""The TUI's first frame pays for Textual only: the persistence stack loads in a worker."""

from __future__ import annotations

from tests.imports import loaded_after


def test_the_app_module_does_not_import_the_database_stack() -> None:
    mods = loaded_after("import tui.app")
    assert "textual" in mods
    assert not mods & {"sqlalchemy", "sqlmodel", "pydantic", "alembic"}


def test_no_screen_imports_ansible_netmiko_or_pyhanko() -> None:
    from tui.app import SCREENS

    mods = loaded_after("\n".join(f"import {module}" for module, _ in SCREENS.values()))
    assert "sqlalchemy" in mods  # the screens do use the services
    assert not mods & {"ansible_runner", "netmiko", "paramiko", "pyhanko"}
