"""The benchmarks run, small, so they never rot between two measuring sessions."""

from __future__ import annotations

from bench import documents as documents_bench


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
