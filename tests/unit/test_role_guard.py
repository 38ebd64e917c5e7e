"""Every service function that changes state goes through the role check (acting_operator)."""

from __future__ import annotations

import ast
from pathlib import Path

import crisis.services

SERVICES = Path(crisis.services.__file__).parent


def changing_functions() -> dict[str, str]:
    """Public service functions that open a write session, with their source."""
    out: dict[str, str] = {}
    for path in sorted(SERVICES.glob("*.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                src = ast.unparse(node)
                if "session(write=True)" in src:
                    out[f"{path.stem}.{node.name}"] = src
    return out


def test_every_changing_service_checks_the_acting_operator() -> None:
    found = changing_functions()
    assert {"assets.add_asset", "vault.rotate_key", "vault_secrets.reveal"} <= set(found)
    unguarded = sorted(name for name, src in found.items() if "ws.acting_operator()" not in src)
    assert unguarded == [], f"these change state without ws.acting_operator(): {unguarded}"
