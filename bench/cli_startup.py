"""CPU time of the command line's start-up: `crisis --help`, `crisis assets list`,
`crisis dashboard` on the demo inventory.

Run: .venv/bin/python -m bench.cli_startup [REPEATS]
Goals (issue 17): `crisis --help` ≤ 0.35 s CPU; a read command ≤ 1.5× the baseline.
Baseline in the same run: `python -c 'import sqlalchemy'` (same interpreter, same environment).

Each figure is the user + system CPU time of a child process (its own rusage, so the load of
other work on the machine counts as little as it can), the median of REPEATS runs; the
commands take turns, so a change of load falls on all of them alike. Two conditions:

- ``dev``: bytecode is neither written nor read from a cache prefix (``PYTHONDONTWRITEBYTECODE=1``,
  as in this development environment): every module without a ``__pycache__`` is compiled
  at each start, baseline included;
- ``installed``: bytecode cached (in a temporary ``PYTHONPYCACHEPREFIX``, written by a first
  run), as an installed tool runs from its second start on.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

#: Runs the ``crisis`` script's entry point, as the installed script does.
LAUNCH = "import sys; sys.argv[0] = 'crisis'; from tui.launcher import main; main()"
BASELINE = "import sqlalchemy"
HELP_GOAL_S = 0.35
READ_GOAL_RATIO = 1.5
CONDITIONS = ("dev", "installed")


@dataclass
class Figures:
    """Median CPU seconds per command (and the baseline) under one condition."""

    condition: str
    baseline: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)

    def ratio(self, name: str) -> float:
        """A command's CPU time over the baseline's."""
        return self.cpu[name] / self.baseline


def commands(db: Path) -> dict[str, list[str]]:
    """The measured command lines, by name (the baseline first)."""
    crisis = [sys.executable, "-c", LAUNCH]
    return {
        "baseline: python -c 'import sqlalchemy'": [sys.executable, "-c", BASELINE],
        "crisis --help": [*crisis, "--help"],
        "crisis assets list": [*crisis, "--db", str(db), "assets", "list"],
        "crisis dashboard": [*crisis, "--db", str(db), "dashboard"],
    }


def environment(condition: str, tmp: Path) -> dict[str, str]:
    """The children's environment: isolated data folder, French (the default language)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRISIS_", "PYTHONPYCACHE"))}
    env["CRISIS_DATA_DIR"] = str(tmp / "data")
    env["COLUMNS"] = "100"
    if condition == "dev":
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def child_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(user + system CPU seconds, wall seconds) of one run of `cmd`, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or (not done.stdout.strip() and "sqlalchemy" not in cmd[-1]):
        raise SystemExit(f"{' '.join(cmd[2:])} failed ({done.returncode}): {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def measure(condition: str, db: Path, tmp: Path, repeats: int) -> Figures:
    """Median CPU (and wall) seconds of each command under `condition`."""
    env = environment(condition, tmp)
    lines = commands(db)
    for cmd in lines.values():
        child_cpu(cmd, env)  # warm-up: file cache, and bytecode where it is cached
    cpus: dict[str, list[float]] = {name: [] for name in lines}
    walls: dict[str, list[float]] = {name: [] for name in lines}
    for _ in range(repeats):
        for name, cmd in lines.items():
            cpu, wall = child_cpu(cmd, env)
            cpus[name].append(cpu)
            walls[name].append(wall)
    base, *_ = lines
    figures = Figures(condition, baseline=statistics.median(cpus.pop(base)))
    walls.pop(base)
    figures.cpu = {name: statistics.median(v) for name, v in cpus.items()}
    figures.wall = {name: statistics.median(v) for name, v in walls.items()}
    return figures


def demo_inventory(tmp: Path, laptops: int, phones: int) -> Path:
    """A demo inventory (the Métropole, five towns, stock) for the read commands."""
    from crisis.services.demo import seed_demo
    from crisis.services.workspace import open_workspace

    db = tmp / "demo.sqlite3"
    ws = open_workspace(str(db), "bench")
    seed_demo(ws, laptops=laptops, phones=phones)
    ws.db.dispose()
    return db


def run(
    repeats: int = 7,
    conditions: tuple[str, ...] = CONDITIONS,
    laptops: int = 300,
    phones: int = 200,
) -> list[Figures]:
    """Measure every command under each condition, in a temporary folder removed after."""
    with tempfile.TemporaryDirectory(prefix="crisis-bench-") as name:
        tmp = Path(name)
        db = demo_inventory(tmp, laptops, phones)
        return [measure(c, db, tmp, repeats) for c in conditions]


def report(all_figures: list[Figures], repeats: int) -> None:
    """Print each condition's table: ours beside the baseline, the ratio, the goal."""
    for f in all_figures:
        print(f"\n[{f.condition}] median of {repeats} runs, CPU = user + sys of the child")
        print(f"{'command':40}{'CPU s':>8}{'× baseline':>12}{'wall s':>9}  goal")
        print(f"{'baseline: python -c import sqlalchemy':40}{f.baseline:>8.3f}{1:>12.2f}")
        for name, cpu in f.cpu.items():
            if name == "crisis --help":
                goal = f"≤ {HELP_GOAL_S} s: {'met' if cpu <= HELP_GOAL_S else 'NOT met'}"
            else:
                met = f.ratio(name) <= READ_GOAL_RATIO
                goal = f"≤ {READ_GOAL_RATIO}× baseline: {'met' if met else 'NOT met'}"
            print(f"{name:40}{cpu:>8.3f}{f.ratio(name):>12.2f}{f.wall[name]:>9.3f}  {goal}")


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    before = os.getloadavg()
    figures = run(repeats)
    after = os.getloadavg()
    print(
        f"load average before {before[0]:.2f}, after {after[0]:.2f} (1 min); {os.cpu_count()} CPUs"
    )
    report(figures, repeats)


if __name__ == "__main__":
    main()
