"""The labels benchmark runs (a small count): every label made, the figures measured."""

from __future__ import annotations

from bench.labels import run


def test_the_labels_bench_runs_on_a_small_count() -> None:
    f = run(25)
    assert f.count == 25
    for seconds in (f.sheets, f.tape, f.qr_alone, f.qr_default, f.sheets_cpu):
        assert seconds > 0
    assert f.sheet_bytes > 25 * 500  # two symbols per label, drawn as vectors
