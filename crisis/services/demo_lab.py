"""``crisis demo --lab``: wire the demo inventory to the running hand lab (``dev.py lab``).

The lab's laptops become the first laptops in stock (their ``ansible_*`` attributes and MAC
addresses), its
mail host the isolated mail host serving the demo towns' crisis domains, and its switch
simulator the first switch in stock (management address, ports, and its credentials in the
vault). Every change goes through the ordinary services, so each is checked and journaled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import col, select

from crisis.domain.assets import AssetState, Category
from crisis.domain.host_keys import HOST_KEYS_ATTRIBUTE
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.domain.tags import tag_key
from crisis.errors import ConfigurationError, ValidationError
from crisis.i18n import msg
from crisis.lab.session import LabSettings
from crisis.services import assets, host_keys, mailboxes, vault, vault_secrets
from crisis.services.workspace import Workspace
from inventory.tables import Asset


@dataclass(frozen=True, slots=True)
class LabWiring:
    """What was wired: (tag, lab name, address) per laptop, the mail host, the switch."""

    subnet: int
    laptops: tuple[tuple[str, str, str], ...]
    mail_address: str | None
    mail_domains: tuple[str, ...]
    switch_tag: str | None
    switch_address: str | None
    switch_port: int | None


def _targets(
    ws: Workspace, category: Category, count: int, wired: Callable[[Asset], bool]
) -> list[str]:
    """`count` assets of `category`: those wired to a lab before (a restarted lab takes the
    same ones back), then those in stock, each in tag order."""
    with ws.db.session() as s:
        stmt = select(Asset).where(col(Asset.category) == category.value)
        rows = sorted(s.scalars(stmt).all(), key=lambda a: tag_key(a.tag))
    before = [a.tag for a in rows if wired(a)]
    stock = [a.tag for a in rows if not wired(a) and a.state == AssetState.IN_STOCK.value]
    tags = (before + stock)[:count]
    if len(tags) < count:
        raise ValidationError(
            msg(
                "error.lab.too_few",
                count=count,
                category=msg(f"doc.v.{category.value}"),
                free=len(tags),
            ),
            where="stock",
        )
    return tags


def _store(ws: Workspace, ref: SecretRef, value: str, login: str = "") -> None:
    held = {v.ref for v in vault_secrets.list_secrets(ws)}
    if ref in held:
        vault_secrets.rotate_secret(ws, ref, value=value)
    else:
        vault_secrets.store_secret(ws, ref, kind=SecretKind.SWITCH, value=value, login=login)


def wire_demo_to_lab(ws: Workspace, lab: LabSettings) -> LabWiring:
    """Point the demo inventory at the running lab's peers (again after a lab restart).

    Raises:
        ConfigurationError: the lab has a switch but the vault is not initialised or locked.
        ValidationError: not enough stock for the lab's laptops.
    """
    ws.acting_operator()
    if lab.switch is not None:
        state = vault.status(ws)
        if not state.initialised:
            raise ConfigurationError(msg("error.lab.vault"))
        if not state.unlocked:
            vault.unlock(ws)
    laptops = []
    for tag, host in zip(
        _targets(ws, Category.LAPTOP, len(lab.laptops), lambda a: "ansible_host" in a.attributes),
        lab.laptops,
        strict=True,
    ):
        # The demo's MAC addresses are made up: the inventory takes the lab laptop's own, as
        # a technician would record a real device's.
        connection = {k: v for k, v in host.connection.items() if k != HOST_KEYS_ATTRIBUTE}
        assets.set_fields(ws, tag, {**connection, "mac_addresses": ";".join(host.macs)})
        for line in host.connection.get(HOST_KEYS_ATTRIBUTE) or []:
            host_keys.pin_host_key(ws, tag, str(line), replace=True)
        laptops.append((tag, host.name, host.address))
    if lab.mail is not None:
        m = lab.mail
        mailboxes.configure_mail_host(ws, m.address, m.connection, m.domains, m.vars)
    switch_tag = None
    if lab.switch is not None:
        sw = lab.switch
        held = {v.ref.owner_id for v in vault_secrets.list_secrets(ws) if v.kind == "switch"}
        (switch_tag,) = _targets(ws, Category.SWITCH, 1, lambda a: a.tag in held)
        assets.set_fields(
            ws,
            switch_tag,
            {"mgmt_address": sw.address, "ports": sw.ports, "uplink": sw.uplink},
        )
        host_keys.pin_host_key(ws, switch_tag, sw.host_key, replace=True)
        _store(ws, SecretRef("switch", switch_tag, "password"), sw.password, sw.username)
        _store(ws, SecretRef("switch", switch_tag, "enable"), sw.secret)
    return LabWiring(
        subnet=lab.subnet,
        laptops=tuple(laptops),
        mail_address=lab.mail.address if lab.mail else None,
        mail_domains=tuple(lab.mail.domains) if lab.mail else (),
        switch_tag=switch_tag,
        switch_address=lab.switch.address if lab.switch else None,
        switch_port=lab.switch.port if lab.switch else None,
    )
