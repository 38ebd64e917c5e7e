"""Start the lab by hand: ``sudo python -m crisis.lab --laptops 3 --mail``, Ctrl-C stops it.

Prints an Ansible inventory (JSON) for the started hosts, so a newcomer can run the
playbooks with plain ``ansible-playbook -i inventory.json ...`` against real hosts.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from crisis.lab.laptops import lab_hosts


def main(argv: list[str] | None = None) -> int:
    """Start lab laptops (and a mail host), print their inventory, wait for Ctrl-C.

    Args:
        argv: command-line arguments (``sys.argv[1:]`` when omitted).

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m crisis.lab", description=__doc__)
    parser.add_argument("--laptops", type=int, default=3, help="number of laptops (default 3)")
    parser.add_argument("--mail", action="store_true", help="also start a mail host")
    parser.add_argument("--inventory", type=Path, help="write the inventory JSON to this file")
    args = parser.parse_args(argv)

    names = [f"laptop-{i:02d}" for i in range(1, args.laptops + 1)]
    if args.mail:
        names.append("mail")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with lab_hosts(names) as hosts:
        inventory: dict[str, Any] = {"all": {"children": {"laptops": {"hosts": {}}}}}
        for host in hosts:
            if host.name == "mail":
                inventory["all"]["children"]["mail"] = {
                    "hosts": {"mail": host.inventory_vars()},
                    "vars": {
                        "mail_domains": ["ville-test.fr"],
                        "mail_listen_address": host.address,
                        "mail_manage_services": False,
                    },
                }
            else:
                inventory["all"]["children"]["laptops"]["hosts"][host.name] = {
                    **host.inventory_vars(),
                    "asset_tag": host.name.upper(),
                }
        text = json.dumps(inventory, indent=2)
        if args.inventory:
            args.inventory.write_text(text)
        print(text)
        print("lab running; Ctrl-C stops it and deletes every host", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
