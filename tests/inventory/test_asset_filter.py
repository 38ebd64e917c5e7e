"""The assets filter is bounded before any query: the same clear error on both backends."""

from __future__ import annotations

import re

import pytest

from crisis.errors import ValidationError
from crisis.services import assets
from crisis.services.workspace import Workspace


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x" * 60_000, "filter: 60000 characters, 500 at most"),
        (" ".join(f"w{i}" for i in range(500)), "filter: 2389 characters, 500 at most"),
        (" ".join("w" * 200), "filter: 200 words, 32 at most"),
        ("a\x00b", "filter: holds the control character U+0000"),
    ],
    ids=["60000-characters", "500-words", "200-short-words", "nul"],
)
def test_a_hostile_filter_is_a_clear_error(ws: Workspace, text: str, expected: str) -> None:
    for search in (assets.list_assets, assets.count_assets):
        with pytest.raises(ValidationError, match=re.escape(expected)):
            search(ws, text)


def test_a_long_real_search_still_runs(ws: Workspace) -> None:
    words = " ".join(f"w{i}" for i in range(32))
    assert assets.list_assets(ws, words).total == 0
    assert assets.count_assets(ws, words) == (0, False)
