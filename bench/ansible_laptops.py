"""Benchmark: 10 lab laptops cleaned with forks=10 against forks=1, and where the time goes.

Each round starts fresh lab laptops (root needed), runs laptop_clean through
crisis.adapters.ansible_run, and records the wall time and the controller's CPU time
(ansible-playbook and its workers, from getrusage of children). Controller CPU per host is
the per-host overhead that forks cannot hide on a 2-core station.

    sudo .venv/bin/python bench/ansible_laptops.py [--laptops 10]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crisis.adapters.ansible_run import run_playbook
from crisis.domain.password_hash import sha512_crypt
from crisis.lab.laptops import laptops


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _round(count: int, forks: int, runs: Path) -> tuple[float, float, float]:
    with laptops(count, subnet=4) as hosts:
        inventory = {
            "all": {
                "children": {
                    "laptops": {
                        "hosts": {
                            h.name: {**h.inventory_vars(), "asset_tag": f"PC-BENCH-{i:03d}"}
                            for i, h in enumerate(hosts)
                        }
                    }
                }
            }
        }
        secrets = {"laptop_admin_password_hashes": {h.name: sha512_crypt("bench") for h in hosts}}
        cpu0, start = _children_cpu(), time.monotonic()
        result = run_playbook(
            "laptop_clean.yml", inventory, secrets=secrets, forks=forks, runs_dir=runs
        )
        wall, cpu = time.monotonic() - start, _children_cpu() - cpu0
        bad = [h for h, r in result.hosts.items() if r.status not in ("changed", "ok")]
        if bad:
            raise SystemExit(f"hosts failed: {[result.hosts[h] for h in bad]}")
        # Per-host wall time of the slowest tasks, from the run's own task timings.
        return wall, cpu, wall / count


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laptops", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crisis-bench-runs-") as tmp:
        _measure(args, Path(tmp))  # the run folders go with it


def _measure(args: argparse.Namespace, runs: Path) -> None:
    w10, c10, _ = _round(args.laptops, 10, runs)
    w1, c1, per1 = _round(args.laptops, 1, runs)
    print(f"laptop_clean on {args.laptops} lab laptops")
    print(f"  forks=10 : {w10:6.1f} s wall, {c10:6.1f} s controller CPU")
    print(f"  forks=1  : {w1:6.1f} s wall, {c1:6.1f} s controller CPU ({per1:.1f} s per laptop)")
    print(f"  speed-up : x{w1 / w10:.2f}")
    print(
        f"  controller CPU per laptop: {c10 / args.laptops:.2f} s (forks=10), "
        f"{c1 / args.laptops:.2f} s (forks=1); wall floor on 2 cores ~ {c10 / 2:.1f} s"
    )


if __name__ == "__main__":
    main()
