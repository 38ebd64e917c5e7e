"""The isolated mail host as the playbooks see it: its recorded setting and its inventory
group, shared by the mailbox runs and the inventory given to plain Ansible."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from inventory.repo import mail as repo

if TYPE_CHECKING:
    from crisis.services.workspace import Workspace

#: Setting key of the mail host (address, connection, domains, playbook variables).
MAIL_HOST = "mail_host"


def mail_host_setting(s: Session) -> dict[str, Any] | None:
    """The recorded mail host, or None when none was configured."""
    return repo.get_setting(s, MAIL_HOST)


@dataclass(frozen=True, slots=True)
class MailHostView:
    """The recorded mail host as a front end shows it: no connection variable."""

    address: str
    domains: tuple[str, ...]


def recorded_mail_host(ws: Workspace) -> MailHostView | None:
    """The mail host recorded (``crisis mailboxes host``), or None when there is none."""
    with ws.db.session() as s:
        host = mail_host_setting(s)
    if host is None:
        return None
    return MailHostView(str(host.get("address", "")), tuple(str(d) for d in host["domains"]))


def mail_group(host: Mapping[str, Any]) -> dict[str, Any]:
    """The ``mail`` inventory group: the host ``mail`` with its connection variables; the
    playbook variables recorded with it (mail_relayhost, mail_hostname...), then what the tool
    itself knows (domains, listen address), which they cannot override."""
    return {
        "hosts": {"mail": dict(host["connection"])},
        "vars": {
            **dict(host.get("vars") or {}),
            "mail_domains": list(host["domains"]),
            "mail_listen_address": host["address"],
        },
    }
