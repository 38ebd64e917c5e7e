"""CSV rows: both formats, and every error names its line and field."""

from __future__ import annotations

from datetime import date

import pytest

from crisis.domain.asset_rows import COLUMNS, AssetDraft, detect_format, draft_to_row, normalise_mac
from crisis.domain.assets import AssetState, Category
from crisis.errors import ValidationError


def ours(**cells: str) -> AssetDraft:
    fmt = detect_format(list(cells), "f.csv:1")
    return fmt.parse(list(cells.values()), "f.csv:7")


def test_our_format_parses_a_phone() -> None:
    d = ours(
        tag="AMP-TEL-1",
        category="phone",
        imei="35 123456 789012 3",
        iccid="8933000000000000001",
        mac_addresses="AA-BB-CC-DD-EE-FF; aabb.ccdd.ee00",
        purchase_date="2024-02-09",
    )
    assert d.category is Category.PHONE
    assert d.imei == "351234567890123"
    assert d.mac_addresses == ("aa:bb:cc:dd:ee:ff", "aa:bb:cc:dd:ee:00")
    assert d.purchase_date == date(2024, 2, 9)
    assert d.state is AssetState.IN_STOCK


@pytest.mark.parametrize(
    ("cells", "field", "words"),
    [
        ({"tag": "", "category": "laptop"}, "tag", "required"),
        ({"tag": "A1", "category": "toaster"}, "category", "unknown value 'toaster'"),
        (
            {"tag": "A1", "category": "laptop", "purchase_date": "31/02/2024"},
            "purchase_date",
            "not a date",
        ),
        ({"tag": "A1", "category": "phone", "imei": "123"}, "imei", "IMEI"),
        ({"tag": "A1", "category": "laptop", "mac_addresses": "zz:zz"}, "mac_addresses", "MAC"),
        (
            {"tag": "A1", "category": "laptop", "state": "on_loan"},
            "state",
            "cannot start as on_loan",
        ),
        ({"tag": "A1", "category": "laptop", "attributes": "[1]"}, "attributes", "JSON object"),
        ({"tag": "A 1", "category": "laptop"}, "tag", "not a valid asset tag"),
    ],
)
def test_bad_cells_name_line_and_field(cells: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as err:
        ours(**cells)
    assert err.value.where == f"f.csv:7, field '{field}'"
    assert words in str(err.value)


def test_header_errors_name_the_column() -> None:
    with pytest.raises(ValidationError, match="unknown column 'colour'"):
        detect_format(["tag", "category", "colour"], "f.csv:1")
    with pytest.raises(ValidationError, match="missing required column 'category'"):
        detect_format(["tag", "serial"], "f.csv:1")


def test_wrong_number_of_cells() -> None:
    fmt = detect_format(["tag", "category"], "f.csv:1")
    with pytest.raises(ValidationError, match="has 3 columns, the header has 2"):
        fmt.parse(["A", "laptop", "extra"], "f.csv:3")


def test_snipe_it_export_maps_titles_categories_statuses_and_keeps_extras() -> None:
    header = [
        "Asset Tag",
        "Serial",
        "Category",
        "Manufacturer",
        "Model",
        "Status",
        "Company",
        "Purchase Date",
    ]
    fmt = detect_format(header, "s.csv:1")
    assert fmt.name == "snipe-it"
    d = fmt.parse(
        [
            "PC-9",
            "ABC123",
            "Ordinateurs portables",
            "Dell",
            "Latitude",
            "Deployed",
            "Ville",
            "2023-05-01 00:00:00",
        ],
        "s.csv:2",
    )
    assert (d.tag, d.serial, d.category, d.manufacturer, d.model) == (
        "PC-9",
        "ABC123",
        Category.LAPTOP,
        "Dell",
        "Latitude",
    )
    assert d.state is AssetState.QUARANTINE  # deployed elsewhere: sanitise before lending
    assert d.attributes == {"Company": "Ville"}
    assert d.purchase_date == date(2023, 5, 1)
    with pytest.raises(ValidationError) as err:
        fmt.parse(["PC-10", "X", "Printers", "", "", "", "", ""], "s.csv:3")
    assert err.value.where == "s.csv:3, field 'Category'"


def test_row_round_trip() -> None:
    d = ours(
        tag="T",
        category="switch",
        mgmt_address="127.0.0.1",
        mac_addresses="00:11:22:33:44:55",
        attributes='{"ports": 48}',
    )
    fmt = detect_format(list(COLUMNS), "x:1")
    assert fmt.parse(draft_to_row(d), "x:2") == d


def test_normalise_mac_rejects_short() -> None:
    with pytest.raises(ValueError, match="not a MAC"):
        normalise_mac("00:11:22")
