"""Which top-level packages a piece of code imports, measured in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    """Top-level module names present in ``sys.modules`` after running `code`."""
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {m.split(".")[0] for m in out.split()}
