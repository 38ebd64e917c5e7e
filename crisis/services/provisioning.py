"""Running the playbooks on the inventory's devices: clean and sanitise laptops, with records.

The device work happens first, outside any transaction; what it found is then written in
one transaction (run record, facts, contradictions, sanitisation records, state changes,
journal). A run killed half-way therefore leaves nothing half-recorded, and since every
playbook is idempotent the next run repairs whatever the device was left with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from crisis.adapters.ansible_run import PlaybookEvent, RunResult, run_playbook

__all__ = ["PlaybookEvent", "RunView"]
from crisis.domain.assets import AssetState, Category, check_transition
from crisis.domain.host_keys import HOST_KEYS_ATTRIBUTE
from crisis.domain.loans import LoanState
from crisis.domain.password_hash import sha512_crypt
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.errors import ValidationError
from crisis.i18n import msg
from crisis.services import vault_secrets
from crisis.services.assets import refuse_held, require_asset
from crisis.services.holder_mailboxes import holder_profiles
from crisis.services.journaling import Change, record
from crisis.services.mail_host import mail_group, mail_host_setting
from crisis.services.workspace import Workspace
from inventory.repo import assets as assets_repo
from inventory.repo import kit_devices
from inventory.repo import runs as repo
from inventory.tables import Asset, PlaybookRun, SanitisationRecord

OnEvent = Callable[[PlaybookEvent], None]
ShouldCancel = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class HostOutcome:
    """How a run ended on one device."""

    host: str
    status: str
    message: str
    contradictions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunView:
    """A finished run, as recorded."""

    id: int
    playbook: str
    status: str
    summary: str
    duration: float
    check: bool
    hosts: tuple[HostOutcome, ...]

    @property
    def failed_hosts(self) -> tuple[str, ...]:
        """Devices to re-run: failed or unreachable."""
        return tuple(h.host for h in self.hosts if h.status in ("failed", "unreachable"))


def ansible_inventory(ws: Workspace, tags: Sequence[str] | None = None) -> dict[str, Any]:
    """The inventory Ansible sees: laptops (by asset tag) with what the playbooks compare.

    A laptop is reachable when its attributes hold ``ansible_host`` (and optionally other
    ``ansible_*`` connection variables); others are left out when `tags` is None. A laptop
    with a holder's mailbox (see :mod:`crisis.services.holder_mailboxes`) gets the variables
    of its mail client profile.

    Raises:
        NotFoundError / ValidationError: a named tag is unknown, not a laptop or unreachable.
    """
    with ws.db.session() as s:
        laptops = _laptops(s, tags)
        profiles = holder_profiles(s, laptops)
    hosts = {a.tag: {**_host_vars(a), **profiles.get(a.tag, {})} for a in laptops}
    return {"all": {"children": {"laptops": {"hosts": hosts}}}}


def script_inventory(ws: Workspace) -> dict[str, Any]:
    """The whole inventory in Ansible's dynamic-inventory script protocol (``--list``).

    Groups: ``laptops`` (those with ``ansible_host``, as :func:`ansible_inventory`), ``mail``
    (the isolated mail host, when configured, with its playbook variables), ``phones`` (those
    with an ``adb_serial`` attribute, reached through adb on this station:
    ``ansible_connection: local``), and
    one ``loan_<REFERENCE>`` group per loan not closed or cancelled (dashes become
    underscores) holding its laptops and phones listed here. Host variables are under
    ``_meta.hostvars``. No secret is in it: password hashes go in a separate vars file.
    """
    laptops = ansible_inventory(ws)["all"]["children"]["laptops"]["hosts"]
    out: dict[str, Any] = {"laptops": {"hosts": sorted(laptops)}}
    hostvars: dict[str, Any] = dict(laptops)
    with ws.db.session() as s:
        host = mail_host_setting(s)
        if host is not None:
            group = mail_group(host)
            out["mail"] = {"hosts": sorted(group["hosts"]), "vars": group["vars"]}
            hostvars.update(group["hosts"])
        phones = {
            a.tag: v
            for a in assets_repo.with_attribute(s, Category.PHONE.value, "adb_serial")
            if (v := _phone_vars(a)) is not None
        }
        out["phones"] = {"hosts": sorted(phones)}
        hostvars.update(phones)
        closed = [LoanState.CLOSED.value, LoanState.CANCELLED.value]
        devices = [*laptops, *phones]
        for tag, loan in sorted(kit_devices.loans_holding(s, devices, closed).items()):
            name = "loan_" + re.sub(r"[^A-Za-z0-9_]", "_", loan.reference)
            out.setdefault(name, {"hosts": []})["hosts"].append(tag)
    out["_meta"] = {"hostvars": hostvars}
    return out


def clean_laptops(
    ws: Workspace,
    admin_passwords: Mapping[str, str],
    *,
    on_event: OnEvent | None = None,
    should_cancel: ShouldCancel | None = None,
    check: bool = False,
    limit: Sequence[str] | None = None,
) -> RunView:
    """Run ``laptop_clean`` on the laptops named in `admin_passwords` (tag → new password).

    Facts the devices report are stored on the assets; where the device's own serial or
    MAC addresses differ from the inventory, the contradiction is journaled and the
    inventory keeps its value.
    """
    operator = ws.acting_operator()
    inventory = ansible_inventory(ws, list(admin_passwords))
    # Only hashes travel to Ansible, through the runner's secrets channel.
    hashes = {tag: sha512_crypt(pw) for tag, pw in admin_passwords.items()}
    result = run_playbook(
        "laptop_clean.yml",
        inventory,
        secrets={"laptop_admin_password_hashes": hashes},
        on_event=on_event,
        should_cancel=should_cancel,
        check=check,
        limit=limit,
    )
    with ws.db.session(write=True) as s:
        changes: list[Change] = []
        outcomes: list[HostOutcome] = []
        for host, res in result.hosts.items():
            data = result.host_data(host)
            found = tuple(_describe(c) for c in data.get("contradictions", []))
            outcomes.append(HostOutcome(host, res.status, res.message, found))
            if check or "facts" not in data:
                continue
            asset = require_asset(s, host)
            asset.attributes = {**asset.attributes, "facts": dict(data["facts"])}
            s.add(asset)
            changes.append(Change("asset.facts_gathered", "asset", host, None, dict(data["facts"])))
            changes += [
                Change("asset.contradiction", "asset", host, None, dict(c))
                for c in data.get("contradictions", [])
            ]
        run_id = record_run(s, operator, result, changes)
        return run_view(run_id, result, outcomes)


def rotate_and_clean(
    ws: Workspace,
    tags: Sequence[str],
    *,
    on_event: OnEvent | None = None,
    should_cancel: ShouldCancel | None = None,
    check: bool = False,
    limit: Sequence[str] | None = None,
) -> RunView:
    """Clean laptops with a new local administrator password each, kept in the vault.

    The new password is stored (or rotated) in the vault first, then sent to the laptop as a
    hash; a failed host keeps its new password in the vault and gets it at the re-run.
    """
    ws.acting_operator()  # refuse auditors before touching the vault
    refs = {tag: SecretRef("asset", tag, "local-admin") for tag in tags}
    known = {v.ref for v in vault_secrets.list_secrets(ws)}
    if not check:
        for ref in refs.values():
            if ref not in known:
                vault_secrets.store_secret(
                    ws, ref, kind=SecretKind.LOCAL_ADMIN, login="admin-crisis"
                )
            elif limit is None:
                vault_secrets.rotate_secret(ws, ref)
    values = vault_secrets.reveal_many(ws, list(refs.values()), purpose="laptop_clean")
    passwords = {tag: values[ref] for tag, ref in refs.items()}
    return clean_laptops(
        ws, passwords, on_event=on_event, should_cancel=should_cancel, check=check, limit=limit
    )


def sanitise_laptops(
    ws: Workspace,
    tags: Sequence[str],
    *,
    on_event: OnEvent | None = None,
    should_cancel: ShouldCancel | None = None,
    check: bool = False,
) -> RunView:
    """Run ``laptop_sanitise`` on laptops in quarantine; record a sanitisation per device.

    A device whose wipe was verified moves from quarantine to sanitised; one that failed
    stays in quarantine with its failed record.

    Raises:
        InvalidTransitionError: a device is not in quarantine (nothing is run).
    """
    operator = ws.acting_operator()
    with ws.db.session() as s:
        refuse_held(s, tags, "sanitise")  # before the wipe, not after
        for tag in tags:
            asset = require_asset(s, tag)
            check_transition(tag, AssetState(asset.state), AssetState.SANITISED)
    result = run_playbook(
        "laptop_sanitise.yml",
        ansible_inventory(ws, tags),
        on_event=on_event,
        should_cancel=should_cancel,
        check=check,
    )
    now = datetime.now(UTC)
    with ws.db.session(write=True) as s:
        outcomes = [HostOutcome(h, r.status, r.message) for h, r in result.hosts.items()]
        run_id = record_run(s, operator, result, [])
        if check:
            return run_view(run_id, result, outcomes)
        for host in result.hosts:
            rec = result.host_data(host).get("sanitisation")
            if not rec:
                continue
            verification = proven_verification(rec)
            passed = verification == "passed"
            rec = {**rec, "verification": verification}
            after: dict[str, Any] = {**rec, "run_id": run_id}
            changes = [Change("asset.sanitisation_recorded", "asset", host, None, after)]
            asset = require_asset(s, host, for_update=True)
            if passed:
                changes.append(
                    Change(
                        "asset.state_changed",
                        "asset",
                        host,
                        {"state": asset.state},
                        {
                            "state": AssetState.SANITISED.value,
                            "reason": f"sanitisation run {run_id}",
                        },
                    )
                )
                asset.state = AssetState.SANITISED.value
                asset.updated_at = now
                s.add(asset)
            seq = record(s, operator, changes)
            repo.add_sanitisation(
                s,
                SanitisationRecord(
                    asset_tag=host,
                    method=str(rec.get("method", "")),
                    technique=str(rec.get("technique", "")),
                    tool=str(rec.get("tool", "")),
                    verification=str(rec.get("verification", "failed")),
                    details={
                        "accounts_wiped": rec.get("accounts_wiped", []),
                        "verification_details": rec.get("verification_details", {}),
                        "evidence_path": rec.get("evidence_path", ""),
                    },
                    evidence_sha256=str(rec.get("evidence_sha256", "")),
                    operator=operator,
                    performed_at=now,
                    run_id=run_id,
                    journal_seq=seq,
                ),
            )
        return run_view(run_id, result, outcomes)


def proven_verification(rec: Mapping[str, Any]) -> str:
    """The verification a sanitisation record may carry: "passed" only when the device
    reported it checked paths and each was empty, no loan account remained and no file of
    a removed account was found; otherwise what the playbook said ("partial", "failed"),
    and "failed" for a "passed" with no such proof."""
    said = str(rec.get("verification", "failed"))
    details = rec.get("verification_details") or {}
    left = details.get("paths_left")
    proven = (
        isinstance(left, Mapping)
        and bool(details.get("paths_checked"))
        and set(details.get("paths_checked") or ()) <= set(left)
        and not any(left.values())
        and not details.get("accounts_remaining")
        and not details.get("files_left_by_removed_accounts")
    )
    if said == "passed":
        return "passed" if proven else "failed"
    return said if said in ("partial", "failed") else "failed"


def reset_phones(
    ws: Workspace,
    tags: Sequence[str],
    *,
    adb: str | None = None,
    on_event: OnEvent | None = None,
    check: bool = False,
) -> RunView:
    """Factory-reset phones through ``adb`` on this station (USB); journaled with the
    serials the phones report, contradictions flagged, never written over.

    A phone's ``adb_serial`` attribute names it to adb (its serial number by default).
    """
    operator = ws.acting_operator()
    hosts: dict[str, Any] = {}
    with ws.db.session() as s:
        refuse_held(s, tags, "reset")  # a reset wipes what the investigators need
        for tag in tags:
            a = require_asset(s, tag)
            if a.category != Category.PHONE.value:
                raise ValidationError(
                    msg(
                        "error.asset.not_category",
                        tag=tag,
                        category=msg(f"doc.v.{a.category}"),
                        wanted=msg("doc.v.phone"),
                    ),
                    where="phones",
                )
            phone = _phone_vars(a)
            if phone is None:
                raise ValidationError(msg("error.phone.no_serial", tag=tag), where="phones")
            hosts[tag] = phone
    result = run_playbook(
        "phone_reset.yml",
        {"all": {"children": {"phones": {"hosts": hosts}}}},
        extravars={"adb": adb} if adb else None,
        on_event=on_event,
        check=check,
    )
    with ws.db.session(write=True) as s:
        changes: list[Change] = []
        outcomes: list[HostOutcome] = []
        for host, res in result.hosts.items():
            found = result.host_data(host).get("contradictions", [])
            outcomes.append(
                HostOutcome(host, res.status, res.message, tuple(_describe(c) for c in found))
            )
            changes += [Change("asset.contradiction", "asset", host, None, dict(c)) for c in found]
            if res.status in ("ok", "changed") and not check:
                data = result.host_data(host)
                # What the phone reported, beside the inventory's values (never written over).
                reported = {k: str(data.get(k, "")) for k in ("serial", "imei", "model", "android")}
                after = {"run": result.playbook, "reported": reported, "contradictions": found}
                changes.append(Change("phone.reset", "asset", host, None, after))
        run_id = record_run(s, operator, result, changes)
        return run_view(run_id, result, outcomes)


def recent_runs(ws: Workspace, limit: int = 20) -> list[RunView]:
    """The newest run records, newest first."""
    with ws.db.session() as s:
        return [
            RunView(
                id=r.id or 0,
                playbook=r.playbook,
                status=r.status,
                summary=r.summary,
                duration=r.duration,
                check=r.check,
                hosts=tuple(
                    HostOutcome(h, str(v.get("status", "")), str(v.get("message", "")))
                    for h, v in r.hosts.items()
                ),
            )
            for r in repo.recent_runs(s, limit)
        ]


def record_run(s: Session, operator: str, result: RunResult, changes: list[Change]) -> int:
    """Journal `changes` and the run, and store its record; return the record's id."""
    hosts = {
        h: {
            "status": r.status,
            "message": r.message,
            "changed": r.changed,
            "failed_task": r.failed_task,
        }
        for h, r in result.hosts.items()
    }
    summary = {
        "playbook": result.playbook,
        "status": result.status,
        "check": result.check,
        "hosts": hosts,
    }
    refused = [
        Change("ssh.host_key_refused", "ssh_host", h, None, {"message": r.message})
        for h, r in result.hosts.items()
        if r.host_key_refused
    ]
    ran = Change("playbook.ran", "playbook", result.playbook, None, summary)
    seq = record(s, operator, [*changes, *refused, ran])
    return repo.add_run(
        s,
        PlaybookRun(
            playbook=result.playbook,
            status=result.status,
            rc=result.rc,
            check=result.check,
            started_at=result.started_at,
            duration=result.duration,
            hosts=hosts,
            summary=result.summary,
            operator=operator,
            journal_seq=seq,
        ),
    )


def run_view(run_id: int, result: RunResult, outcomes: list[HostOutcome]) -> RunView:
    """The read model of a recorded run."""
    return RunView(
        id=run_id,
        playbook=result.playbook,
        status=result.status,
        summary=result.summary,
        duration=result.duration,
        check=result.check,
        hosts=tuple(sorted(outcomes, key=lambda o: o.host)),
    )


def _describe(c: Mapping[str, Any]) -> str:
    return f"{c.get('field')}: inventory {c.get('inventory')!r}, device {c.get('device')!r}"


def _laptops(s: Session, tags: Sequence[str] | None) -> list[Asset]:
    if tags is None:
        return assets_repo.with_attribute(s, Category.LAPTOP.value, "ansible_host")
    out = []
    for tag in tags:
        a = require_asset(s, tag)
        if a.category != Category.LAPTOP.value:
            raise ValidationError(
                msg(
                    "error.asset.not_category",
                    tag=tag,
                    category=msg(f"doc.v.{a.category}"),
                    wanted=msg("doc.v.laptop"),
                ),
                where="laptops",
            )
        if not (a.attributes or {}).get("ansible_host"):
            raise ValidationError(
                msg("error.laptop.no_host", tag=tag),
                where="laptops",
            )
        out.append(a)
    return out


def _phone_vars(a: Asset) -> dict[str, Any] | None:
    """How ``phone_reset.yml`` reaches a phone (adb on this station), or None: no serial.

    A phone's ``adb_serial`` attribute names it to adb (its serial number by default)."""
    serial = str((a.attributes or {}).get("adb_serial") or a.serial or "")
    if not serial:
        return None
    return {
        "ansible_connection": "local",
        "adb_serial": serial,
        "expected_serial": a.serial or "",
        "expected_imei": a.imei or "",
    }


def _host_vars(a: Asset) -> dict[str, Any]:
    conn = {
        k: v
        for k, v in (a.attributes or {}).items()
        if k.startswith("ansible_") or k == HOST_KEYS_ATTRIBUTE
    }
    return {
        **conn,
        "asset_tag": a.tag,
        "expected_serial": a.serial or "",
        "expected_macs": list(a.mac_addresses),
    }
