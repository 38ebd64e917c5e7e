"""A key rotation killed with SIGKILL half-way loses no secret (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from crisis.adapters.vault_crypto import DataKey, read_key_file, write_new_key_file
from crisis.domain.secret_values import binding
from crisis.errors import VaultError
from crisis.services import vault, vault_secrets
from crisis.services.vault import ref_of
from crisis.services.workspace import VaultCredential, Workspace, open_workspace
from inventory.repo import vault as repo
from tests.inventory.vault_helpers import PASSPHRASE, journal_head, vault_with_secrets

ROOT = Path(__file__).resolve().parents[2]

#: The child rotates to the key file; the progress callback kills the process, with no
#: chance to clean up, right after the N-th secret was re-encrypted and flushed.
CHILD = """
import os, signal, sys
from pathlib import Path
from crisis.services import vault
from crisis.services.workspace import VaultCredential, open_workspace

url, key_file, kill_after = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
ws = open_workspace(url, "tester")
ws.vault_credential = VaultCredential(passphrase=os.environ["OLD_PASSPHRASE"])

def progress(done, total):
    print(f"{done}/{total}", flush=True)
    if done == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)

vault.rotate_key(ws, VaultCredential(key_file=key_file), on_progress=progress)
print("finished", flush=True)
"""


def rotate_in_child(url: str, key_file: Path, kill_after: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, url, str(key_file), str(kill_after)],
        cwd=ROOT,
        env={**os.environ, "OLD_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def opens_with(ws: Workspace, keys: dict[str, DataKey]) -> dict[str, str]:
    """For each secret, the name of the key that opens it ('neither' if none does)."""
    out: dict[str, str] = {}
    with ws.db.session() as s:
        for sec in repo.secrets(s):
            ref = ref_of(sec)
            out[str(ref)] = "neither"
            for label, key in keys.items():
                try:
                    key.open(bytes(sec.ciphertext), binding(ref, key.key_id))
                except VaultError:
                    continue
                out[str(ref)] = label
    return out


@pytest.mark.parametrize("kill_after", [3, 6])
def test_kill_9_during_rotation_leaves_every_secret_openable(
    ws: Workspace, tmp_path: Path, kill_after: int
) -> None:
    refs = vault_with_secrets(ws, 6)
    values = {r: vault_secrets.reveal(ws, r) for r in refs}
    old_key = ws._vault_key
    assert isinstance(old_key, DataKey)
    key_file = tmp_path / "new.key"
    new_key = write_new_key_file(key_file)
    head = journal_head(ws)

    child = rotate_in_child(ws.url, key_file, kill_after)

    assert child.returncode == -signal.SIGKILL, child.stderr
    assert child.stdout.split() == [f"{i}/6" for i in range(1, kill_after + 1)]
    ws.db.dispose()
    after = open_workspace(ws.url, "tester")
    keys = {"old": old_key, "new": read_key_file(key_file)}
    assert new_key.key_id == keys["new"].key_id
    verdict = opens_with(after, keys)
    assert "neither" not in verdict.values(), verdict
    # One transaction: the killed rotation is entirely undone, never half-applied.
    assert set(verdict.values()) == {"old"}
    assert journal_head(after) == head
    after.vault_credential = VaultCredential(passphrase=PASSPHRASE)
    assert vault_secrets.check_secrets(after) == ()
    assert {r: vault_secrets.reveal(after, r) for r in refs} == values

    # Running it again to the end moves every secret to the new key.
    done = rotate_in_child(ws.url, key_file, kill_after=0)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "finished"
    final = open_workspace(ws.url, "tester")
    assert set(opens_with(final, keys).values()) == {"new"}
    final.vault_credential = VaultCredential(key_file=key_file)
    assert {r: vault_secrets.reveal(final, r) for r in refs} == values
    assert vault.status(final).key_id == new_key.key_id
    final.db.dispose()
    after.db.dispose()
