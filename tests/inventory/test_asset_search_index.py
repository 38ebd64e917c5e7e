"""The trigram index behind the inventory filter: the same results as the plain LIKE filter
for every kind of filter, counts capped, the index kept in step with the table (both
backends; the FTS5 table is SQLite's, the pg_trgm index PostgreSQL's)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import text

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import AssetState, Category
from crisis.l10n import format_count
from crisis.services import asset_import, assets
from crisis.services.workspace import Workspace
from inventory.repo.assets import COUNT_CAP

HEADER = ["tag", "serial", "category", "manufacturer", "model", "location", "state"]
ROWS = [
    ["PC-001", "SN-A1", "laptop", "Dell", "Latitude 5440", "Entrepôt Nord", "in_stock"],
    ["PC-002", "SN-A2", "laptop", "Lenovo", "ThinkPad T14", "Entrepôt Sud", "in_stock"],
    ["PC-003", "SN_100%", "laptop", "Lenovo", "ThinkPad X1", 'Salle "B" 12', "quarantine"],
    ["TEL-01", "IMEI-ÉTÉ", "phone", "Samsung", "Galaxy A54", "Mairie d'Arles", "in_stock"],
    ["TEL-02", "S2", "phone", "Apple", "iPhone 13", "Entrepôt Nord", "damaged"],
    ["SW-1", "", "switch", "Cisco", "Catalyst 2960", "Baie 1", "in_stock"],
]
# Short words (no trigram), long ones, mixed, LIKE wildcards and quotes taken literally,
# accents and case, words straddling two fields, nothing at all.
FILTERS = [
    "", "a", "t1", "no", "lenovo", "LENOVO", "thinkpad t1", "entrepôt", "ENTREPÔT nord",
    "été", "_", "%", "100%", "sn_1", '"b"', "d'arles", "dell latitude", "pc-00", "galaxy z",
    "5440 entrepôt", "sw-1 cisco 2960", "x", "zzz", "ôt n", "apple 13", "s2",
]  # fmt: skip


def expected(search_texts: dict[str, str], filter_text: str) -> list[str]:
    """What the filter has always meant: every lower-cased word a substring of the text."""
    words = filter_text.lower().split()
    return sorted(tag for tag, s in search_texts.items() if all(w in s for w in words))


@pytest.fixture
def stock(ws: Workspace, tmp_path: Path) -> Workspace:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADER)
    w.writerows(ROWS)
    path = tmp_path / "stock.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    asset_import.import_csv(ws, path)
    return ws


def search_texts(ws: Workspace) -> dict[str, str]:
    with ws.db.session() as s:
        return {str(t): str(x) for t, x in s.execute(text("SELECT tag, search FROM asset"))}


@pytest.mark.parametrize("words", FILTERS)
def test_the_index_gives_what_the_plain_filter_gives(stock: Workspace, words: str) -> None:
    want = expected(search_texts(stock), words)
    page = assets.list_assets(stock, words)
    assert [r.tag for r in page.rows] == want
    assert (page.total, page.total_capped) == (len(want), False)
    assert assets.count_assets(stock, words) == (len(want), False)
    first = assets.list_assets(stock, words, limit=1, count=False)
    assert [r.tag for r in first.rows] == want[:1]
    assert first.total in (None, len(want))


def test_category_and_state_narrow_with_the_words(stock: Workspace) -> None:
    page = assets.list_assets(stock, "entrepôt", category=Category.PHONE)
    assert [r.tag for r in page.rows] == ["TEL-02"]
    page = assets.list_assets(stock, "lenovo", state=AssetState.QUARANTINE)
    assert [r.tag for r in page.rows] == ["PC-003"]
    assert assets.count_assets(stock, "lenovo", state=AssetState.IN_STOCK) == (1, False)


def test_the_index_follows_adds_changes_and_removals(stock: Workspace) -> None:
    assets.add_asset(stock, AssetDraft(tag="PC-777", category=Category.LAPTOP, serial="QWERTY9"))
    assert [r.tag for r in assets.list_assets(stock, "qwerty").rows] == ["PC-777"]
    with stock.db.session(write=True) as s:
        s.execute(text("UPDATE asset SET search = 'pc-777 azerty8 laptop' WHERE tag = 'PC-777'"))
    assert assets.list_assets(stock, "qwerty").total == 0
    assert [r.tag for r in assets.list_assets(stock, "azerty").rows] == ["PC-777"]
    with stock.db.session(write=True) as s:
        s.execute(text("DELETE FROM asset WHERE tag = 'PC-777'"))
    assert assets.list_assets(stock, "azerty").total == 0
    assert [r.tag for r in assets.list_assets(stock, "lenovo").rows] == ["PC-002", "PC-003"]
    with stock.db.session() as s:
        if s.get_bind().dialect.name == "sqlite":  # FTS5 checks itself against the table
            s.execute(text("INSERT INTO asset_fts(asset_fts, rank) VALUES ('integrity-check', 1)"))


def test_a_count_stops_at_the_cap_and_says_so(ws: Workspace, tmp_path: Path) -> None:
    n = COUNT_CAP + 50
    path = tmp_path / "many.csv"
    lines = [f"B-{i:05},laptop,Lenovo,ThinkPad\n" for i in range(n)]
    lines += [f"R-{i:05},laptop,Dell,Rare\n" for i in range(3)]
    path.write_text("tag,category,manufacturer,model\n" + "".join(lines), encoding="utf-8")
    asset_import.import_csv(ws, path)
    for words in ("", "lenovo", "b-0", "b", "thinkpad laptop"):
        page = assets.list_assets(ws, words, limit=20)
        assert len(page.rows) == 20
        assert (page.total, page.total_capped) == (COUNT_CAP, True), words
        assert assets.count_assets(ws, words) == (COUNT_CAP, True)
    page = assets.list_assets(ws, "rare", limit=20)
    assert ([r.tag for r in page.rows], page.total) == (["R-00000", "R-00001", "R-00002"], 3)
    # The last page of a long filter counts itself exactly.
    page = assets.list_assets(ws, "lenovo", offset=n - 5, limit=20)
    assert (len(page.rows), page.total, page.total_capped) == (5, n, False)
    assert format_count(COUNT_CAP, "fr", at_least=True) == "1\u202f000+"
    assert format_count(COUNT_CAP, "en", at_least=True) == "1,000+"
