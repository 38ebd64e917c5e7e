"""Insurance proofs the borrower hands over (seed 000 art. 4.1), and whether a loan may open
without one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlmodel import Session

from crisis.domain.free_text import checked_text
from crisis.domain.paris_time import paris_date
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services import evidence_files
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import agreement_obligations as repo
from inventory.repo import loans as loans_repo
from inventory.tables import Agreement, InsuranceProof

#: A proof ending this close shows on the dashboard.
EXPIRY_WARNING = timedelta(days=30)


class Cover(StrEnum):
    """What art. 4.1 asks the borrower to be insured for."""

    CIVIL_LIABILITY = "civil_liability"
    PROPERTY_DAMAGE = "property_damage"


class InsuranceRule(StrEnum):
    """What happens when a loan opens without a valid proof for every cover."""

    REFUSE = "refuse"
    WARN = "warn"  # allowed; the warning is journaled with the loan


@dataclass(frozen=True, slots=True)
class ProofView:
    """An insurance proof as recorded, and whether its kept file is unaltered."""

    id: int
    agreement: str
    insurer: str
    policy_number: str
    covers: tuple[Cover, ...]
    valid_from: date
    valid_until: date
    file_name: str
    file_sha256: str
    file_intact: bool
    recorded_by: str
    recorded_at: datetime


def add_proof(
    ws: Workspace,
    agreement: str,
    *,
    file: Path,
    insurer: str,
    policy_number: str,
    covers: Sequence[Cover],
    valid_from: date,
    valid_until: date,
) -> ProofView:
    """Record an insurance proof for `agreement`; its file is kept with its SHA-256 (journaled).

    Raises:
        NotFoundError: no such agreement.
        ValidationError: a field is empty, the dates are reversed, or the file cannot be read.
    """
    operator = ws.acting_operator()
    insurer = checked_text(insurer, "insurer")
    policy_number = checked_text(policy_number, "policy_number")
    for value, where in ((insurer, "insurer"), (policy_number, "policy_number")):
        if not value:
            raise ValidationError(msg("error.insurance.empty", field=where), where=where)
    if not covers:
        raise ValidationError(msg("error.insurance.no_cover"), where="cover")
    if valid_until < valid_from:
        raise ValidationError(
            msg("error.insurance.dates", until=str(valid_until), start=str(valid_from)),
            where="valid_until",
        )
    data, sha = evidence_files.read_evidence(file, "file")
    kinds = tuple(sorted(set(covers)))
    with ws.db.session(write=True) as s:
        a = _agreement(s, agreement)
        assert a.id is not None
        proof = InsuranceProof(
            agreement_id=a.id,
            insurer=insurer.strip(),
            policy_number=policy_number.strip(),
            covers=",".join(kinds),
            valid_from=valid_from,
            valid_until=valid_until,
            file_name=file.name,
            file_sha256=sha,
            recorded_by=operator,
            recorded_at=datetime.now(UTC),
        )
        s.add(proof)
        s.flush()
        after = {
            "insurer": proof.insurer,
            "policy_number": proof.policy_number,
            "covers": list(kinds),
            "valid_from": valid_from.isoformat(),
            "valid_until": valid_until.isoformat(),
            "file_name": proof.file_name,
            "file_sha256": sha,
        }
        record(
            s,
            operator,
            [Change("agreement.insurance_proof_added", "agreement", a.reference, None, after)],
        )
        evidence_files.keep(data, sha)
        return _view(proof, a.reference)


def set_rule(ws: Workspace, agreement: str, rule: InsuranceRule) -> None:
    """Say whether a loan under `agreement` may open without a valid proof (journaled)."""
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        a = _agreement(s, agreement)
        before = a.insurance_rule
        a.insurance_rule = rule.value
        s.add(a)
        change = Change(
            "agreement.insurance_rule_set",
            "agreement",
            a.reference,
            {"insurance_rule": before},
            {"insurance_rule": rule.value},
        )
        record(s, operator, [change])


def proofs(ws: Workspace, agreement: str) -> list[ProofView]:
    """The insurance proofs of `agreement`, latest validity first."""
    with ws.db.session() as s:
        a = _agreement(s, agreement)
        return proofs_in(s, a)


def proofs_in(s: Session, a: Agreement) -> list[ProofView]:
    """The insurance proofs of `a` in the caller's session."""
    assert a.id is not None
    return [_view(p, a.reference) for p in repo.proofs_of(s, a.id)]


def missing_covers(s: Session, a: Agreement, day: date) -> tuple[Cover, ...]:
    """The covers of art. 4.1 that no proof valid on `day` (Paris) attests."""
    held = {c for p in proofs_in(s, a) if p.valid_from <= day <= p.valid_until for c in p.covers}
    return tuple(c for c in Cover if c not in held)


def loan_warning(s: Session, a: Agreement, now: datetime) -> dict[str, Any] | None:
    """A loan is about to open under `a`: without a valid proof for every cover, refuse it,
    or return what to journal with it (``loan.insurance_missing``), as the agreement says.

    Raises:
        ValidationError: the agreement refuses loans without a valid proof (names the covers).
    """
    day = paris_date(now)
    missing = missing_covers(s, a, day)
    if not missing:
        return None
    names = ", ".join(missing)
    if a.insurance_rule != InsuranceRule.WARN.value:
        raise ValidationError(
            msg("error.insurance.missing", reference=a.reference, day=str(day), covers=names),
            where="insurance",
        )
    return {"agreement": a.reference, "on": day.isoformat(), "missing_covers": list(missing)}


def expiring(s: Session, now: datetime) -> list[ProofView]:
    """Proofs whose validity ends within :data:`EXPIRY_WARNING` of `now`, soonest first."""
    day = paris_date(now)
    return [
        _view(p, a.reference)
        for p, a in repo.proofs_ending_between(s, day, paris_date(now + EXPIRY_WARNING))
    ]


def _agreement(s: Session, reference: str) -> Agreement:
    a = loans_repo.agreement(s, reference)
    if a is None:
        raise NotFoundError(msg("error.agreement.not_found", reference=reference))
    return a


def _view(p: InsuranceProof, agreement: str) -> ProofView:
    assert p.id is not None
    return ProofView(
        id=p.id,
        agreement=agreement,
        insurer=p.insurer,
        policy_number=p.policy_number,
        covers=tuple(Cover(c) for c in p.covers.split(",") if c),
        valid_from=p.valid_from,
        valid_until=p.valid_until,
        file_name=p.file_name,
        file_sha256=p.file_sha256,
        file_intact=evidence_files.intact(p.file_sha256),
        recorded_by=p.recorded_by,
        recorded_at=p.recorded_at,
    )
