"""Filtered pages of the inventory, with the count given at once or left for later."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisis.domain.assets import Category
from crisis.services import asset_import, assets
from crisis.services.workspace import Workspace

HEADER = "tag,serial,category,manufacturer,model,location\n"
SIDES = ("Nord", "Sud", "Est")


@pytest.fixture
def stock(ws: Workspace, tmp_path: Path) -> Workspace:
    lines = [f"PC-{i:03},S{i},laptop,Dell,Latitude,Entrepôt {SIDES[i % 3]}\n" for i in range(30)]
    lines += [f"TEL-{i:03},T{i},phone,Samsung,Galaxy,Entrepôt Sud\n" for i in range(12)]
    csv = tmp_path / "stock.csv"
    csv.write_text(HEADER + "".join(lines))
    asset_import.import_csv(ws, csv)
    return ws


def test_every_word_narrows_the_page(stock: Workspace) -> None:
    page = assets.list_assets(stock, "entrepôt sud dell")
    assert [r.tag for r in page.rows] == [f"PC-{i:03}" for i in range(1, 30, 3)]
    assert page.total == 10
    assert assets.list_assets(stock, "galaxy", category=Category.LAPTOP).total == 0


def test_a_full_page_leaves_the_count_for_later(stock: Workspace) -> None:
    # "de" (Dell, Latitude): under 3 characters, no trigram, the covering index is walked.
    page = assets.list_assets(stock, "de", limit=5, count=False)
    assert [r.tag for r in page.rows] == [f"PC-{i:03}" for i in range(5)]
    assert page.total is None  # the page filled up before the matches ran out
    assert assets.count_assets(stock, "de") == (30, False)
    assert assets.list_assets(stock, "de", limit=5).total == 30
    # A longer word: SQLite picks the page among the index's candidates, counted at once.
    page = assets.list_assets(stock, "dell", limit=5, count=False)
    assert [r.tag for r in page.rows] == [f"PC-{i:03}" for i in range(5)]
    assert page.total in (None, 30)
    assert assets.count_assets(stock, "dell") == (30, False)


def test_a_page_that_is_not_full_counts_itself(stock: Workspace) -> None:
    page = assets.list_assets(stock, "galaxy", limit=50, count=False)
    assert (len(page.rows), page.total) == (12, 12)
    assert assets.list_assets(stock, "nothing-like-it", count=False).total == 0
