"""``crisis demo --lab``: the demo inventory pointed at the running lab's peers, as its
settings file says; again after a lab restart; clear errors when there is no lab or vault.
(The walkthrough test drives the wired inventory against real peers.)"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from crisis.config import data_dir
from crisis.lab.session import LabLaptop, LabMailHost, LabSettings, LabSwitch
from tests.cli.test_vault_cli import crisis

PW = "coffre de démonstration"
ENV = {"CRISIS_VAULT_PASSPHRASE": PW}


def _settings(subnet: int, password: str) -> LabSettings:
    return LabSettings(
        pid=os.getpid(),  # a live process: the lab that wrote the file is running
        subnet=subnet,
        laptops=[
            LabLaptop(
                f"laptop-0{i}",
                f"127.0.{subnet}.{9 + i}",
                {"ansible_host": f"127.0.{subnet}.{9 + i}", "ansible_user": "root"},
                ["02:fc:00:00:00:01"],
            )
            for i in (1, 2)
        ],
        mail=LabMailHost(
            f"127.0.{subnet}.210",
            {"ansible_host": f"127.0.{subnet}.210"},
            ["aubagne.crise.example"],
            {"mail_manage_services": False},
        ),
        switch=LabSwitch(
            f"127.0.{subnet}.211",
            22,
            "crisis",
            password,
            "enable-" + password,
            "Gi1/0/1-48",
            "x",
            SWITCH_KEY,
        ),
    )


#: The simulator's SSH host key, as the lab reports it (pinned on the switch's record).
SWITCH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def _write(settings: LabSettings) -> Path:
    path = data_dir() / "lab.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(settings.to_json())
    return path


def _attrs(db: Path, tag: str) -> dict[str, object]:
    code, out, _ = crisis(db, "assets", "show", tag, "--json")
    assert code == 0
    detail: dict[str, object] = json.loads(out)
    return detail


def test_the_demo_is_wired_to_the_lab_and_rewired_after_a_restart(db: Path) -> None:
    lab = _settings(200, "first-password")
    _write(replace(lab, switch=replace(lab.switch, uplink="Gi1/0/49")))  # type: ignore[arg-type]
    code, _, err = crisis(db, "demo", "--lab", env=ENV)
    assert code == 1
    assert "lancez d'abord `crisis vault init`" in err
    assert _attrs(db, "AMP-PC-0001")["attributes"] == {}  # nothing was wired

    assert crisis(db, "vault", "init", env=ENV)[0] == 0
    code, out, err = crisis(db, "demo", "--lab", env=ENV)
    assert code == 0, err
    assert "poste AMP-PC-0001 → labo laptop-01 (127.0.200.10)" in out
    assert "commutateur AMP-SW-001 → simulateur 127.0.200.211:22" in out
    pc = _attrs(db, "AMP-PC-0002")
    assert pc["attributes"] == {"ansible_host": "127.0.200.11", "ansible_user": "root"}
    assert pc["mac_addresses"] == ["02:fc:00:00:00:01"]
    sw = _attrs(db, "AMP-SW-001")
    assert sw["mgmt_address"] == "127.0.200.211"
    # Its host key pinned: the tool talks to this switch only.
    assert sw["attributes"] == {
        "ports": "Gi1/0/1-48",
        "uplink": "Gi1/0/49",
        "ssh_host_keys": [SWITCH_KEY],
    }
    code, out, _ = crisis(
        db, "vault", "reveal", "switch", "AMP-SW-001", "password", "--purpose", "t", env=ENV
    )
    assert "first-password" in out
    # The lab restarted elsewhere with new credentials: the same assets follow it.
    crisis(db, "assets", "set-state", "AMP-PC-0001", "reserved", "--reason", "kit")
    _write(replace(_settings(201, "second-password"), switch=None))
    code, out, err = crisis(db, "demo", "--lab", env=ENV)
    assert code == 0, err
    assert _attrs(db, "AMP-PC-0001")["attributes"]["ansible_host"] == "127.0.201.10"  # type: ignore[index]
    with sqlite3.connect(db) as c:
        host = json.loads(
            c.execute("SELECT value FROM setting WHERE key='mail_host'").fetchone()[0]
        )
    assert host["address"] == "127.0.201.210"
    assert host["domains"] == ["aubagne.crise.example"]
    code, _, err = crisis(db, "journal", "verify")
    assert code == 0, err
    # The switch's throwaway password never lands in clear in the database.
    assert b"first-password" not in db.read_bytes()


def test_no_running_lab_is_a_clear_error(db: Path) -> None:
    code, _, err = crisis(db, "demo", "--lab", env=ENV)
    assert code == 1
    assert "no running lab" in err
    assert "python3 dev.py lab" in err
    _write(replace(_settings(200, "p"), pid=2**22 + 1))
    code, _, err = crisis(db, "demo", "--lab", env=ENV)
    assert code == 1
    assert "is no longer running" in err
