"""Tag normalisation and natural order."""

from __future__ import annotations

from crisis.domain.tags import normalise_tag, sorted_tags, tag_key


def test_normalise() -> None:
    assert normalise_tag("  lap-0007\t") == "LAP-0007"


def test_natural_order() -> None:
    tags = ["LAP-10", "lap-2", "PHN-1", "LAP-1", "LAP-01", "LAP", "SW-1A", "SW-1"]
    assert sorted_tags(tags) == [
        "LAP",
        "LAP-1",
        "LAP-01",
        "lap-2",
        "LAP-10",
        "PHN-1",
        "SW-1",
        "SW-1A",
    ]
    assert sorted_tags(reversed(tags)) == sorted_tags(tags)


def test_equal_numbers_written_differently_have_different_keys() -> None:
    assert tag_key("LAP-1") != tag_key("LAP-01")
