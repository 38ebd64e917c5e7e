"""Nobody impersonates a device: every SSH peer's host key is pinned in the inventory and a
device presenting another key is refused before any credential or command is sent."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.domain.host_keys import HOST_KEYS_ATTRIBUTE, HostKey
from crisis.errors import PeerError, ValidationError
from crisis.lab.switch import new_host_key, running_switch
from crisis.services import assets, host_keys, journal, provisioning, switch
from crisis.services.workspace import Workspace
from tests.integration.test_switch_service import creds, kit, plan_for, simulator  # noqa: F401
from tests.lab import need_programs, need_root

pytestmark = pytest.mark.lab
TAG = "AMP-SW-001"


def actions(ws: Workspace, n: int = 20) -> list[str]:
    return [e.action for e in journal.recent_events(ws, n)]


def test_keys_parse_and_fingerprint_as_openssh_does(tmp_path: Path) -> None:
    need_programs("ssh-keygen")
    path = tmp_path / "k"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    line = Path(f"{path}.pub").read_text()
    printed = subprocess.run(
        ["ssh-keygen", "-lf", f"{path}.pub"], check=True, capture_output=True, text=True
    ).stdout.split()[1]
    assert HostKey.parse(line).fingerprint == printed
    with pytest.raises(ValidationError, match="not accepted"):
        HostKey.parse("ssh-dss AAAAB3NzaC1kc3MAAACBAP")
    with pytest.raises(ValidationError, match="its data is a 'ssh-ed25519' key"):
        HostKey.parse("ssh-rsa " + line.split()[1])


def test_a_switch_restarted_with_a_new_host_key_is_refused_before_any_login(
    kit: Workspace,  # noqa: F811
    tmp_path: Path,
) -> None:
    for first in simulator():
        host_keys.pin_host_key(kit, TAG, first.host_key.line)
        assert switch.apply_switch(kit, plan_for(first), creds(first)).state == "applied"
        port, last = first.port, journal.recent_events(kit, 1)[0].seq
    # Same address, same port, another key: an impostor (or a switch reset without telling).
    key = new_host_key(tmp_path / "impostor_key")
    with running_switch(port=port, host_key=key) as impostor:
        assert impostor.host_key != first.host_key
        with pytest.raises(host_keys.HostKeyChangedError) as err:
            switch.apply_switch(kit, plan_for(impostor), creds(impostor))
        message = str(err.value)
        assert "another SSH host key" in message
        assert impostor.host_key.fingerprint in message
        assert "nothing was sent" in message
        with pytest.raises(host_keys.HostKeyChangedError):
            switch.diff_switch(kit, plan_for(impostor), creds(impostor))
        # The impostor never saw a login: neither the password nor the enable secret.
        assert impostor.login_attempts() == 0
    events = [e for e in journal.recent_events(kit, 100) if e.seq > last]
    refused = [e for e in events if e.action == "ssh.host_key_refused"]
    assert len(refused) == 2
    assert refused[0].after["presented"] == impostor.host_key.fingerprint
    assert refused[0].before == {"fingerprints": [first.host_key.fingerprint]}
    assert not [e for e in events if e.action.startswith("switch.")]


def test_first_contact_pins_only_the_fingerprint_the_operator_confirmed(
    kit: Workspace,  # noqa: F811
) -> None:
    for sw in simulator():
        with pytest.raises(host_keys.HostKeyNotPinnedError) as err:
            switch.apply_switch(kit, plan_for(sw), creds(sw))
        assert sw.host_key.fingerprint in str(err.value)
        assert err.value.presented == sw.host_key
        assert sw.login_attempts() == 0
        other = "SHA256:" + "A" * 43
        with pytest.raises(PeerError, match="not the confirmed"):
            host_keys.confirm_host_key(kit, TAG, other, host=sw.host, port=sw.port)
        assert host_keys.show_host_keys(kit, TAG) == ()
        pinned = host_keys.confirm_host_key(
            kit, TAG, sw.host_key.fingerprint, host=sw.host, port=sw.port
        )
        assert pinned.fingerprint == sw.host_key.fingerprint
        assert assets.get_asset(kit, TAG).attributes[HOST_KEYS_ATTRIBUTE] == [sw.host_key.line]
        event = journal.recent_events(kit, 1)[0]
        assert (event.action, event.after["fingerprint"]) == (
            "asset.host_key_pinned",
            sw.host_key.fingerprint,
        )
        assert switch.apply_switch(kit, plan_for(sw), creds(sw)).state == "applied"
        assert sw.login_attempts() == 1
        # A second key for the same switch needs the operator to say so.
        with pytest.raises(ValidationError, match="--replace"):
            host_keys.pin_host_key(kit, TAG, HostKey.parse(_other_key()).line)


def _other_key() -> str:
    import tempfile

    from crisis.lab.switch import public_host_key

    with tempfile.TemporaryDirectory() as tmp:
        return public_host_key(new_host_key(Path(tmp) / "k")).line


# --------------------------------------------------------------------------- laptops


@pytest.fixture(scope="module")
def laptop() -> Iterator[Any]:
    need_root()
    need_programs("debootstrap", "unshare", "chroot", "ssh", "ssh-keygen", "mount")
    from crisis.lab.laptops import laptops

    # A subnet of its own: other lab tests hold 127.0.1-10.x.
    with laptops(1, subnet=11) as (host,):
        yield host


def test_a_laptop_whose_host_keys_were_regenerated_is_refused_and_journaled(
    sqlite_ws: Workspace, laptop: Any
) -> None:
    tag = "PC-KEY-0001"
    assets.add_asset(
        sqlite_ws,
        AssetDraft(tag=tag, category=Category.LAPTOP, attributes=laptop.inventory_vars()),
    )
    laptop.regenerate_host_keys()
    log = laptop.base / "sshd.log"
    logged = log.read_text(errors="replace")

    run = provisioning.clean_laptops(sqlite_ws, {tag: "N0uveau-Mot-de-passe-Admin"})

    (outcome,) = run.hosts
    assert outcome.status == "unreachable"
    assert "SSH host key refused" in outcome.message
    # OpenSSH stopped before authenticating: no key offered, nothing run on the laptop.
    new_lines = log.read_text(errors="replace")[len(logged) :]
    assert "Accepted" not in new_lines
    assert "Failed" not in new_lines
    assert (laptop.upper / "home" / "ancien.agent").exists()
    refused = [e for e in journal.recent_events(sqlite_ws, 5) if e.action == "ssh.host_key_refused"]
    assert [e.entity_id for e in refused] == [tag]


def test_a_laptop_with_no_pinned_key_is_not_contacted(sqlite_ws: Workspace, laptop: Any) -> None:
    tag = "PC-KEY-0002"
    attributes = {k: v for k, v in laptop.inventory_vars().items() if k != HOST_KEYS_ATTRIBUTE}
    assets.add_asset(
        sqlite_ws, AssetDraft(tag=tag, category=Category.LAPTOP, attributes=attributes)
    )
    before = actions(sqlite_ws)
    with pytest.raises(ValidationError, match=f"no SSH host key is pinned for {tag}"):
        provisioning.clean_laptops(sqlite_ws, {tag: "N0uveau-Mot-de-passe-Admin"})
    assert actions(sqlite_ws) == before
    # Pinned after checking the fingerprint shown, the same laptop is cleaned.
    key = laptop.host_key()
    host_keys.confirm_host_key(sqlite_ws, tag, key.fingerprint)
    run = provisioning.clean_laptops(sqlite_ws, {tag: "N0uveau-Mot-de-passe-Admin"})
    assert run.hosts[0].status in ("ok", "changed"), run.hosts
