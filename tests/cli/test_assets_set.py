"""``crisis assets set TAG key=value …``: an existing asset's management address and
attributes, each value checked, one journaled change or nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import crisis


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def _show(db: Path, tag: str) -> dict[str, object]:
    code, out, _ = crisis(db, "assets", "show", tag, "--json")
    assert code == 0
    detail: dict[str, object] = json.loads(out)
    return detail


def test_a_laptop_gets_its_ansible_address_and_a_switch_its_management(db: Path) -> None:
    code, out, err = crisis(
        db, "assets", "set", "AMP-PC-0001", "ansible_host=127.0.1.10", "ansible_user=root"
    )
    assert code == 0, err
    assert "AMP-PC-0001 : ansible_host (aucun) → 127.0.1.10" in out
    attrs = _show(db, "AMP-PC-0001")["attributes"]
    assert attrs == {"ansible_host": "127.0.1.10", "ansible_user": "root"}
    history = _show(db, "AMP-PC-0001")["history"]
    assert history[-1]["action"] == "asset.updated"  # type: ignore[index]

    code, out, err = crisis(
        db, "assets", "set", "AMP-SW-001", "mgmt_address=127.0.2.211", "mgmt_vlan=99",
        "mgmt_ip=10.99.0.2/24", "ports=Gi1/0/1-24",
    )  # fmt: skip
    assert code == 0, err
    sw = _show(db, "AMP-SW-001")
    assert sw["mgmt_address"] == "127.0.2.211"
    assert sw["attributes"] == {
        "ports": "Gi1/0/1-24",
        "uplink": "Gi1/0/49",
        "mgmt_vlan": 99,
        "mgmt_ip": "10.99.0.2/24",
    }
    # An empty value removes the attribute; the same values again change nothing.
    code, out, _ = crisis(db, "assets", "set", "AMP-PC-0001", "ansible_user=")
    assert code == 0
    assert _show(db, "AMP-PC-0001")["attributes"] == {"ansible_host": "127.0.1.10"}
    n = len(_show(db, "AMP-PC-0001")["history"])  # type: ignore[arg-type]
    code, out, _ = crisis(db, "assets", "set", "AMP-PC-0001", "ansible_host=127.0.1.10")
    assert code == 0
    assert "rien à changer" in out
    assert len(_show(db, "AMP-PC-0001")["history"]) == n  # type: ignore[arg-type]
    code, _, err = crisis(db, "journal", "verify")
    assert code == 0, err


@pytest.mark.parametrize(
    ("tag", "pair", "message"),
    [
        ("AMP-PC-0001", "ansible_host=not a host!", "'not a host!' is not"),
        ("AMP-PC-0001", "ansible_port=70000", "a whole number from 1 to 65535"),
        ("AMP-PC-0001", "ports=Gi1/0/1-4", "'ports' applies to switch only, not laptop"),
        ("AMP-SW-001", "ansible_host=127.0.0.1", "'ansible_host' applies to laptop only"),
        ("AMP-SW-001", "mgmt_ip=10.99.0.2", "with its prefix or mask"),
        ("AMP-SW-001", "uplink=Gi1/0/9-2", "range goes backwards"),
        ("AMP-SW-001", "mgmt_vlan=5000", "a whole number from 1 to 4094"),
        ("AMP-PC-0001", "ansible_password=hunter2", "store it in the vault"),
        ("AMP-PC-0001", "facts=x", "written by the tool itself"),
        ("AMP-PC-0001", "Bad-Key=x", "a key is lower-case letters"),
        ("AMP-PC-0001", "ansible_host", "is not KEY=VALUE"),
        ("NOPE", "notes_x=1", "aucun matériel d'étiquette « NOPE »"),  # French by default
    ],
)
def test_a_bad_value_is_refused_by_name_and_nothing_changes(
    db: Path, tag: str, pair: str, message: str
) -> None:
    before = db.read_bytes()
    # A good pair before the bad one: all or nothing.
    good = "mgmt_address=127.0.9.9"
    code, _, err = crisis(db, "assets", "set", tag, good, pair)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert "hunter2" not in err
    if tag != "NOPE":
        assert _show(db, tag)["mgmt_address"] != "127.0.9.9"
    assert db.read_bytes() == before
