"""Start the hand lab: ``python3 dev.py lab`` (root). Ctrl-C or SIGTERM stops it.

Starts every peer the README walkthrough needs on a free loopback subnet: laptops with sshd,
the mail host with Postfix and Dovecot running, the switch simulator (a Catalyst 2960-X
48) and an RFC 3161 time-stamping authority (``openssl ts``, with its own test CA). Writes
the settings to ``lab.json`` in the data directory (``--settings`` elsewhere), where
``crisis demo --lab`` reads them, and prints them. Stopping leaves no process and no
mount behind.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from crisis.errors import CrisisError
from crisis.lab.laptops import LabStoppedError
from crisis.lab.session import LabSettings, running_lab, settings_path


def _summary(settings: LabSettings, path: Path) -> str:
    lines = [f"lab running on 127.0.{settings.subnet}.0/24 (pid {settings.pid})"]
    lines += [f"  laptop   {x.name}: ssh root@{x.address}" for x in settings.laptops]
    if settings.mail:
        m = settings.mail
        lines.append(f"  mail     {m.address}: SMTP 25, submission 587, IMAP 143")
        lines.append(f"           domains {', '.join(m.domains)}")
    if settings.switch:
        sw = settings.switch
        lines.append(
            f"  switch   {sw.address}:{sw.port} (Cisco IOS, ports {sw.ports}, uplink {sw.uplink}),"
            f" user {sw.username}"
        )
    if settings.tsa:
        lines.append(f"  tsa      {settings.tsa.url} (RFC 3161, root {settings.tsa.ca_file})")
        lines.append(
            f"           seal with a document timestamp: export CRISIS_TSA_URL={settings.tsa.url}"
            f" CRISIS_TSA_CA={settings.tsa.ca_file}"
        )
    lines.append(f"settings (credentials included, owner-only) in {path}")
    lines.append("wire the demo inventory to it: crisis demo --lab")
    lines.append("Ctrl-C stops the lab and deletes every host")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Start the lab, print its settings, run until Ctrl-C or SIGTERM.

    Args:
        argv: command-line arguments (``sys.argv[1:]`` when omitted).

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(
        prog="python3 dev.py lab",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--laptops",
        type=int,
        default=6,
        help="number of laptops (default 6: a 5-seat kit and a spare)",
    )
    parser.add_argument("--no-mail", action="store_true", help="no mail host")
    parser.add_argument("--no-switch", action="store_true", help="no switch simulator")
    parser.add_argument("--no-tsa", action="store_true", help="no time-stamping authority")
    parser.add_argument(
        "--subnet", type=int, help="take 127.0.SUBNET.0/24 (refused if taken); default: a free one"
    )
    parser.add_argument(
        "--domain", action="append", help="a mail domain to serve (repeat; default: demo towns')"
    )
    parser.add_argument(
        "--settings", type=Path, help=f"where to write the settings (default {settings_path()})"
    )
    parser.add_argument("--json", action="store_true", help="print the settings as JSON")
    args = parser.parse_args(argv)

    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        # Only a flag: the start-up and the wait look at it, so no step is cut in half.
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        with running_lab(
            laptops=args.laptops,
            mail=not args.no_mail,
            switch=not args.no_switch,
            tsa=not args.no_tsa,
            subnet=args.subnet,
            domains=args.domain,
            settings_file=args.settings,
            should_stop=stop.is_set,
            on_step=lambda step: print(f"lab: {step}", file=sys.stderr, flush=True),
        ) as lab:
            if args.json:
                print(lab.settings.to_json(), flush=True)
            else:
                print(_summary(lab.settings, lab.settings_file), flush=True)
            while not stop.wait(1.0):
                lab.tend()
            print("lab: stopping", file=sys.stderr, flush=True)
    except LabStoppedError:
        print("lab: stopped during start-up", file=sys.stderr)
        return 0
    except CrisisError as err:
        print(f"lab: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
