"""Benchmark: 100 isolated mailboxes provisioned and verified, our runner vs plain ansible-playbook.

Starts the lab mail host (root needed), runs mail_server once, then alternates rounds of
100 new mailboxes through crisis.adapters.ansible_run and through plain ``ansible-playbook``
with the same playbook, inventory, variables and Ansible settings, and prints both wall
times side by side. Verification is one IMAP login (STARTTLS) per mailbox.

    sudo .venv/bin/python bench/ansible_mailboxes.py [--mailboxes 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import imaplib
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crisis.adapters.ansible_run import playbooks_dir, run_playbook, secrets_file
from crisis.domain.password_hash import sha512_crypt
from crisis.lab.laptops import lab_hosts
from crisis.lab.mail import MailDaemons

DOMAIN = "bench.ville-test.fr"


def _verify(address: str, passwords: dict[str, str]) -> float:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    start = time.monotonic()
    for user, password in passwords.items():
        conn = imaplib.IMAP4(address, 143)
        conn.starttls(ssl_context=ctx)
        conn.login(user, password)
        conn.logout()
    return time.monotonic() - start


def _plain(inventory: dict[str, Any], extravars: dict[str, Any], secrets: dict[str, Any]) -> float:
    env = {
        **os.environ,
        "ANSIBLE_PIPELINING": "True",
        "ANSIBLE_RETRY_FILES_ENABLED": "False",
        "ANSIBLE_ROLES_PATH": str(playbooks_dir() / "roles"),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
    }
    inventory["all"].setdefault("vars", {})["ansible_python_interpreter"] = "/usr/bin/python3"
    with tempfile.TemporaryDirectory() as tmp, secrets_file(secrets) as secret_path:
        inv = Path(tmp) / "inventory.json"
        inv.write_text(json.dumps(inventory))
        ev = Path(tmp) / "vars.json"
        ev.write_text(json.dumps(extravars))
        start = time.monotonic()
        proc = subprocess.run(
            [
                "ansible-playbook",
                "-i",
                str(inv),
                "-e",
                f"@{ev}",
                "-e",
                f"@{secret_path}",
                "mailboxes.yml",
            ],
            cwd=playbooks_dir(),
            env=env,
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"plain ansible-playbook failed:\n{proc.stdout[-3000:]}")
    return took


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mailboxes", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crisis-bench-runs-") as tmp:
        _measure(args, Path(tmp))  # the run folders go with it


def _measure(args: argparse.Namespace, runs: Path) -> None:
    ours, plain, verify = [], [], []
    with lab_hosts(["mail"], subnet=3) as (host,):
        inventory: dict[str, Any] = {
            "all": {
                "children": {
                    "mail": {
                        "hosts": {"mail": host.inventory_vars()},
                        "vars": {
                            "mail_domains": [DOMAIN],
                            "mail_listen_address": host.address,
                            "mail_manage_services": False,
                        },
                    }
                }
            }
        }
        run_playbook("mail_server.yml", inventory, runs_dir=runs)
        daemons = MailDaemons(host)
        daemons.start()
        try:
            for r in range(args.rounds):
                for who in ("ours", "plain"):
                    passwords = {
                        f"{who}{r}-{i:03d}@{DOMAIN}": os.urandom(9).hex()
                        for i in range(args.mailboxes)
                    }
                    extravars = {"mailboxes": [{"address": a} for a in passwords]}
                    secrets = {
                        "mailbox_password_hashes": {
                            a: sha512_crypt(p) for a, p in passwords.items()
                        }
                    }
                    if who == "ours":
                        start = time.monotonic()
                        result = run_playbook(
                            "mailboxes.yml",
                            inventory,
                            extravars=extravars,
                            secrets=secrets,
                            runs_dir=runs,
                        )
                        ours.append(time.monotonic() - start)
                        assert result.hosts["mail"].status == "changed", result.hosts
                    else:
                        plain.append(_plain(json.loads(json.dumps(inventory)), extravars, secrets))
                    verify.append(_verify(host.address, passwords))
        finally:
            daemons.stop()
    o, p = statistics.median(ours), statistics.median(plain)
    print(f"{args.mailboxes} mailboxes, {args.rounds} rounds (median wall time)")
    print(f"  crisis runner     : {o:6.2f} s   runs {', '.join(f'{x:.2f}' for x in ours)}")
    print(f"  plain ansible-pb  : {p:6.2f} s   runs {', '.join(f'{x:.2f}' for x in plain)}")
    print(f"  overhead          : {100 * (o / p - 1):+.1f} %  (goal: within 10 %)")
    print(f"  IMAP verification : {statistics.median(verify):6.2f} s for {args.mailboxes} logins")


if __name__ == "__main__":
    main()
