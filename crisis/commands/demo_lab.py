"""``crisis demo --lab``: wire the demo inventory to the running hand lab and say how."""

from __future__ import annotations

from pathlib import Path

from crisis.commands.common import echo_safe, reported
from crisis.commands.vault import _asked as with_vault_passphrase
from crisis.i18n import default_language, t
from crisis.lab.session import read_settings
from crisis.services.demo_lab import wire_demo_to_lab
from crisis.services.vault import status
from crisis.services.workspace import Workspace


def wire(ws: Workspace, settings_file: Path | None) -> None:
    """Read the running lab's settings and wire the demo inventory to its peers."""
    lang = default_language()
    with reported():
        lab = read_settings(settings_file)
        if lab.switch is not None and status(ws).initialised:
            with_vault_passphrase(ws)
        done = wire_demo_to_lab(ws, lab)
    for tag, name, address in done.laptops:
        echo_safe(t("newcomer.demo.lab.laptop", lang, tag=tag, name=name, address=address))
    if done.mail_address:
        domains = ", ".join(done.mail_domains)
        echo_safe(t("newcomer.demo.lab.mail", lang, address=done.mail_address, domains=domains))
    if done.switch_tag:
        echo_safe(
            t(
                "newcomer.demo.lab.switch",
                lang,
                tag=done.switch_tag,
                address=done.switch_address,
                port=done.switch_port,
            )
        )
    echo_safe(t("newcomer.demo.lab.done", lang, subnet=f"127.0.{done.subnet}.0/24"))
