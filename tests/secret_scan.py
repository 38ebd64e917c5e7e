"""Looking for secrets in clear in what a flow left behind: files, outputs, documents."""

from __future__ import annotations

from pathlib import Path

from crisis.services import vault_secrets
from crisis.services.workspace import Workspace


def leaks(root: Path, needles: dict[str, str]) -> list[str]:
    """Every (file, needle) where a needle's UTF-8 bytes appear in a file under `root`."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [
            f"{path.relative_to(root)}: {label}"
            for label, v in needles.items()
            if v.encode() in data
        ]
    return found


def vault_needles(ws: Workspace) -> dict[str, str]:
    """Every secret the vault holds, in clear, by reference (the vault must be unlocked)."""
    views = vault_secrets.list_secrets(ws)
    held = vault_secrets.reveal_many(ws, [v.ref for v in views], "scan for leaks")
    return {str(ref): value for ref, value in held.items()}
