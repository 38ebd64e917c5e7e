"""Helpers shared by the benchmarks: timing, peak memory, a CSV of synthetic assets."""

from __future__ import annotations

import csv
import random
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from crisis.domain.asset_rows import COLUMNS


@contextmanager
def timed() -> Iterator[list[float]]:
    """Yields a list that holds the elapsed seconds, then the CPU seconds of this process
    (user + system), when the block ends. On a shared machine the CPU time is the steadier."""
    out = [0.0, 0.0]
    start, cpu = time.perf_counter(), cpu_seconds()
    yield out
    out[:] = [time.perf_counter() - start, cpu_seconds() - cpu]


def cpu_seconds() -> float:
    """CPU time of this process so far (user + system), in seconds."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(n: int, fn: Callable[[], object]) -> float:
    """The fastest of `n` runs, in seconds."""
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def best_cpu_of(n: int, fn: Callable[[], object]) -> tuple[float, float]:
    """The fastest of `n` runs in wall time and in CPU time of this process, in seconds
    (on a machine shared with other work the CPU time is the steadier figure)."""
    wall = cpu = float("inf")
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        fn()
        cpu = min(cpu, time.process_time() - c)
        wall = min(wall, time.perf_counter() - t)
    return wall, cpu


def synthetic_rows(n: int, seed: int = 7) -> Iterator[list[str]]:
    """`n` valid asset rows in our CSV columns (laptops and phones)."""
    rnd = random.Random(seed)
    makes = [("Dell", "Latitude 5440"), ("Lenovo", "ThinkPad T14"), ("Samsung", "Galaxy A54")]
    for i in range(n):
        make, model = makes[i % 3]
        phone = make == "Samsung"
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            tag=f"B-{i:07d}",
            serial=f"S{i:09d}",
            category="phone" if phone else "laptop",
            manufacturer=make,
            model=model,
            imei=f"35{rnd.randrange(10**13):013d}" if phone else "",
            mac_addresses=""
            if phone
            else f"00:1b:21:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}",
            state="in_stock",
            condition="good",
            location=f"Entrepôt {i % 17}",
            purchase_date="2024-03-01",
        )
        yield [row[c] for c in COLUMNS]


def write_csv(path: Path, n: int) -> None:
    """A CSV file of `n` synthetic assets with our header."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(synthetic_rows(n))


def load_average() -> str:
    """The 1, 5 and 15-minute load averages, as printed beside the figures."""
    import os

    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """The statements `engine` sends to its database while the block runs, one entry per
    round trip the driver makes for them (an ``executemany`` is one: psycopg pipelines it,
    SQLite runs it in process)."""
    seen: list[str] = []

    def on_execute(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
