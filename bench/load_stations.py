"""Many stations on one PostgreSQL inventory at once: loans opened, kits assembled from one
shared stock, documents signed, kits handed over and scanned back, for a bounded time.

Run: .venv/bin/python -m bench.load_stations [--stations 50] [--seconds 60] [--devices 10000]
Goal (issue 17): p95 under 1 s per action at 50 stations on this machine. Baseline: the same
actions by one station alone, same server, same run (its p95 beside ours, and the ratio).
After the run the inventory is proved consistent: no device in two loans, no lost update
(each device's state is the one its last journaled move says, each action counted by its
station is in the journal), every loan's items as its state says, the journal intact.
The PostgreSQL cluster is started as the tests start one and removed at the end.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text

from bench.common import write_csv
from crisis.domain.assets import Condition
from crisis.domain.loans import Party
from crisis.domain.roles import Role
from crisis.services import documents, journal, loans
from crisis.services.asset_import import import_csv
from crisis.services.demo import seed_demo
from crisis.services.operators import add_operator
from crisis.services.workspace import Workspace, open_workspace
from inventory.tables import KitTemplate, KitTemplateLine

PASSPHRASE = "load bench passphrase"
OPERATOR = "bench"
CRISIS = "LOAD-1"
AGREEMENT = "07-2024-06"
TEMPLATE = "Kit load"
KIT = (("laptop", 2), ("phone", 2))
GOAL_P95 = 1.0
ACTIONS = (
    "open loan",
    "assemble kit",
    "provision and accept",
    "issue document",
    "sign document (lender)",
    "sign document (town)",
    "hand over",
    "scan return",
)
#: The states a loan's devices may be in, by the loan's state.
ITEM_STATES = {
    "reserved": {"reserved"},
    "provisioning": {"provisioning"},
    "accepted": {"ready"},
    "handed_over": {"on_loan"},
    "active": {"on_loan"},
    "returning": {"on_loan", "quarantine"},
}
T = TypeVar("T")


@dataclass
class StationLog:
    """What one station did: each action's latencies, and the failures by action."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: Counter[str] = field(default_factory=Counter)
    scans: int = 0
    loans: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)  # action: first words of the error


def _timed(log: StationLog, action: str, fn: Callable[[], T]) -> T:
    start = time.perf_counter()
    try:
        return fn()
    except Exception as exc:
        log.failures[action] += 1
        log.errors[f"{action}: {type(exc).__name__}: {str(exc)[:400]}"] += 1
        raise
    finally:
        log.latencies[action].append(time.perf_counter() - start)


def _one_loan(ws: Workspace, log: StationLog) -> None:
    ref = _timed(
        log, "open loan", lambda: loans.open_loan(ws, CRISIS, AGREEMENT, TEMPLATE)
    ).reference
    log.loans.append(ref)
    items = _timed(log, "assemble kit", lambda: loans.assemble(ws, ref)).items

    def accept() -> None:
        loans.start_provisioning(ws, ref)
        for party in Party:
            loans.record_signature(ws, ref, "acceptance", party)
        loans.accept(ws, ref)

    _timed(log, "provision and accept", accept)
    doc = _timed(log, "issue document", lambda: documents.issue_inventory(ws, ref)).reference
    _timed(
        log,
        "sign document (lender)",
        lambda: documents.sign_document(ws, doc, Party.LENDER, passphrase=PASSPHRASE),
    )
    _timed(
        log,
        "sign document (town)",
        lambda: documents.sign_town_handwritten(ws, doc, "représentant", b"scan", "scan.pdf"),
    )
    _timed(log, "hand over", lambda: loans.hand_over(ws, ref))
    for tag in items:
        _timed(log, "scan return", lambda tag=tag: loans.scan_return(ws, ref, tag, Condition.GOOD))
        log.scans += 1


def _station(url: str, seconds: float, start: Barrier, results: Any) -> None:
    """One station's process: loans one after the other until the time is up."""
    ws = open_workspace(url, OPERATOR)
    log = StationLog()
    start.wait()
    deadline = time.perf_counter() + seconds
    failed_in_a_row = 0
    try:
        while time.perf_counter() < deadline and failed_in_a_row < 3:
            try:
                _one_loan(ws, log)
                failed_in_a_row = 0
            except Exception:  # counted per action (the stock running out ends the station)
                failed_in_a_row += 1
    finally:
        ws.db.dispose()
        results.put(
            (dict(log.latencies), dict(log.failures), log.scans, log.loans, dict(log.errors))
        )


@dataclass(frozen=True, slots=True)
class Phase:
    """Every station's logs merged."""

    stations: int
    seconds: float
    latencies: dict[str, list[float]]
    failures: dict[str, int]
    scans: int
    loans: list[str]
    errors: dict[str, int]

    def p(self, action: str, q: float) -> float:
        xs = sorted(self.latencies.get(action, []))
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")

    def rate(self, action: str) -> float:
        return len(self.latencies.get(action, [])) / self.seconds


def _phase(url: str, stations: int, seconds: float) -> Phase:
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(stations + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_station, args=(url, seconds, barrier, results), daemon=True)
        for _ in range(stations)
    ]
    for p in procs:
        p.start()
    barrier.wait()
    began = time.perf_counter()
    logs = [results.get() for _ in procs]
    wall = time.perf_counter() - began
    for p in procs:
        p.join()
    merged: dict[str, list[float]] = defaultdict(list)
    failures: Counter[str] = Counter()
    refs: list[str] = []
    errors: Counter[str] = Counter()
    scans = 0
    for lat, fails, n, done, errs in logs:
        errors.update(errs)
        for k, v in lat.items():
            merged[k].extend(v)
        failures.update(fails)
        scans += n
        refs.extend(done)
    return Phase(stations, wall, dict(merged), dict(failures), scans, refs, dict(errors))


def prepare(ws: Workspace, devices: int) -> None:
    """The shared stock (laptops and phones, imported as a technician's CSV would be), the
    demo's parties, the lender's operator, the kit template."""
    seed_demo(ws, laptops=0, phones=0)
    with tempfile.TemporaryDirectory(prefix="crisis-bench-") as tmp:
        stock = Path(tmp) / "stock.csv"
        write_csv(stock, devices)
        import_csv(ws, stock)
    add_operator(ws, OPERATOR, Role.ADMIN, PASSPHRASE)
    with ws.db.session(write=True) as s:
        t = KitTemplate(name=TEMPLATE, mailboxes=0)
        s.add(t)
        s.flush()
        assert t.id is not None
        for category, n in KIT:
            s.add(KitTemplateLine(template_id=t.id, category=category, quantity=n))
    loans.declare_crisis(ws, "13005", CRISIS, "bench")


@dataclass(frozen=True, slots=True)
class Proofs:
    """What was checked after the run (each a list of what is wrong; empty is proved)."""

    allocated_twice: list[str]
    lost_updates: list[str]
    inconsistent_loans: list[str]
    journal_problems: list[str]
    loans: int
    items: int

    @property
    def ok(self) -> bool:
        return not (
            self.allocated_twice
            or self.lost_updates
            or self.inconsistent_loans
            or self.journal_problems
        )


def prove(ws: Workspace, phases: Sequence[Phase]) -> Proofs:
    """Check the inventory after the stations stopped."""
    kit_size = sum(n for _, n in KIT)
    with ws.db.engine.connect() as c:
        twice = [
            f"{tag} in {n} loans"
            for tag, n in c.execute(
                text(
                    "SELECT asset_tag, count(*) FROM loan_item GROUP BY asset_tag "
                    "HAVING count(*) > 1"
                )
            )
        ]
        # Each device's state is the one its last journaled move says.
        last = dict(
            c.execute(
                text(
                    "SELECT DISTINCT ON (entity_id) entity_id, "
                    "CAST(\"after\" AS json)->>'state' FROM journal_event "
                    "WHERE action = 'asset.state_changed' ORDER BY entity_id, seq DESC"
                )
            ).all()
        )
        states = dict(c.execute(text("SELECT tag, state FROM asset")).all())
        lost = [
            f"{tag}: {states.get(tag)} but journaled {want}"
            for tag, want in last.items()
            if states.get(tag) != want
        ]
        # Every action a station counted is in the journal, once.
        scanned = c.execute(
            text("SELECT count(*) FROM journal_event WHERE action = 'loan.item_scanned'")
        ).scalar_one()
        scans = sum(p.scans for p in phases)
        if scanned != scans:
            lost.append(f"{scans} scans made by the stations, {scanned} journaled")
        opened = {r for p in phases for r in p.loans}
        stored = {r for (r,) in c.execute(text("SELECT reference FROM loan"))}
        if opened - stored:
            lost.append(f"loans opened but not stored: {sorted(opened - stored)[:5]}")
        rows = c.execute(
            text(
                "SELECT l.reference, l.state, a.tag, a.state, "
                "EXISTS (SELECT 1 FROM return_scan r WHERE r.loan_id = l.id "
                "AND r.asset_tag = a.tag AND r.withdrawn_at IS NULL) "
                "FROM loan l JOIN loan_item i ON i.loan_id = l.id "
                "JOIN asset a ON a.tag = i.asset_tag ORDER BY l.reference"
            )
        ).all()
    by_loan: dict[str, list[tuple[str, str, str, bool]]] = defaultdict(list)
    for ref, lstate, tag, astate, back in rows:
        by_loan[ref].append((lstate, tag, astate, bool(back)))
    bad: list[str] = []
    for ref, items in by_loan.items():
        if len(items) != kit_size:
            bad.append(f"{ref}: {len(items)} items, the kit has {kit_size}")
        for lstate, tag, astate, back in items:
            if astate not in ITEM_STATES.get(lstate, {astate}):
                bad.append(f"{ref} is {lstate} but {tag} is {astate}")
            elif lstate == "returning" and back != (astate == "quarantine"):
                bad.append(f"{ref}: {tag} is {astate}, scanned back: {back}")
    verdict = journal.verify_journal(ws)
    return Proofs(
        twice, lost, bad, list(verdict.problems), len(by_loan), sum(map(len, by_loan.values()))
    )


@dataclass(frozen=True, slots=True)
class Figures:
    alone: Phase
    loaded: Phase
    proofs: Proofs
    devices: int
    load_average: tuple[float, float, float]


def run(stations: int = 50, seconds: float = 60, devices: int = 10_000) -> Figures:
    """One station alone for a quarter of the time (the baseline), then `stations` at once;
    the proofs over both. The PostgreSQL cluster is removed before it returns."""
    from crisis.lab.postgres import temporary_postgres

    with temporary_postgres() as pg:
        url = pg.create_database("load")
        ws = open_workspace(url, OPERATOR)
        try:
            prepare(ws, devices)
            ws.db.dispose()  # no connection crosses the fork
            alone = _phase(url, 1, max(seconds / 4, 1.0))
            loaded = _phase(url, stations, seconds)
            proofs = prove(ws, (alone, loaded))
        finally:
            ws.db.dispose()
    return Figures(alone, loaded, proofs, devices, os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--devices", type=int, default=10_000)
    args = parser.parse_args()
    f = run(args.stations, args.seconds, args.devices)
    a, b = f.alone, f.loaded
    print(
        f"{b.stations} stations for {b.seconds:.0f} s on one PostgreSQL, {f.devices:,} devices; "
        f"baseline: 1 station alone for {a.seconds:.0f} s; load average "
        + " ".join(f"{x:.1f}" for x in f.load_average)
    )
    print(
        f"{'action':24}{'per s':>8}{'p50 s':>8}{'p95 s':>8}{'fail':>6}"
        f"{'alone p50':>11}{'alone p95':>11}{'p95 ratio':>11}  goal p95 < {GOAL_P95:.0f} s"
    )
    for act in ACTIONS:
        p95 = b.p(act, 0.95)
        verdict = "met" if p95 < GOAL_P95 else "NOT MET"
        print(
            f"{act:24}{b.rate(act):>8.1f}{b.p(act, 0.5):>8.3f}{p95:>8.3f}"
            f"{b.failures.get(act, 0):>6}{a.p(act, 0.5):>11.3f}{a.p(act, 0.95):>11.3f}"
            f"{p95 / a.p(act, 0.95):>11.1f}  {verdict}"
        )
    for error, n in sorted(b.errors.items(), key=lambda e: -e[1])[:8]:
        print(f"  failed {n}x {error}")
    pr = f.proofs
    print(
        f"proofs over {pr.loans} loans, {pr.items} items, {b.scans + a.scans} scans: "
        f"allocated twice {len(pr.allocated_twice)}, lost updates {len(pr.lost_updates)}, "
        f"inconsistent loans {len(pr.inconsistent_loans)}, journal "
        + ("intact" if not pr.journal_problems else f"BROKEN {pr.journal_problems[:2]}")
    )
    for problem in (pr.allocated_twice + pr.lost_updates + pr.inconsistent_loans)[:10]:
        print(f"  {problem}")


if __name__ == "__main__":
    main()
