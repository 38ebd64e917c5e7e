"""Who signs for each party of an agreement, and by which act: the representative's name,
position and habilitation (deliberation or arrêté, its date), and the date of the
deliberation that approved the agreement. The joint documents print them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from crisis.domain.free_text import checked_name, checked_text
from crisis.domain.loans import Party
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import loans as loans_repo
from inventory.tables import Organisation, Person


@dataclass(frozen=True, slots=True)
class RepresentativeView:
    """A party's representative as recorded (and printed on its documents)."""

    organisation: str
    name: str
    position: str
    act: str
    act_date: date | None


def set_representative(
    ws: Workspace, agreement: str, party: Party, name: str, position: str, act: str, act_date: str
) -> RepresentativeView:
    """Record who represents `party` under `agreement`, and the act that authorises them
    (it replaces the party's representative recorded before; journaled with it).

    Raises:
        NotFoundError: no such agreement.
        ValidationError: no name, position or act, or a date of another shape.
    """
    operator = ws.acting_operator()
    name = checked_name(name, "name").strip() if name.strip() else ""
    position, act = checked_text(position, "position").strip(), checked_text(act, "act").strip()
    if not (name and position and act):
        raise ValidationError(msg("signatures.representative.missing"), where="representative")
    day = _day(act_date)
    with ws.db.session(write=True) as s:
        a = loans_repo.agreement(s, agreement)
        if a is None:
            raise NotFoundError(f"no agreement with reference {agreement!r}")
        org = s.get(Organisation, a.lender_id if party is Party.LENDER else a.borrower_id)
        assert org is not None
        assert org.id is not None
        person = s.scalars(
            select(Person)
            .where(col(Person.organisation_id) == org.id)
            .where(col(Person.role) == "representative")
            .order_by(col(Person.id))
        ).first()
        before = _facts(person) if person is not None else None
        if person is None:
            person = Person(organisation_id=org.id, name=name, role="representative")
        person.name, person.position = name, position
        person.delegation, person.delegation_date = act, day
        s.add(person)
        after = {"agreement": a.reference, "party": party.value, **_facts(person)}
        record(
            s,
            operator,
            [Change("party.representative_set", "organisation", org.name, before, after)],
        )
        return RepresentativeView(org.name, name, position, act, day)


def set_deliberation_date(ws: Workspace, agreement: str, day: str) -> date:
    """Record the date of the deliberation that approved `agreement` (its reference is the
    deliberation's number); journaled.

    Raises:
        NotFoundError: no such agreement.
        ValidationError: a date of another shape.
    """
    operator = ws.acting_operator()
    when = _day(day)
    with ws.db.session(write=True) as s:
        a = loans_repo.agreement(s, agreement)
        if a is None:
            raise NotFoundError(f"no agreement with reference {agreement!r}")
        before = {"deliberation_date": a.deliberation_date.isoformat() if a.deliberation_date
                  else None}  # fmt: skip
        a.deliberation_date = when
        s.add(a)
        after = {"deliberation_date": when.isoformat()}
        record(
            s, operator, [Change("agreement.deliberation_dated", "agreement", a.reference,
                                 before, after)],
        )  # fmt: skip
    return when


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            msg("signatures.representative.date", value=text), where="date"
        ) from None


def _facts(p: Person) -> dict[str, str]:
    return {
        "name": p.name,
        "position": p.position,
        "act": p.delegation or "",
        "act_date": p.delegation_date.isoformat() if p.delegation_date else "",
    }
