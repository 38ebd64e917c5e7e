"""The benchmarks run, small, so they never rot between two measuring sessions."""

from __future__ import annotations

from bench import cli_startup
from bench import documents as documents_bench


def test_the_documents_bench_runs_and_its_bundle_verifies() -> None:
    figures = documents_bench.run(items=24, count=3)
    assert figures.items == 24
    assert figures.verified, "the bench's audit bundle did not verify"
    assert figures.documents == 3
    assert figures.pages >= 1
    assert figures.baseline > 0
    assert figures.seal > 0


def test_the_cli_startup_bench_runs() -> None:
    (figures,) = cli_startup.run(repeats=1, conditions=("installed",), laptops=5, phones=5)
    assert figures.baseline > 0
    assert set(figures.cpu) == {"crisis --help", "crisis assets list", "crisis dashboard"}
    assert all(cpu > 0 for cpu in figures.cpu.values())
