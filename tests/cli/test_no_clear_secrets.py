"""After a full vault flow, no secret and no passphrase is in clear in any file or output."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from crisis.adapters.vault_crypto import new_x25519_pair
from crisis.cli import app
from crisis.domain.secret_values import SecretRef
from crisis.services import handover, vault_secrets
from crisis.services.workspace import VaultCredential, open_workspace
from tests.secret_scan import leaks

runner = CliRunner()
P1 = "first vault passphrase"
P2 = "second vault passphrase"
TOWN_PW = "the town of Aubagne chose this"
SWITCH_ENABLE = "En4ble-S3cret-for-AMP-SW-001"


def test_a_full_vault_flow_leaves_no_secret_in_clear(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    db = data / "inventory.sqlite3"
    outputs: list[str] = []

    def crisis(*args: str, operator: str = "admin", stdin: str | None = None, **env: str) -> None:
        r = runner.invoke(
            app,
            ["--db", str(db), "--operator", operator, *args],
            env={
                "CRISIS_DATA_DIR": str(data),
                "CRISIS_VAULT_PASSPHRASE": P1,
                "CRISIS_OPERATOR_PASSPHRASE": "demo passphrase",
                **env,
            },
            input=stdin,
        )
        assert r.exit_code == 0, (args, r.stdout, r.stderr)
        outputs.extend([r.stdout, r.stderr])

    crisis("demo", "--laptops", "5", "--phones", "5")
    # An open connection keeps the write-ahead log on disk, so the scan reads it too.
    keeper = sqlite3.connect(db)
    keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()
    crisis("vault", "init")
    for box in ("accueil", "dgs", "dsi"):
        crisis(
            "vault", "generate", "mailbox", f"{box}@aubagne.example", "password",
            "--kind", "mailbox", "--organisation", "13005", "--login", f"{box}@aubagne.example",
            operator="Claire Martin",
        )  # fmt: skip
    for tag in ("AMP-PC-0001", "AMP-PC-0002"):
        crisis(
            "vault", "generate", "asset", tag, "local-admin", "--kind", "local_admin",
            "--organisation", "13005", "--login", "Administrateur", operator="Claire Martin",
        )  # fmt: skip
    crisis(
        "vault", "set", "switch", "AMP-SW-001", "enable", "--kind", "switch",
        "--organisation", "13005", "--stdin", stdin=SWITCH_ENABLE + "\n",
    )  # fmt: skip
    crisis(
        "vault", "generate", "mailbox", "accueil@laciotat.example", "password",
        "--kind", "mailbox", "--organisation", "13028",
    )  # fmt: skip
    ws = open_workspace(str(db), "admin")
    ws.vault_credential = VaultCredential(passphrase=P1)
    rotated = SecretRef("mailbox", "dgs@aubagne.example", "password")
    old_value = vault_secrets.reveal(ws, rotated, "kept to check it leaves no trace")
    ws.db.dispose()
    crisis(
        "vault",
        "rotate",
        *rotated.__dict__.values()
        if False
        else (rotated.owner_type, rotated.owner_id, rotated.name),
    )
    crisis("vault", "rotate-key", CRISIS_VAULT_NEW_PASSPHRASE=P2)
    crisis("journal", "checkpoint")
    crisis("vault", "status")
    crisis("vault", "list")
    crisis("vault", "unlock", CRISIS_VAULT_PASSPHRASE=P2)
    crisis(
        "vault", "export-handover", "13005", "-o", str(out), operator="Karim Girard",
        CRISIS_VAULT_PASSPHRASE=P2, CRISIS_HANDOVER_PASSPHRASE=TOWN_PW,
    )  # fmt: skip
    priv, pub = new_x25519_pair()
    crisis(
        "vault", "export-handover", "13028", "-o", str(out), "--recipient-key", pub,
        operator="Karim Girard", CRISIS_VAULT_PASSPHRASE=P2,
    )  # fmt: skip

    ws = open_workspace(str(db), "admin")
    ws.vault_credential = VaultCredential(passphrase=P2)
    held = {str(v.ref): vault_secrets.reveal(ws, v.ref) for v in vault_secrets.list_secrets(ws)}
    assert len(held) == 7
    assert held[str(SecretRef("switch", "AMP-SW-001", "enable"))] == SWITCH_ENABLE
    # The packages do carry them, for the town only.
    (package,) = out.glob("handover-13005-*.crisis-package")
    opened = handover.open_handover(package, passphrase=TOWN_PW)
    assert {f"{o.owner_type}:{o.owner_id}/{o.name}": o.value for o in opened} == {
        k: v for k, v in held.items() if "laciotat" not in k
    }
    (package2,) = out.glob("handover-13028-*.crisis-package")
    (ciotat,) = handover.open_handover(package2, private_key=priv)
    assert ciotat.value == held["mailbox:accueil@laciotat.example/password"]
    ws.db.dispose()

    needles = {**held, "rotated-out value": old_value, "P1": P1, "P2": P2, "town pw": TOWN_PW}
    # The scan reads what it should: plain metadata is found in the database and the sheet.
    assert any("inventory.sqlite3" in hit for hit in leaks(tmp_path, {"l": "dsi@aubagne.example"}))
    assert any(h.startswith("out/") for h in leaks(tmp_path, {"l": "dsi@aubagne.example"}))
    assert {p.name for p in data.iterdir()} >= {"inventory.sqlite3", "inventory.sqlite3-wal"}
    assert leaks(tmp_path, needles) == []
    text = "\n".join(outputs)
    assert [label for label, v in needles.items() if v in text] == []
    # ...and the scanner does see a secret when one is there.
    (tmp_path / "planted.log").write_text(f"oops {old_value}\n")
    assert leaks(tmp_path, needles) == ["planted.log: rotated-out value"]
    keeper.close()
