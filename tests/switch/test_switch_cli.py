"""``crisis switch history`` and ``crisis switch rollback`` against the simulator."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from crisis.adapters.switch_text import config_body
from crisis.cli import app
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.lab.switch import SimSwitch
from crisis.services import journal, switch, vault, vault_secrets
from crisis.services.workspace import VaultCredential, Workspace
from tests.integration.test_switch_service import (  # noqa: F401 (fixtures)
    creds,
    kit,
    plan_for,
    sim,
)
from tests.switch.test_switch_rollback import TAG, running

pytestmark = pytest.mark.lab
PASSPHRASE = "une phrase de passe du labo"
runner = CliRunner()


def crisis(ws: Workspace, *args: str) -> tuple[int, str, str]:
    r = runner.invoke(
        app,
        ["--db", ws.url, "--operator", "tester", *args],
        env={"CRISIS_VAULT_PASSPHRASE": PASSPHRASE, "CRISIS_LANG": "en"},
    )
    return r.exit_code, r.stdout, r.stderr


def with_credentials(ws: Workspace, sw: SimSwitch) -> None:
    vault.init_vault(ws, VaultCredential(passphrase=PASSPHRASE))
    for name, value, login in (("password", sw.password, sw.username), ("enable", sw.secret, "")):
        vault_secrets.store_secret(
            ws, SecretRef("switch", TAG, name), kind=SecretKind.SWITCH, value=value, login=login
        )


def revealed(ws: Workspace) -> list[str]:
    events = journal.recent_events(ws, 200)
    return [e.after["purpose"] for e in events if e.action == "secret.revealed"]


def test_history_then_rollback_from_the_command_line(
    kit: Workspace,  # noqa: F811
    sim: SimSwitch,  # noqa: F811
) -> None:
    with_credentials(kit, sim)
    before = running(sim)
    code, out, _ = crisis(kit, "switch", "history", TAG)
    assert (code, out) == (0, f"{TAG}: no stored configuration\n")
    switch.apply_switch(kit, plan_for(sim), creds(sim))

    code, out, _ = crisis(kit, "switch", "history", TAG)
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert [(r[0], r[1], r[-3]) for r in rows] == [
        ("1", "backup", "switch.applied"),
        ("2", "after", "switch.applied"),
    ]

    target = ("--host", sim.host, "--ssh-port", str(sim.port))
    code, out, err = crisis(kit, "switch", "rollback", TAG, "--version", "99", *target)
    assert code == 1
    assert f"switch {TAG} has no stored configuration version 99" in err
    assert "switch rollback" not in revealed(kit)  # refused before any secret was read

    code, out, err = crisis(kit, "switch", "rollback", TAG, *target)
    assert code == 0, err
    assert out.startswith(f"{TAG}: applied, ")
    assert "restoring version 1" in err
    assert sim.password not in out + err
    assert config_body(running(sim)) == config_body(before)
    assert revealed(kit).count("switch rollback") == 2  # login and enable secret
