"""``crisis ansible-inventory``: every group plain Ansible can target, from the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import col, select
from typer.testing import CliRunner

from crisis.cli import app
from crisis.services import loans
from crisis.services.workspace import Workspace
from inventory.tables import Asset
from tests.loan_mailboxes import DOMAIN, MAIL_ADDRESS, loan_with_mailboxes

WRAPPER = Path(__file__).parents[2] / "playbooks" / "crisis_inventory.sh"


def _kit(ws: Workspace) -> tuple[str, list[str], str]:
    """The loan's laptops have addresses, two mailboxes; a phone of the kit has adb."""
    ref, laptops = loan_with_mailboxes(
        ws, [{"ansible_host": f"127.0.1.{i}"} for i in range(1, 6)], 2
    )
    with ws.db.session(write=True) as s:
        items = loans.get_loan(ws, ref).items
        phone = s.scalars(
            select(Asset).where(col(Asset.tag).in_(items), col(Asset.category) == "phone")
        ).first()
        assert phone is not None
        phone.attributes = {**phone.attributes, "adb_serial": "R58M123"}
        s.add(phone)
        # An explicit holder's mailbox wins over the pairing.
        last = s.scalars(select(Asset).where(col(Asset.tag) == laptops[4])).one()
        last.attributes = {**last.attributes, "holder_mailbox": f"direction@{DOMAIN}"}
        s.add(last)
    return ref, laptops, phone.tag


def test_the_inventory_lists_laptops_mail_phones_and_loan_groups(sqlite_ws: Workspace) -> None:
    ref, laptops, phone = _kit(sqlite_ws)
    r = CliRunner().invoke(
        app, ["--db", sqlite_ws.db.url, "--operator", "tester", "ansible-inventory", "--list"]
    )
    assert r.exit_code == 0, r.output
    inv = json.loads(r.stdout)
    assert inv["laptops"]["hosts"] == sorted(laptops)
    assert inv["mail"]["hosts"] == ["mail"]
    assert inv["mail"]["vars"] == {
        "mail_relayhost": "[relais.metropole.test]:25",
        "mail_domains": [DOMAIN],
        "mail_listen_address": MAIL_ADDRESS,
    }
    assert inv["_meta"]["hostvars"]["mail"] == {
        "ansible_host": MAIL_ADDRESS,
        "ansible_user": "root",
    }
    assert inv["phones"]["hosts"] == [phone]
    assert inv["_meta"]["hostvars"][phone]["ansible_connection"] == "local"
    assert inv["_meta"]["hostvars"][phone]["adb_serial"] == "R58M123"
    group = "loan_" + ref.replace("-", "_")
    assert sorted(inv[group]["hosts"]) == sorted([*laptops, phone])  # the kit's phone too
    # The kit's first two laptops get the loan's two mailboxes for their mail profile.
    slug = ref.lower()
    hostvars = inv["_meta"]["hostvars"]
    assert hostvars[laptops[0]]["laptop_holder_mailbox"] == f"crise01.{slug}@{DOMAIN}"
    assert hostvars[laptops[1]]["laptop_holder_mailbox"] == f"crise02.{slug}@{DOMAIN}"
    assert hostvars[laptops[0]]["laptop_mail_host"] == MAIL_ADDRESS
    assert "laptop_holder_mailbox" not in hostvars[laptops[2]]
    assert hostvars[laptops[4]]["laptop_holder_mailbox"] == f"direction@{DOMAIN}"
    r = CliRunner().invoke(
        app, ["--db", sqlite_ws.db.url, "ansible-inventory", "--host", laptops[1]]
    )
    assert json.loads(r.stdout)["laptop_holder_mailbox"] == f"crise02.{slug}@{DOMAIN}"


def test_the_wrapper_script_gives_ansible_the_same_inventory(sqlite_ws: Workspace) -> None:
    ref, laptops, _ = _kit(sqlite_ws)
    env = {
        **os.environ,
        "CRISIS": str(Path(sys.executable).with_name("crisis")),
        "CRISIS_DATABASE_URL": sqlite_ws.db.url,
    }
    out = subprocess.run(
        [str(WRAPPER), "--list"], env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert json.loads(out)["loan_" + ref.replace("-", "_")]["hosts"]
    # Plain Ansible reads it as an inventory script.
    graph = subprocess.run(
        [str(Path(sys.executable).with_name("ansible-inventory")), "-i", str(WRAPPER), "--graph"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "@mail:" in graph
    assert f"@loan_{ref.replace('-', '_')}:" in graph
    assert all(tag in graph for tag in laptops)
