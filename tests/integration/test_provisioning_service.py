"""Provisioning services against lab laptops: records, facts, contradictions, sanitisation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from crisis.config import data_dir
from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import AssetState, Category
from crisis.errors import InvalidTransitionError
from crisis.services import assets, journal, provisioning
from crisis.services.workspace import Workspace
from inventory.tables import SanitisationRecord
from tests.lab import need_programs, need_root

pytestmark = pytest.mark.lab

PASSWORD = "N0uveau-Mot-de-passe-Admin"
TAGS = ("PC-SVC-0001", "PC-SVC-0002", "PC-SVC-0003")


@pytest.fixture(scope="module")
def hosts() -> Iterator[list[Any]]:
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    from crisis.lab.laptops import laptops

    # A subnet of its own: other lab tests may hold 127.0.1.x.
    with laptops(3, subnet=3) as started:
        yield started


@pytest.fixture
def kit(sqlite_ws: Workspace, hosts: list[Any]) -> Workspace:
    for i, (tag, host) in enumerate(zip(TAGS, hosts, strict=True)):
        assets.add_asset(
            sqlite_ws,
            AssetDraft(
                tag=tag,
                category=Category.LAPTOP,
                # The second laptop's record disagrees with the device.
                mac_addresses=("02:00:00:00:00:99",) if i == 1 else (),
                state=AssetState.QUARANTINE if i == 0 else AssetState.IN_STOCK,
                attributes=host.inventory_vars(),
            ),
        )
    return sqlite_ws


def test_ansible_inventory_comes_from_the_database(kit: Workspace, hosts: list[Any]) -> None:
    inv = provisioning.ansible_inventory(kit)
    laptops = inv["all"]["children"]["laptops"]["hosts"]
    assert sorted(laptops) == list(TAGS)
    assert laptops[TAGS[1]]["expected_macs"] == ["02:00:00:00:00:99"]
    assert laptops[TAGS[0]]["ansible_host"] == hosts[0].address


def test_clean_records_facts_flags_contradictions_and_reruns_the_failed(
    kit: Workspace, hosts: list[Any]
) -> None:
    hosts[2].stop_sshd()
    try:
        run = provisioning.clean_laptops(kit, dict.fromkeys(TAGS, PASSWORD))
    finally:
        hosts[2].start_sshd()
    statuses = {h.host: h.status for h in run.hosts}
    assert statuses == {TAGS[0]: "changed", TAGS[1]: "changed", TAGS[2]: "unreachable"}
    assert run.failed_hosts == (TAGS[2],)
    assert assets.get_asset(kit, TAGS[0]).attributes["facts"]["mac_addresses"]
    flagged = next(h for h in run.hosts if h.host == TAGS[1]).contradictions
    assert flagged
    assert flagged[0].startswith("mac_addresses")
    # The inventory keeps its value; the contradiction is in the journal.
    second = assets.get_asset(kit, TAGS[1])
    assert second.mac_addresses == ("02:00:00:00:00:99",)
    assert "asset.contradiction" in [e.action for e in second.history]
    again = provisioning.clean_laptops(kit, {TAGS[2]: PASSWORD}, limit=run.failed_hosts)
    assert [(h.host, h.status) for h in again.hosts] == [(TAGS[2], "changed")]
    assert [r.id for r in provisioning.recent_runs(kit)] == [again.id, run.id]
    assert journal.verify_journal(kit).ok
    # The new administrator password is nowhere in clear: database, run directories.
    for path in [Path(kit.db.url.removeprefix("sqlite:///")), *data_dir().rglob("*")]:
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_sanitise_moves_a_verified_device_to_sanitised_with_its_record(
    kit: Workspace, hosts: list[Any]
) -> None:
    with pytest.raises(InvalidTransitionError, match="in_stock to sanitised"):
        provisioning.sanitise_laptops(kit, [TAGS[1]])
    # The borrower's account, with a file, whatever earlier tests did to this host.
    hosts[0].chroot("useradd", "-m", "agent.commune")
    hosts[0].chroot("sh", "-c", "echo courrier > /home/agent.commune/note.txt")
    run = provisioning.sanitise_laptops(kit, [TAGS[0]])
    assert [h.status for h in run.hosts] == ["changed"]
    assert hosts[0].chroot("id", "agent.commune", check=False).returncode != 0
    assert not (hosts[0].root / "home/agent.commune").exists()
    assert assets.get_asset(kit, TAGS[0]).state is AssetState.SANITISED
    with kit.db.session() as s:
        rec = s.scalars(select(SanitisationRecord)).one()
    assert (rec.asset_tag, rec.method, rec.verification) == (TAGS[0], "Clear", "passed")
    assert rec.tool.startswith("shred")
    assert len(rec.evidence_sha256) == 64


FAKE_ADB = Path(__file__).parent / "bin" / "fake-adb"


def test_phones_are_reset_and_serial_contradictions_flagged(
    sqlite_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With tests/integration/bin/fake-adb: no Android device can run in the lab (lab.md)."""
    log = tmp_path / "adb-calls.log"
    monkeypatch.setenv("FAKE_ADB_LOG", str(log))
    assets.add_asset(sqlite_ws, AssetDraft(tag="TEL-1", category=Category.PHONE, serial="R58M123"))
    assets.add_asset(
        sqlite_ws,
        AssetDraft(
            tag="TEL-2",
            category=Category.PHONE,
            serial="R58M999",
            attributes={"adb_serial": "R58M456"},
        ),
    )
    run = provisioning.reset_phones(sqlite_ws, ["TEL-1", "TEL-2"], adb=str(FAKE_ADB))
    assert {h.host: h.status for h in run.hosts} == {"TEL-1": "changed", "TEL-2": "changed"}
    assert "-s R58M123 get-state" in log.read_text().splitlines()
    flagged = next(h for h in run.hosts if h.host == "TEL-2").contradictions
    assert len(flagged) == 1
    assert "R58M456" in flagged[0]
    assert "asset.contradiction" in [e.action for e in assets.get_asset(sqlite_ws, "TEL-2").history]
    assert assets.get_asset(sqlite_ws, "TEL-2").serial == "R58M999"  # not written over


def test_a_run_killed_half_way_leaves_the_inventory_consistent_and_a_rerun_repairs(
    sqlite_ws: Workspace, hosts: list[Any]
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from crisis.services import vault
    from crisis.services.workspace import VaultCredential

    ws = sqlite_ws
    passphrase = "phrase de passe du coffre, labo"
    vault.init_vault(ws, VaultCredential(passphrase=passphrase))
    tag = "PC-KILL-0001"
    assets.add_asset(
        ws, AssetDraft(tag=tag, category=Category.LAPTOP, attributes=hosts[0].inventory_vars())
    )
    before = journal.verify_journal(ws)
    runs = data_dir() / "ansible-runs"
    env = {**os.environ, "CRISIS_VAULT_PASSPHRASE": passphrase}
    tool = subprocess.Popen(
        [str(Path(sys.executable).with_name("crisis")), "--db", ws.db.url,
         "--operator", "tester", "laptops", "clean", tag],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        # Kill it once Ansible is really at work on the laptop: a task event was written.
        deadline = time.monotonic() + 120
        while not any(runs.glob("*/artifacts/*/job_events/*.json")):
            assert tool.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the run never started"
            time.sleep(0.05)  # polling for the event file, bounded by the deadline above
        os.killpg(tool.pid, signal.SIGKILL)
    finally:
        tool.wait(timeout=30)
    # Nothing of the run was recorded; what was committed before it is whole.
    assert provisioning.recent_runs(ws) == []
    assert "facts" not in assets.get_asset(ws, tag).attributes
    after = journal.verify_journal(ws)
    assert after.ok, after.problems
    assert after.events >= before.events  # the vault's new password was committed first
    # The next run repairs the laptop.
    vault.unlock(ws, VaultCredential(passphrase=passphrase))
    killed_secrets = list(Path("/dev/shm").glob(f"crisis-secrets-{tool.pid}-*"))
    assert killed_secrets  # the killed run could not remove its secrets file...
    run = provisioning.rotate_and_clean(ws, [tag])
    assert [h.status for h in run.hosts] in (["changed"], ["ok"])
    assert assets.get_asset(ws, tag).attributes["facts"]["mac_addresses"]
    assert not any(d.exists() for d in killed_secrets)  # ...the next run did


def test_a_kit_laptop_gets_the_mail_profile_of_its_holders_mailbox(
    sqlite_ws: Workspace, hosts: list[Any]
) -> None:
    from tests.loan_mailboxes import DOMAIN, MAIL_ADDRESS, loan_with_mailboxes

    ref, laptops = loan_with_mailboxes(sqlite_ws, [hosts[1].inventory_vars()], 2)
    profile = hosts[1].root / "etc/thunderbird/pref/crisis-mail.js"
    profile.unlink(missing_ok=True)
    run = provisioning.clean_laptops(sqlite_ws, {laptops[0]: PASSWORD})
    assert [h.status for h in run.hosts] == ["changed"], run.hosts
    # The kit's first laptop gets the loan's first mailbox; the holder types the password.
    text = profile.read_text()
    assert f'"mail.server.server1.userName", "crise01.{ref.lower()}@{DOMAIN}"' in text
    assert f'"mail.server.server1.hostname", "{MAIL_ADDRESS}"' in text
    assert PASSWORD not in text
    assert not [
        line for line in text.splitlines() if "password" in line.lower() and "pref(" in line
    ]
