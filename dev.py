#!/usr/bin/env python3
"""Bootstrap and run crisis kit from a fresh clone, with nothing but Python 3.11+ and pip.

    python3 dev.py demo      open the TUI on the embedded demo inventory
    python3 dev.py test      run every check: format, lint, types, import contracts, tests
    python3 dev.py crisis …  run the crisis command line
    python3 dev.py lab …     the lab: laptops, mail host, switch on loopback (root; Ctrl-C stops)
    python3 dev.py i18n …    the gettext catalogues: extract | update | compile | absorb | init LANG

The first run installs uv (with pip, into .tools/) and the locked dependencies (into .venv/).
Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
VENV = ROOT / ".venv"
UV_VERSION = "0.13.9"

if sys.version_info < (3, 11):  # noqa: UP036 (runs before anything checks the version)
    sys.exit(f"crisis kit needs Python 3.11 or newer; this is {sys.version.split()[0]}")


def _uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    uv = TOOLS / "bin" / "uv"
    if not uv.exists():
        print(f"dev.py: installing uv {UV_VERSION} into {TOOLS} …", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(TOOLS),
                f"uv=={UV_VERSION}",
            ],
            check=True,
        )
    return str(uv)


def _sync() -> None:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_PROJECT_ENVIRONMENT": str(VENV)}
    subprocess.run(
        [_uv(), "sync", "--frozen", "--quiet", "--python", sys.executable],
        cwd=ROOT,
        env=env,
        check=True,
    )


def _bin(name: str) -> str:
    return str(VENV / "bin" / name)


def _run(*cmd: str) -> int:
    env = {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


#: The whole suite on two workers, a test file's tests kept together (they share lab hosts);
#: each worker's lab peers take subnets of their own (tests/conftest.py). Tests marked
#: `serial` then run alone: a real terminal's keystrokes, the machine's mounts.
PARALLEL = ["-n", "2", "--dist", "loadfile", "-m", "not serial"]
SERIAL = ["-m", "serial"]


def check(pytest_args: list[str]) -> int:
    """Every check, in order; stops at the first that fails."""
    steps: list[tuple[str, list[str]]] = [
        ("format", [_bin("ruff"), "format", "--check", "."]),
        ("lint", [_bin("ruff"), "check", "."]),
        ("types", [_bin("mypy")]),
        ("import contracts", [_bin("lint-imports")]),
        ("playbooks", [_bin("ansible-lint"), "--profile", "production", "--offline", "playbooks"]),
        ("tests", [_bin("pytest"), *(pytest_args or PARALLEL)]),
        *([("tests run alone", [_bin("pytest"), *SERIAL])] if not pytest_args else []),
    ]
    for name, cmd in steps:
        print(
            f"\n=== {name}: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}",
            flush=True,
        )
        rc = _run(*cmd)
        if rc != 0:
            print(f"\n=== {name} FAILED (exit {rc})", flush=True)
            return rc
    print("\n=== every check passed", flush=True)
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    _sync()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        return _run(_bin("crisis"), "demo", "--tui", *rest)
    if command == "test":
        return check(rest)
    if command == "crisis":
        return _run(_bin("crisis"), *rest)
    if command == "i18n":
        return _run(_bin("python"), "-m", "crisis.translations", *rest)
    if command == "lab":
        # exec, not a child: Ctrl-C must reach the lab alone, which then stops every peer
        # and unmounts; a waiting parent would kill it half-way through its teardown.
        env = {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
        os.chdir(ROOT)
        os.execve(_bin("python"), [_bin("python"), "-m", "crisis.lab", *rest], env)
    print(f"dev.py: unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
