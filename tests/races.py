"""Processes that do a piece of work at the same moment, for race tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_GATE = """
print("READY", flush=True)
import pathlib as _pathlib
_gate = _pathlib.Path(sys.argv[-1])
while not _gate.exists():
    pass
"""


def run_together(setup: str, work: str, argvs: list[list[str]], tmp_path: Path) -> list[str]:
    """One Python process per argument list: each runs `setup`, says it is ready, waits for
    the others, then runs `work` (both read their arguments as ``sys.argv[1:-1]``). What each
    printed, in the order of `argvs`; every process must exit 0."""
    gate = tmp_path / "go"
    script = f"import sys\n{setup}{_GATE}{work}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *argv, str(gate)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in argvs
    ]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "READY"
    gate.touch()  # every one was waiting: they start together
    done = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in done]
    return [out.strip() for out, _ in done]
