"""Queries on crises, loans, their items and scans, incidents and clocks."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ARRAY, String, any_, bindparam, exists, func, insert, select, text, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from inventory.tables import (
    Agreement,
    Asset,
    AssetModel,
    Crisis,
    ForensicHold,
    Incident,
    KitTemplate,
    KitTemplateLine,
    Loan,
    LoanItem,
    Organisation,
    ReturnScan,
    SlaClock,
    table_of,
)

#: Values bound in one ``IN (...)`` list: under SQLite's limit (32,766 since 3.32), so a
#: return of thousands of items is one statement on either backend.
_IN_CHUNK = 30_000


def crisis(s: Session, reference: str) -> Crisis | None:
    """A crisis by reference."""
    return s.scalars(select(Crisis).where(col(Crisis.reference) == reference)).first()


def loan(s: Session, reference: str, *, for_update: bool = False) -> Loan | None:
    """A loan by reference (locked for the transaction when asked)."""
    stmt = select(Loan).where(col(Loan.reference) == reference)
    return s.scalars(stmt.with_for_update() if for_update else stmt).first()


def loans_of(s: Session, crisis_id: int) -> Sequence[Loan]:
    """A crisis's loans, oldest first."""
    return s.scalars(
        select(Loan).where(col(Loan.crisis_id) == crisis_id).order_by(col(Loan.id))
    ).all()


def active_loans(s: Session, states: Sequence[str]) -> Sequence[tuple[Loan, Organisation]]:
    """Loans in the given states with their borrower."""
    stmt = (
        select(Loan, Organisation)
        .join(Agreement, col(Agreement.id) == col(Loan.agreement_id))
        .join(Organisation, col(Organisation.id) == col(Agreement.borrower_id))
        .where(col(Loan.state).in_(states))
        .order_by(col(Organisation.name), col(Loan.reference))
    )
    return [(row[0], row[1]) for row in s.execute(stmt).all()]


def loan_references(s: Session, prefix: str) -> Sequence[str]:
    """The references of loans starting with `prefix` (e.g. a year's ``PRET-2026-``)."""
    stmt = select(col(Loan.reference)).where(
        col(Loan.reference).startswith(prefix, autoescape=True)
    )
    return s.scalars(stmt).all()


def agreement(s: Session, reference: str) -> Agreement | None:
    """An agreement by reference."""
    return s.scalars(select(Agreement).where(col(Agreement.reference) == reference)).first()


def organisation(s: Session, name_or_insee: str) -> Organisation | None:
    """An organisation by exact name or INSEE code."""
    stmt = select(Organisation).where(
        (col(Organisation.name) == name_or_insee) | (col(Organisation.insee_code) == name_or_insee)
    )
    return s.scalars(stmt).first()


def template(s: Session, name: str) -> tuple[KitTemplate, Sequence[KitTemplateLine]] | None:
    """A kit template and its lines."""
    t = s.scalars(select(KitTemplate).where(col(KitTemplate.name) == name)).first()
    if t is None:
        return None
    lines = s.scalars(
        select(KitTemplateLine)
        .where(col(KitTemplateLine.template_id) == t.id)
        .order_by(col(KitTemplateLine.id))
    ).all()
    return t, lines


def ready_assets(s: Session, categories: Sequence[str], *, lock: bool) -> Sequence[Asset]:
    """Assets in stock of these categories (unlocked reads: benches, listings)."""
    stmt = (
        select(Asset)
        .where(col(Asset.state) == "in_stock", col(Asset.category).in_(categories))
        .order_by(col(Asset.tag))
    )
    if lock:
        stmt = stmt.with_for_update(skip_locked=True)
    return s.scalars(stmt).all()


def ready_for_line(
    s: Session,
    category: str,
    model_id: int | None,
    quantity: int,
    *,
    besides: Sequence[str] = (),
    lock: bool,
) -> Sequence[Asset]:
    """At most `quantity` assets in stock of this category (and model, when named), not
    among `besides`; with `lock`, only those rows are locked and rows other transactions
    hold are skipped.

    ``FOR UPDATE SKIP LOCKED ... LIMIT`` lets two technicians assemble kits at once on
    PostgreSQL without ever getting the same asset, each locking no more than its kit needs;
    SQLite serialises writers instead.
    """
    stmt = select(Asset).where(col(Asset.state) == "in_stock", col(Asset.category) == category)
    if model_id is not None:
        stmt = stmt.where(col(Asset.model_id) == model_id)
    if besides:
        stmt = stmt.where(col(Asset.tag).not_in(list(besides)))
    stmt = stmt.order_by(col(Asset.tag)).limit(quantity)
    if lock:
        stmt = stmt.with_for_update(skip_locked=True)
    return s.scalars(stmt).all()


def model_names(s: Session, ids: Sequence[int]) -> dict[int, str]:
    """Asset models by id, as "manufacturer name"."""
    rows = s.scalars(select(AssetModel).where(col(AssetModel.id).in_(list(ids)))).all()
    return {m.id: f"{m.manufacturer} {m.name}".strip() for m in rows if m.id is not None}


def items(s: Session, loan_id: int) -> Sequence[LoanItem]:
    """A loan's items, in the order they were bound."""
    return s.scalars(
        select(LoanItem).where(col(LoanItem.loan_id) == loan_id).order_by(col(LoanItem.id))
    ).all()


def assets_by_tags(s: Session, tags: Sequence[str], *, for_update: bool = False) -> list[Asset]:
    """Assets with these tags, in tag order."""
    out: list[Asset] = []
    for i in range(0, len(tags), 900):
        stmt = select(Asset).where(col(Asset.tag).in_(tags[i : i + 900])).order_by(col(Asset.tag))
        out.extend(s.scalars(stmt.with_for_update() if for_update else stmt).all())
    return out


def scans(s: Session, loan_id: int, *, withdrawn: bool = False) -> Sequence[ReturnScan]:
    """A loan's return scans in scan order: those standing, or also the withdrawn ones."""
    stmt = select(ReturnScan).where(col(ReturnScan.loan_id) == loan_id)
    if not withdrawn:
        stmt = stmt.where(col(ReturnScan.withdrawn_at).is_(None))
    return s.scalars(stmt.order_by(col(ReturnScan.id))).all()


def clocks(s: Session, *, running_only: bool = True) -> Sequence[SlaClock]:
    """SLA clocks (the running ones by default), by due time."""
    stmt = select(SlaClock).order_by(col(SlaClock.due_at))
    if running_only:
        stmt = stmt.where(col(SlaClock.stopped_at).is_(None))
    return s.scalars(stmt).all()


def agreement_of(s: Session, borrower_id: int) -> Agreement | None:
    """A borrower's most recent agreement."""
    stmt = (
        select(Agreement)
        .where(col(Agreement.borrower_id) == borrower_id)
        .order_by(col(Agreement.start_date).desc())
    )
    return s.scalars(stmt).first()


def templates(s: Session) -> Sequence[KitTemplate]:
    """Every kit template, by name."""
    return s.scalars(select(KitTemplate).order_by(col(KitTemplate.name))).all()


def incidents_of_loan(s: Session, loan_id: int) -> Sequence[Incident]:
    """A loan's incidents (breakdowns, losses, thefts), oldest first."""
    stmt = select(Incident).where(col(Incident.loan_id) == loan_id).order_by(col(Incident.id))
    return s.scalars(stmt).all()


def clocks_of_incidents(s: Session, incident_ids: Sequence[int]) -> Sequence[SlaClock]:
    """The clocks these incidents started, in order."""
    if not incident_ids:
        return []
    stmt = select(SlaClock).where(col(SlaClock.incident_id).in_(list(incident_ids)))
    return s.scalars(stmt.order_by(col(SlaClock.id))).all()


def incidents_of_crisis(s: Session, crisis_id: int) -> Sequence[Incident]:
    """A crisis's incidents, oldest first."""
    stmt = select(Incident).where(col(Incident.crisis_id) == crisis_id).order_by(col(Incident.id))
    return s.scalars(stmt).all()


def _postgres(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def _tag_chunks(
    s: Session, column: ColumnElement[str], tags: Sequence[str]
) -> Iterator[ColumnElement[bool]]:
    """Conditions matching `column` against `tags`: on PostgreSQL one ``= ANY(array)`` with
    the tags bound as one array (nothing to expand, whatever their number); elsewhere
    ``IN`` lists of at most `_IN_CHUNK` values."""
    if _postgres(s):
        yield column == any_(bindparam("tags", list(tags), type_=ARRAY(String)))
        return
    for i in range(0, len(tags), _IN_CHUNK):
        yield column.in_(tags[i : i + _IN_CHUNK])


class ReturningAsset(NamedTuple):
    """What the return desk needs of a scanned device, read with its row locked."""

    tag: str
    state: str
    category: str
    owner_id: int | None
    lent: bool  # one of the loan's items
    seal: str | None  # the seal of a forensic hold not released, if any


def returning_assets(s: Session, loan_id: int, tags: Sequence[str]) -> list[ReturningAsset]:
    """The assets with these tags, locked for the transaction, in tag order; each says
    whether loan `loan_id` lent it and the seal of its open forensic hold (one statement for
    the whole return: the desk's round trips do not grow with the kit)."""
    a, item, hold = table_of(Asset).c, table_of(LoanItem).c, table_of(ForensicHold).c
    lent = exists().where(item.loan_id == loan_id, item.asset_tag == a.tag)
    seal = (
        select(func.max(hold.seal_number))
        .where(hold.asset_tag == a.tag, hold.released_at.is_(None))
        .scalar_subquery()
    )
    out: list[ReturningAsset] = []
    for matches in _tag_chunks(s, a.tag, tags):
        stmt = (
            select(a.tag, a.state, a.category, a.owner_id, lent.label("lent"), seal.label("seal"))
            .where(matches)
            .order_by(a.tag)
            .with_for_update(of=table_of(Asset))
        )
        out.extend(ReturningAsset._make(row) for row in s.execute(stmt))
    return out


def set_states(
    s: Session, groups: Mapping[tuple[str, str | None], Sequence[str]], now: datetime
) -> None:
    """Set-based moves: for each (state, condition or None to keep it), one UPDATE of every
    asset in its tag list, stamped `now`."""
    a = table_of(Asset).c
    for (state, condition), tags in groups.items():
        values: dict[str, Any] = {"state": state, "updated_at": now}
        if condition is not None:
            values["condition"] = condition
        for matches in _tag_chunks(s, a.tag, tags):
            s.execute(update(table_of(Asset)).where(matches).values(values))


def add_scans(
    s: Session, loan_id: int, scanned_at: datetime, operator: str, scans: Sequence[NewScan]
) -> None:
    """Insert the return scans of one desk action in one statement (PostgreSQL: the columns
    bound as arrays and unnested; SQLite: one executemany, in process)."""
    if not scans:
        return
    if _postgres(s):
        s.execute(
            text(
                "INSERT INTO return_scan (loan_id, asset_tag, condition, serial_read, "
                "scanned_at, operator, kind, moved_from, withdrawn_by) "
                "SELECT :loan_id, t.asset_tag, t.condition, t.serial_read, :scanned_at, "
                ":operator, t.kind, t.moved_from, '' FROM ROWS FROM (json_to_recordset("
                "CAST(:rows AS json)) AS (asset_tag text, condition text, serial_read text, "
                "kind text, moved_from text)) WITH ORDINALITY "
                "AS t(asset_tag, condition, serial_read, kind, moved_from, n) ORDER BY t.n"
            ),
            {"loan_id": loan_id, "scanned_at": scanned_at, "operator": operator,
             "rows": json.dumps([x._asdict() for x in scans])},
        )  # fmt: skip
        return
    fixed = {"loan_id": loan_id, "scanned_at": scanned_at, "operator": operator}
    s.execute(
        insert(table_of(ReturnScan)),
        [{**fixed, **x._asdict(), "withdrawn_at": None, "withdrawn_by": ""} for x in scans],
    )


class NewScan(NamedTuple):
    """One scan to record (the columns that vary within one desk action)."""

    asset_tag: str
    condition: str
    serial_read: str
    kind: str
    moved_from: str


class ScanRow(NamedTuple):
    """A standing return scan as a report needs it."""

    asset_tag: str
    condition: str
    serial_read: str
    category: str | None  # None for a tag no asset has


def scans_with_category(s: Session, loan_id: int) -> list[ScanRow]:
    """A loan's standing return scans in scan order, each with its asset's category."""
    stmt = (
        select(
            col(ReturnScan.asset_tag),
            col(ReturnScan.condition),
            col(ReturnScan.serial_read),
            col(Asset.category),
        )
        .outerjoin(Asset, col(Asset.tag) == col(ReturnScan.asset_tag))
        .where(col(ReturnScan.loan_id) == loan_id, col(ReturnScan.withdrawn_at).is_(None))
        .order_by(col(ReturnScan.id))
    )
    return [ScanRow._make(row) for row in s.execute(stmt)]
