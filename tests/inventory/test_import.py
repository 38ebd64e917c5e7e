"""CSV import: all or nothing, errors that name line and field, streamed (both backends)."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from crisis.domain.assets import AssetState
from crisis.errors import NotFoundError, ValidationError
from crisis.services import asset_export, asset_import, assets, journal
from crisis.services.workspace import Workspace

HEADER = "tag,serial,category,manufacturer,model,state,purchase_date,mac_addresses\n"
GOOD = [
    "PC-1,SN1,laptop,Dell,Latitude 5440,in_stock,2024-01-05,00:11:22:33:44:01\n",
    "PC-2,SN2,laptop,Dell,Latitude 5440,,2024-01-05,\n",
    "TEL-1,SN3,phone,Samsung,Galaxy A54,quarantine,,\n",
]


def write(tmp_path: Path, body: str | bytes, name: str = "stock.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(body if isinstance(body, bytes) else body.encode())
    return p


def snapshot(ws: Workspace) -> tuple[int, int, str]:
    v = journal.verify_journal(ws)
    return assets.list_assets(ws, limit=1).total, v.events, v.head_hash


def test_good_file_is_imported_and_journaled_once(ws: Workspace, tmp_path: Path) -> None:
    r = asset_import.import_csv(ws, write(tmp_path, HEADER + "".join(GOOD)))
    assert (r.rows, r.format) == (3, "crisis")
    page = assets.list_assets(ws, "latitude")
    assert [a.tag for a in page.rows] == ["PC-1", "PC-2"]
    d = assets.get_asset(ws, "TEL-1")
    assert d.state is AssetState.QUARANTINE
    assert [e.action for e in d.history] == ["assets.imported"]
    event = d.history[0].after
    assert (event["rows"], event["sha256"]) == (3, r.sha256)
    assert "tags" not in event  # a digest of the rows, not every tag: one small event
    # The digest, computed here from the rows as written: identity values in file order.
    lines = [
        "PC-1\x1fSN1\x1flaptop\x1fDell\x1fLatitude 5440\x1f\x1f\x1f\x1f\x1f2024-01-05\x1f\x1e",
        "PC-2\x1fSN2\x1flaptop\x1fDell\x1fLatitude 5440\x1f\x1f\x1f\x1f\x1f2024-01-05\x1f\x1e",
        "TEL-1\x1fSN3\x1fphone\x1fSamsung\x1fGalaxy A54\x1f\x1f\x1f\x1f\x1f\x1f\x1e",
    ]
    assert event["rows_sha256"] == hashlib.sha256("".join(lines).encode()).hexdigest()
    assert asset_import.check_import(ws, r.event_seq).ok
    assert journal.verify_journal(ws).ok


def test_the_import_digest_finds_a_row_changed_behind_the_journal(
    ws: Workspace, tmp_path: Path
) -> None:
    r = asset_import.import_csv(ws, write(tmp_path, HEADER + "".join(GOOD)))
    with ws.db.session(write=True) as s:
        s.execute(text("UPDATE asset SET serial = 'SN9' WHERE tag = 'PC-2'"))
    check = asset_import.check_import(ws, r.event_seq)
    assert (check.rows, check.rows_found) == (3, 3)
    assert not check.ok
    with ws.db.session(write=True) as s:
        s.execute(text("DELETE FROM asset WHERE tag = 'TEL-1'"))
    assert asset_import.check_import(ws, r.event_seq).rows_found == 2
    with pytest.raises(NotFoundError):
        asset_import.check_import(ws, r.event_seq + 1)


@pytest.mark.parametrize(
    ("late", "expected"),
    [
        ("PC-5,SX,laptop,,,,,\n", "field 'tag': duplicate asset tag 'PC-5' (already on line 8)"),
        ("PC-X,S5,laptop,,,,,\n", "field 'serial': duplicate serial 'S5' (already on line 8)"),
    ],
)
def test_a_duplicate_of_an_earlier_chunk_names_both_lines(
    ws: Workspace, tmp_path: Path, late: str, expected: str
) -> None:
    rows = [f"PC-{i},S{i},laptop,,,,,\n" for i in range(asset_import.CHUNK + 10)]
    body = HEADER + "\n" + "".join(rows) + late  # a blank line: lines are not row numbers
    with pytest.raises(ValidationError) as err:
        asset_import.import_csv(ws, write(tmp_path, body))
    assert f"stock.csv:{len(rows) + 3}, {expected}" in str(err.value)
    assert snapshot(ws)[:2] == (0, 0)


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ("PC-9,SN9,toaster,,,,,\n", "stock.csv:5, field 'category': unknown value 'toaster'"),
        (",SN9,laptop,,,,,\n", "stock.csv:5, field 'tag': required field is empty"),
        (
            "PC-1,SN9,laptop,,,,,\n",
            "stock.csv:5, field 'tag': duplicate asset tag 'PC-1' (already on line 2)",
        ),
        (
            "PC-9,SN2,laptop,,,,,\n",
            "stock.csv:5, field 'serial': duplicate serial 'SN2' (already on line 3)",
        ),
        ("PC-9,SN9,laptop,,,,2024-13-01,\n", "stock.csv:5, field 'purchase_date': not a date"),
        ("PC-9,SN9,laptop,,,\n", "stock.csv:5: has 6 columns, the header has 8"),
    ],
)
def test_one_bad_row_rejects_the_whole_file(
    ws: Workspace, tmp_path: Path, bad_line: str, expected: str
) -> None:
    before = snapshot(ws)
    with pytest.raises(ValidationError) as err:
        asset_import.import_csv(ws, write(tmp_path, HEADER + "".join(GOOD) + bad_line))
    assert expected in str(err.value)
    assert snapshot(ws) == before


def test_bad_encoding_names_the_line(ws: Workspace, tmp_path: Path) -> None:
    # UTF-8 (an "é" on line 2) mixed with a Windows-1252 "é" on line 3: neither encoding.
    body = (HEADER + "PC-1,SNé,laptop,,,,,\n").encode() + "PC-3,SN\xe9,laptop,,,,,\n".encode(
        "latin-1"
    )
    with pytest.raises(
        ValidationError, match=r"stock.csv:3, field 'serial': not valid UTF-8 \(byte 0xe9"
    ):
        asset_import.import_csv(ws, write(tmp_path, body))
    assert assets.list_assets(ws).total == 0


def test_tags_already_in_the_inventory_are_refused(ws: Workspace, tmp_path: Path) -> None:
    asset_import.import_csv(ws, write(tmp_path, HEADER + GOOD[0]))
    before = snapshot(ws)
    with pytest.raises(
        ValidationError, match=re.escape("stock.csv:3, field 'tag': asset tag 'PC-1' is already")
    ):
        asset_import.import_csv(ws, write(tmp_path, HEADER + GOOD[1] + GOOD[0]))
    assert snapshot(ws) == before


def test_a_late_error_after_many_chunks_still_leaves_nothing(ws: Workspace, tmp_path: Path) -> None:
    rows = [f"PC-{i},S{i},laptop,,,,,\n" for i in range(asset_import.CHUNK * 2 + 10)]
    with pytest.raises(ValidationError, match=f"stock.csv:{len(rows) + 2}, field 'category'"):
        asset_import.import_csv(ws, write(tmp_path, HEADER + "".join(rows) + "X,Y,chair,,,,,\n"))
    assert snapshot(ws)[:2] == (0, 0)


def test_snipe_it_export_is_imported(ws: Workspace, tmp_path: Path) -> None:
    body = (
        "Asset Tag,Asset Name,Serial,Model,Category,Manufacturer,Status,Location,Purchase Date,"
        "Company,MAC Address\n"
        "AMP-1,poste-1,C02X1,Latitude 5440,Laptops,Dell,Ready to Deploy,Marseille,2023-04-01,"
        "Métropole,00:1B:21:00:00:01\n"
        "AMP-2,,IMEI2,Galaxy A54,Mobile Phones,Samsung,Pending,Marseille,,Métropole,\n"
    )
    r = asset_import.import_csv(ws, write(tmp_path, body))
    assert r.format == "snipe-it"
    d = assets.get_asset(ws, "AMP-1")
    assert (d.category.value, d.model, d.mac_addresses) == (
        "laptop",
        "Latitude 5440",
        ("00:1b:21:00:00:01",),
    )
    assert d.attributes == {"Asset Name": "poste-1", "Company": "Métropole"}
    assert assets.get_asset(ws, "AMP-2").state is AssetState.QUARANTINE


def test_export_then_import_into_an_empty_inventory_gives_the_same_rows(
    ws: Workspace, tmp_path: Path
) -> None:
    asset_import.import_csv(ws, write(tmp_path, HEADER + "".join(GOOD)))
    out = io.StringIO()
    assert asset_export.export_csv(ws, out) == 3
    other = Workspace(url=str(tmp_path / "other.sqlite3"), operator="tester")
    asset_import.import_csv(other, write(tmp_path, out.getvalue(), "export.csv"))
    again = io.StringIO()
    asset_export.export_csv(other, again)
    assert again.getvalue() == out.getvalue()
    other.db.dispose()


def test_empty_and_header_only_files_are_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="the file is empty"):
        asset_import.import_csv(ws, write(tmp_path, ""))
    with pytest.raises(ValidationError, match="no asset rows"):
        asset_import.import_csv(ws, write(tmp_path, HEADER))
    with pytest.raises(ValidationError, match="cannot read the file"):
        asset_import.import_csv(ws, tmp_path / "missing.csv")
