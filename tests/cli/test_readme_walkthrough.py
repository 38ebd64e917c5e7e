"""The README walkthrough runs as written: every shell block marked ``<!-- walkthrough -->``,
command by command, in one shell, against the lab it starts itself (``python3 dev.py lab``).

Whatever the README says is what runs: lines added to those blocks are tested without
changing this file. Two tags in a line's trailing comment are understood, and kept few:
``[second terminal]`` (started in the background once, for the whole walkthrough; the next
commands run while it does) and ``[needs a terminal]`` (skipped: the TUI, a barcode scanner).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crisis.lab.laptops import mounts_under
from tests.lab import need, need_programs, need_root, process_tree, read_until

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
MARKER = "<!-- walkthrough -->"
BACKGROUND = "[second terminal]"
SKIPPED = "[needs a terminal]"
#: Longest a single command may take (a playbook on every lab laptop, on a busy station).
COMMAND_TIMEOUT = 600.0
#: What the repository gives a fresh clone's walkthrough (its working directory links them).
CLONE_FILES = ("dev.py", ".venv", "examples", "pyproject.toml", "uv.lock")


@dataclass(frozen=True)
class Command:
    """One walkthrough command (continuation lines joined) and where it is in the README."""

    line: int
    text: str

    @property
    def background(self) -> bool:
        return BACKGROUND in self.text

    @property
    def skipped(self) -> bool:
        return SKIPPED in self.text


def walkthrough(text: str) -> list[Command]:
    """The commands of every ``sh`` block right after a walkthrough marker, in order."""
    lines = text.splitlines()
    out: list[Command] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == MARKER:
            assert lines[i + 1].strip() == "```sh", f"README.md:{i + 2}: ```sh expected"
            i += 2
            pending: list[str] = []
            start = 0
            while lines[i].strip() != "```":
                line = lines[i]
                if not pending:
                    start = i + 1
                if not pending and line.lstrip().startswith("#"):
                    i += 1  # a comment line continuing the previous command's comment
                    continue
                if line.endswith("\\"):
                    pending.append(line[:-1])
                else:
                    out.append(Command(start, " ".join([*pending, line]).strip()))
                    pending = []
                i += 1
        i += 1
    return out


def test_the_walkthrough_is_found_and_its_exceptions_are_few() -> None:
    commands = walkthrough(README.read_text(encoding="utf-8"))
    assert len(commands) > 30
    assert [c.text.split("#")[0].strip() for c in commands if c.background] == [
        "python3 dev.py lab"
    ]
    assert len([c for c in commands if c.skipped]) <= 3
    joined = "\n".join(c.text for c in commands)
    for step in ("crisis vault init", "crisis demo --lab", "crisis mailboxes setup"):
        assert step in joined
    assert "crisis assets set " in joined


class Shell:
    """One bash that runs the commands in turn, so `export` and `source` carry over."""

    def __init__(self, cwd: Path, env: dict[str, str], logs: Path) -> None:
        self.logs = logs
        self.proc = subprocess.Popen(
            ["bash", "--noprofile", "--norc"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.count = 0

    def run(self, command: str) -> tuple[int, str]:
        """Run one command (stdin closed, output to its own log); its status and output."""
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.count += 1
        log = self.logs / f"{self.count:03d}.log"
        done = f"__walkthrough_done_{self.count}__"
        self.proc.stdin.write(f"{{ {command}\n}} </dev/null >{log} 2>&1; echo {done} $?\n")
        self.proc.stdin.flush()
        seen: list[str] = []
        finished = read_until(self.proc.stdout, done, COMMAND_TIMEOUT, seen)
        output = log.read_text(errors="replace") if log.exists() else ""
        if not finished:
            return -1, output + f"\n(no end after {COMMAND_TIMEOUT:.0f} s)"
        return int(seen[-1].split()[-1]), output

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def clone(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A working directory like a fresh clone's, and a user environment with its own home
    (so ``~/.local/share/crisis-kit`` in the README is this test's)."""
    work = tmp_path / "clone"
    work.mkdir()
    for name in CLONE_FILES:
        (work / name).symlink_to(ROOT / name)
    # A home with a short path, as a user's is: OpenSSH's control sockets live under
    # ~/.ansible/cp, and a socket path has at most 107 bytes (a test folder is longer).
    home = Path(tempfile.mkdtemp(prefix="crisis-home-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if not (k.startswith("CRISIS_") or k.startswith("XDG_") or k == "VIRTUAL_ENV")
    }
    env["HOME"] = str(home)
    for keep in ("CRISIS_LAB_SUBNET_OFFSET", "CRISIS_LAB_CACHE", "CRISIS_LAB_REQUIRED"):
        if keep in os.environ:
            env[keep] = os.environ[keep]
    venv_bin = str(ROOT / ".venv" / "bin")
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin]
    # No Android phone can be plugged in here (lab.md): `crisis phones provision` meets the
    # clearly named FAKE adb of tests/integration/bin, under the name the tool calls.
    phone_bin = tmp_path / "phone-bin"
    phone_bin.mkdir()
    (phone_bin / "adb").symlink_to(ROOT / "tests" / "integration" / "bin" / "fake-adb")
    env["PATH"] = os.pathsep.join([str(phone_bin), *path])
    try:
        yield work, env
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.lab
def test_the_readme_walkthrough_runs_as_written(
    clone: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount", "openssl")
    work, env = clone
    commands = walkthrough(README.read_text(encoding="utf-8"))
    repository = _untracked()
    logs = tmp_path / "logs"
    logs.mkdir()
    lab: subprocess.Popen[str] | None = None
    shell = Shell(work, env, logs)
    try:
        for c in commands:
            if c.skipped:
                continue
            if c.background:
                assert lab is None, f"README.md:{c.line}: a second background command"
                lab = subprocess.Popen(
                    ["bash", "-c", f"exec {c.text}"],
                    cwd=work,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    start_new_session=True,
                )
                seen: list[str] = []
                assert lab.stdout is not None
                started = read_until(lab.stdout, "settings (credentials included", 600, seen)
                need(started, "the lab did not start:\n" + "".join(seen[-20:]))
                continue
            rc, output = shell.run(c.text)
            assert rc == 0, f"README.md:{c.line}: exit {rc}: {c.text}\n{output[-3000:]}"
    finally:
        shell.close()
        if lab is not None:
            _stop(lab)
    # What the walkthrough writes lands where the user is, never in the repository (seen:
    # `mailboxes return --export-dir ./x` exported into playbooks/x).
    assert _untracked() == repository


def _untracked() -> set[str]:
    """Files in the repository that git does not know (nor ignore)."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line[3:] for line in status.splitlines() if line.startswith("??")}


def _stop(lab: subprocess.Popen[str]) -> None:
    """SIGTERM the lab; it must stop cleanly, leaving no mount of its own behind."""
    pids = process_tree(lab.pid)
    roots = set()
    for pid in pids:
        try:
            root = Path(os.readlink(f"/proc/{pid}/root"))
        except OSError:
            continue
        if re.match(r"/var/tmp/crisis-lab-[^/]+/", f"{root}/"):
            roots.add(Path(*root.parts[:4]))
    lab.send_signal(signal.SIGTERM)
    try:
        assert lab.wait(180) == 0
    finally:
        if lab.poll() is None:
            lab.kill()
            lab.wait()
        if lab.stdout is not None:
            lab.stdout.close()
    for work in roots:
        assert mounts_under(work) == [], work
