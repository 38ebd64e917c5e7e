"""The dashboard at a glance: each running clock as the share of its time left, the ready
stock against each kit template's needs, and the loans in progress per town with their stage.

Front ends render these figures (bars, colours); `crisis dashboard --json` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from crisis.domain.assets import AssetState, Category
from crisis.domain.kit_assembly import AvailableAsset, KitTemplate, TemplateLine
from crisis.domain.kit_readiness import readiness
from crisis.domain.loans import LoanState
from crisis.services.incidents import ClockView, clock_board
from crisis.services.workspace import Workspace
from inventory.repo import loans as repo

#: The stages of a loan in progress, in order (closed and cancelled loans are not shown).
STAGES: tuple[LoanState, ...] = (
    LoanState.DECLARED,
    LoanState.RESERVED,
    LoanState.PROVISIONING,
    LoanState.ACCEPTED,
    LoanState.HANDED_OVER,
    LoanState.ACTIVE,
    LoanState.RETURNING,
    LoanState.SANITISING,
)
#: The clock statuses shown on the dashboard (clocks still running).
RUNNING = ("overdue", "due_soon", "running")


@dataclass(frozen=True, slots=True)
class ClockBar:
    """A running clock and the share of its time still left.

    Attributes:
        left: time left over the clock's whole span, 0 (due or overdue) to 1 (just started).
        seconds_left: seconds until it falls due (negative once overdue).
    """

    clock: ClockView
    left: float
    seconds_left: int

    def to_json(self) -> dict[str, Any]:
        """Stable keys; times in ISO 8601 UTC."""
        c = self.clock
        return {
            "id": c.id,
            "crisis": c.crisis,
            "kind": c.kind,
            "subject": c.subject,
            "status": c.status,
            "started_at": _utc(c.started_at),
            "due_at": _utc(c.due_at),
            "left": round(self.left, 4),
            "seconds_left": self.seconds_left,
        }


@dataclass(frozen=True, slots=True)
class Shortage:
    """A template line the next kit lacks items for."""

    category: str
    model: str | None
    per_kit: int
    missing: int

    def to_json(self) -> dict[str, Any]:
        """Stable keys."""
        return {
            "category": self.category,
            "model": self.model,
            "per_kit": self.per_kit,
            "missing": self.missing,
        }


@dataclass(frozen=True, slots=True)
class KitStock:
    """A kit template against the ready stock: kits that can be assembled now, and what one
    more would lack."""

    template: str
    kits: int
    short: tuple[Shortage, ...]

    def to_json(self) -> dict[str, Any]:
        """Stable keys."""
        return {
            "template": self.template,
            "kits": self.kits,
            "short": [s.to_json() for s in self.short],
        }


@dataclass(frozen=True, slots=True)
class LoanStage:
    """A loan in progress and where it stands (`step` of `steps`, from 1)."""

    loan: str
    state: str
    step: int
    steps: int

    def to_json(self) -> dict[str, Any]:
        """Stable keys."""
        return {"loan": self.loan, "state": self.state, "step": self.step, "steps": self.steps}


@dataclass(frozen=True, slots=True)
class TownLoans:
    """A town's loans in progress, by reference."""

    town: str
    loans: tuple[LoanStage, ...]

    def to_json(self) -> dict[str, Any]:
        """Stable keys."""
        return {"town": self.town, "loans": [x.to_json() for x in self.loans]}


@dataclass(frozen=True, slots=True)
class Glance:
    """The dashboard's figures, to be seen rather than read."""

    at: datetime
    clocks: tuple[ClockBar, ...]
    kits: tuple[KitStock, ...]
    towns: tuple[TownLoans, ...]

    def to_json(self) -> dict[str, Any]:
        """Stable keys; times in ISO 8601 UTC."""
        return {
            "at": _utc(self.at),
            "clock_bars": [c.to_json() for c in self.clocks],
            "kits": [k.to_json() for k in self.kits],
            "towns": [x.to_json() for x in self.towns],
        }


def glance(ws: Workspace, at: datetime | None = None) -> Glance:
    """The running clocks' time left at `at` (now by default), the kits the ready stock makes
    per template, and the loans in progress per town (towns by name, loans by reference)."""
    now = at or datetime.now(UTC)
    bars = tuple(_bar(c, now) for c in clock_board(ws) if c.status in RUNNING)
    with ws.db.session() as s:
        kits = tuple(_kit_stock(s, name) for name in (x.name for x in repo.templates(s)))
        rows = repo.active_loans(s, [st.value for st in STAGES])
        by_town: dict[str, list[LoanStage]] = {}
        for ln, org in rows:
            state = LoanState(ln.state)
            stage = LoanStage(ln.reference, state.value, STAGES.index(state) + 1, len(STAGES))
            by_town.setdefault(org.name, []).append(stage)
    towns = tuple(TownLoans(town, tuple(stages)) for town, stages in sorted(by_town.items()))
    return Glance(now, bars, kits, towns)


def _bar(c: ClockView, now: datetime) -> ClockBar:
    span = (c.due_at - c.started_at).total_seconds()
    left = (c.due_at - now).total_seconds()
    share = 0.0 if span <= 0 else min(1.0, max(0.0, left / span))
    return ClockBar(c, share, int(left))


def _kit_stock(s: Session, name: str) -> KitStock:
    found = repo.template(s, name)
    assert found is not None
    tpl, rows = found
    ids = [x.model_id for x in rows if x.model_id is not None]
    categories = sorted({x.category for x in rows})
    assets = repo.ready_assets(s, categories, lock=False)
    names = repo.model_names(s, [*ids, *(a.model_id for a in assets if a.model_id is not None)])
    lines = tuple(
        TemplateLine(
            Category(x.category),
            x.quantity,
            names.get(x.model_id, f"model #{x.model_id}") if x.model_id is not None else None,
        )
        for x in rows
        if x.quantity > 0
    )
    pool = [
        AvailableAsset(a.tag, Category(a.category), names.get(a.model_id or -1))
        for a in assets
        if a.state == AssetState.IN_STOCK.value
    ]
    ready = readiness(KitTemplate(tpl.name, lines, tpl.mailboxes), pool)
    short = tuple(
        Shortage(x.line.category.value, x.line.model, x.line.quantity, x.missing)
        for x in ready.short
    )
    return KitStock(tpl.name, ready.kits, short)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()
