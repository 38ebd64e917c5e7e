"""The benchmarks run, small, so they never rot between two measuring sessions."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import cli_startup, lifecycle_kit, load_stations
from bench import documents as documents_bench
from bench import journal_verify as journal_bench
from crisis.lab.postgres import find_bindir


def test_the_documents_bench_runs_and_its_bundle_verifies() -> None:
    figures = documents_bench.run(items=24, count=3)
    assert figures.items == 24
    assert figures.verified, "the bench's audit bundle did not verify"
    assert figures.documents == 3
    assert figures.pages >= 1
    assert figures.baseline > 0
    assert figures.seal > 0


def test_the_import_bench_runs_both_ways() -> None:
    from bench import import_assets

    f = import_assets.run(300)
    assert f.rows == 300
    assert min(f.raw_s, f.same_s, f.ours_s) > 0  # figures not judged here: it runs
    assert f.ours_mb > 0


def test_the_page_bench_runs_every_filter() -> None:
    from bench import page_query

    lines = page_query.run(600, rounds=1)
    assert len(lines) == len(page_query.FILTERS)
    assert all(x.ours_ms > 0 and x.raw_ms > 0 for x in lines)
    assert lines[0].matches == "600"  # no filter: every asset, exactly (under the cap)


@pytest.fixture
def private_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The system's temporary folder, for this test alone: a bench leaving anything there is
    seen (traversable by the postgres user, who runs the benches' servers)."""
    base = Path(tempfile.mkdtemp(prefix="crisis-bench-check-"))
    base.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _needs_postgres() -> None:
    if find_bindir() is None:
        pytest.skip("PostgreSQL server is not installed (Debian package postgresql)")


def test_the_kit_bench_runs_within_its_round_trips_and_leaves_nothing(private_tmp: Path) -> None:
    _needs_postgres()
    results = lifecycle_kit.run(30, postgres=True)
    assert set(results) == {"SQLite", "PostgreSQL"}
    pg = results["PostgreSQL"]
    assert pg["return"] > 0
    assert pg["baseline: raw UPDATE of the 30 rows"] > 0
    assert pg[lifecycle_kit.RETURN_STATEMENTS] <= 10
    assert list(private_tmp.iterdir()) == []  # neither the SQLite file nor the cluster


def test_the_journal_bench_runs_on_one_core_and_leaves_nothing(private_tmp: Path) -> None:
    affinity = os.sched_getaffinity(0)
    results = journal_bench.run(3_000)
    assert set(results) == {
        "hashlib alone, same bytes in memory",
        "previous walk (fields joined in Python)",
        "crisis journal verify",
    }
    assert all(t.wall > 0 for t in results.values())
    assert os.sched_getaffinity(0) == affinity
    assert list(private_tmp.iterdir()) == []


def test_the_load_bench_proves_the_inventory_consistent_and_leaves_nothing(
    private_tmp: Path,
) -> None:
    _needs_postgres()
    f = load_stations.run(stations=3, seconds=3, devices=120)
    assert f.loaded.stations == 3
    assert f.loaded.scans > 0, f.loaded.failures
    assert f.loaded.latencies["scan return"]
    assert f.alone.latencies["hand over"]
    pr = f.proofs
    assert pr.loans >= 2
    assert pr.allocated_twice == []
    assert pr.lost_updates == []
    assert pr.inconsistent_loans == []
    assert pr.journal_problems == []
    assert list(private_tmp.iterdir()) == []


def test_the_cli_startup_bench_runs() -> None:
    (figures,) = cli_startup.run(repeats=1, conditions=("installed",), laptops=5, phones=5)
    assert figures.baseline > 0
    assert set(figures.cpu) == {"crisis --help", "crisis assets list", "crisis dashboard"}
    assert all(cpu > 0 for cpu in figures.cpu.values())
