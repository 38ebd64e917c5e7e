"""Spreadsheets as people and attackers make them: French Excel, Snipe-IT in French, broken
CSV, NUL and NaN, formulas. Each is read or refused the same way on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from crisis.domain.asset_rows import COLUMNS
from crisis.errors import ValidationError
from crisis.services import asset_export, asset_import, assets
from crisis.services.workspace import Workspace
from tests.inventory.test_import import snapshot, write

# --- refused with file:line and field, nothing stored --------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"tag,category,notes\nA1,laptop,a\x00b\n", "stock.csv:2, field 'notes': holds the "
         "control character U+0000"),
        (b"tag,category,manufacturer\nA1,laptop,\x00\n", "stock.csv:2, field 'manufacturer'"),
        (b'tag,category,attributes\nA1,laptop,"{""a"": NaN}"\n',
         "stock.csv:2, field 'attributes': NaN is not a number"),
        (b'tag,category,attributes\nA1,laptop,"{""a"": -Infinity}"\n',
         "stock.csv:2, field 'attributes': -Infinity"),
        (b'tag,category,attributes\nA1,laptop,"{""a"": ""x\\u0000y""}"\n',
         "stock.csv:2, field 'attributes': holds a NUL"),
        (b"tag,category,notes\nA1,laptop,\x1b]0;owned\x07\n", "field 'notes': holds the control"),
        (b"tag,category,model\nA1,laptop," + b"m" * 600 + b"\n",
         "stock.csv:2, field 'model': 600 characters, 500 at most"),
        (b"tag,category,notes\nA1,laptop," + b"n" * 10_001 + b"\n",
         "field 'notes': 10001 characters, 10000 at most"),
        (b'tag,"category\nA1,laptop\n', "stock.csv:1: a quoted field opened on this line is never"),
        (b'tag,category,notes\nA1,laptop,ok\nA2,laptop,"open\nA3,laptop,x\n',
         "stock.csv:3: a quoted field opened on this line is never closed"),
        (b"tag,category,notes\nA1,laptop," + b"x" * 140_000 + b"\n",
         "stock.csv:2: a field is longer than 131072 characters"),
        (b"tag,category," + b"h" * 140_000 + b"\nA1,laptop,1\n",
         "stock.csv:1: a field is longer than 131072 characters"),
        (b"\xff\xfet\x00a\x00g\x00", "stock.csv: the file is saved as UTF-16"),
        (b"tag,category,notes\nA1,laptop,caf\xc3\xa9\nA2,laptop,caf\xe9\n",
         "stock.csv:3, field 'notes': not valid UTF-8 (byte 0xe9 at column 14)"),
        (b"tag,category,notes\nA1,laptop,\x81\n", "neither UTF-8 nor Windows-1252 (byte 0x81"),
        (b"Asset Tag,Category,Serial,Serial Number\nD1,Laptop,S1,S2\n",
         "stock.csv:1: column 4 'Serial Number' fills the same field as column 3 'Serial'"),
        (b"Asset Tag,Category,Asset Tag\nD1,Laptop,D2\n",
         "stock.csv:1: column 3 'Asset Tag' fills the same field as column 1 'Asset Tag'"),
        (b"Num\xc3\xa9ro d'inventaire;Cat\xc3\xa9gorie;S\xc3\xa9rie;Num\xc3\xa9ro de s\xc3\xa9rie\n"
         b"D1;Portable;S1;S2\n",
         "stock.csv:1: column 4 'Numéro de série' fills the same field as column 3 'Série'"),
        (b"tag,category,tag\nA1,laptop,A2\n", "stock.csv:1: column 3 'tag' fills the same field"),
    ],
)  # fmt: skip
def test_a_hostile_file_is_refused_naming_where(
    ws: Workspace, tmp_path: Path, body: bytes, expected: str
) -> None:
    before = snapshot(ws)
    with pytest.raises(ValidationError) as err:
        asset_import.import_csv(ws, write(tmp_path, body))
    assert expected in str(err.value)
    assert snapshot(ws) == before


# --- French spreadsheets are read -----------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # French Excel "CSV (séparateur: point-virgule)": Windows-1252, semicolons, CRLF.
        "tag;category;manufacturer;notes\r\nFR-1;laptop;Lenovo;écran rayé, clavier AZERTY\r\n"
        .encode("cp1252"),
        # "CSV UTF-8": a BOM, semicolons.
        "\ufefftag;category;manufacturer;notes\nFR-1;laptop;Lenovo;écran rayé, clavier AZERTY\n"
        .encode(),
        # Old Mac line ends (CR only).
        b"tag,category,manufacturer,notes\rFR-1,laptop,Lenovo,\"\xc3\xa9cran ray\xc3\xa9, "
        b"clavier AZERTY\"\r",
        # Tabs.
        "tag\tcategory\tmanufacturer\tnotes\nFR-1\tlaptop\tLenovo\técran rayé, clavier AZERTY\n"
        .encode(),
    ],
    ids=["excel-cp1252-semicolon", "utf8-bom-semicolon", "cr-only", "tabs"],
)  # fmt: skip
def test_french_spreadsheets_are_read(ws: Workspace, tmp_path: Path, body: bytes) -> None:
    r = asset_import.import_csv(ws, write(tmp_path, body))
    assert r.rows == 1
    d = assets.get_asset(ws, "FR-1")
    assert (d.manufacturer, d.notes) == ("Lenovo", "écran rayé, clavier AZERTY")


def test_a_snipe_it_export_in_french_is_read(ws: Workspace, tmp_path: Path) -> None:
    # Snipe-IT's fr-FR labels; its "Сatégorie" starts with a Cyrillic С in some releases.
    body = (
        "Numéro d'inventaire;\u0421atégorie;Fabricant;Modèle;Numéro de série;Lieu;Statut;"
        "Date d'achat;Remarques;Adresse MAC;Couleur\n"
        "SN-1;Ordinateurs portables;Dell;Latitude 5440;ABC123;Réserve DIN;Prêt à être déployé;"
        "05/01/2024;neuf;00-11-22-33-44-55;noir\n"
        "SN-2;Téléphones mobiles;Samsung;Galaxy A54;DEF456;Réserve DIN;En attente;;;;\n"
    ).encode()
    r = asset_import.import_csv(ws, write(tmp_path, body))
    assert (r.rows, r.format) == (2, "snipe-it")
    pc, tel = assets.get_asset(ws, "SN-1"), assets.get_asset(ws, "SN-2")
    assert (pc.category, pc.serial, pc.state, pc.location) == (
        "laptop", "ABC123", "in_stock", "Réserve DIN"
    )  # fmt: skip
    assert pc.purchase_date is not None
    assert pc.purchase_date.isoformat() == "2024-01-05"
    assert pc.mac_addresses == ("00:11:22:33:44:55",)
    assert pc.attributes == {"Couleur": "noir"}
    assert (tel.category, tel.state) == ("phone", "quarantine")


# --- formulas are neutralised on export, import gives back every byte ----------------------

FORMULAS = [
    "=cmd|' /C calc'!A0",
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(A1:A2)",
    "'=already quoted",
    "''@twice",
    "'plain apostrophe",
    "plain",
]


def test_export_neutralises_formulas_and_import_is_lossless(ws: Workspace, tmp_path: Path) -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["tag", "category", "model", "location", "notes", "phone_number", "attributes"])
    for i, text in enumerate(FORMULAS):
        attrs = json.dumps({"k": text}) if i % 2 else ""
        w.writerow([f"F-{i}", "phone", text, text, text, text, attrs])
    asset_import.import_csv(ws, write(tmp_path, out.getvalue(), "source.csv"))
    exported = io.StringIO()
    asset_export.export_csv(ws, exported)
    rows = list(csv.reader(io.StringIO(exported.getvalue())))
    assert rows[0] == list(COLUMNS)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    # Back into a fresh inventory: every value as it was.
    before = {t: assets.get_asset(ws, t) for t in (f"F-{i}" for i in range(len(FORMULAS)))}
    dump = write(tmp_path, exported.getvalue(), "export.csv")
    ws2 = Workspace(url=str(tmp_path / "second.sqlite3"), operator="tester")
    asset_import.import_csv(ws2, dump)
    for tag, d in before.items():
        again = assets.get_asset(ws2, tag)
        assert (again.model, again.location, again.notes, again.phone_number, again.attributes) \
            == (d.model, d.location, d.notes, d.phone_number, d.attributes)  # fmt: skip
    ws2.db.dispose()
