"""The return report: what came back, computed against the signed handover snapshot.

Scans arrive in any order and a tag may be scanned twice; the result does not depend on the
order. Everything is sorted by tag in natural order so two runs print the same report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from crisis.domain.assets import ALLOWED_TRANSITIONS, AssetState, Category, Condition
from crisis.domain.tags import normalise_tag, sorted_tags, tag_key

# Wear ranks. New and good are one level: ordinary use of a new item is not damage. A loan
# for use does not make the borrower answer for wear from the use it was lent for (Code
# civil art. 1884), so a change to "worn" is reported as wear, not as damage.
_RANK = {
    Condition.NEW: 0,
    Condition.GOOD: 0,
    Condition.WORN: 1,
    Condition.DAMAGED: 2,
    Condition.BROKEN: 3,
}


def condition_rank(condition: Condition) -> int:
    """How far from new a condition is (higher is worse; new and good are equal)."""
    return _RANK[condition]


@dataclass(frozen=True, slots=True)
class HandoverItem:
    """One line of the signed joint inventory."""

    tag: str
    serial: str
    category: Category
    condition: Condition
    accessories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScannedReturn:
    """One scan at the return desk.

    Attributes:
        tag: the tag read from the label.
        condition: the condition noted at return.
        serial: the serial reported by the device itself, when it could be read.
        category: the item's category as the inventory knows it (lets an unexpected item be
            recognised as a substitute for a missing one of the same kind).
        accessories: accessories returned with it; ``None`` when they were not checked.
    """

    tag: str
    condition: Condition
    serial: str | None = None
    category: Category | None = None
    accessories: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ReturnedItem:
    """A handed-over item that came back, with its scan."""

    item: HandoverItem
    scan: ScannedReturn


class SubstitutionReason(StrEnum):
    """Why a scan is taken as standing in for a handed-over item."""

    SERIAL_DIFFERS = "serial_differs"  # same tag, the device reports another serial
    RELABELLED = "relabelled"  # another tag, but the device reports the item's serial
    OTHER_DEVICE = "other_device"  # another device of the same category, not handed over


@dataclass(frozen=True, slots=True)
class Substitution:
    """A handed-over item whose slot was filled by another device or another label.

    Attributes:
        item: what was handed over.
        scan: what came back in its place.
        reason: how the two were matched.
    """

    item: HandoverItem
    scan: ScannedReturn
    reason: SubstitutionReason


@dataclass(frozen=True, slots=True)
class AccessoryShortfall:
    """Accessories handed over with an item and not returned with it."""

    tag: str
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DuplicateScan:
    """A tag scanned more than once; one scan is kept (the worst condition)."""

    tag: str
    count: int


@dataclass(frozen=True, slots=True)
class ReturnReport:
    """The difference between the handover snapshot and the scans.

    Attributes:
        returned: handed-over items that came back (damaged and worn ones included).
        damaged: returned items now damaged or broken and worse than at handover.
        worn: returned items showing wear only (worse than at handover, not damaged).
        missing: handed-over items that did not come back and were not substituted.
        substituted: handed-over items replaced by another device.
        unexpected: scans of devices never handed over and not taken as a substitute.
        accessory_shortfalls: accessories missing, for items whose accessories were checked.
        duplicates: tags scanned more than once.
    """

    returned: tuple[ReturnedItem, ...]
    damaged: tuple[ReturnedItem, ...]
    worn: tuple[ReturnedItem, ...]
    missing: tuple[HandoverItem, ...]
    substituted: tuple[Substitution, ...]
    unexpected: tuple[ScannedReturn, ...]
    accessory_shortfalls: tuple[AccessoryShortfall, ...]
    duplicates: tuple[DuplicateScan, ...]

    @property
    def complete(self) -> bool:
        """Everything handed over came back as itself, with nothing extra and no damage."""
        return not (
            self.damaged
            or self.missing
            or self.substituted
            or self.unexpected
            or self.accessory_shortfalls
        )

    @property
    def received_tags(self) -> tuple[str, ...]:
        """Every tag physically received: all of them go to quarantine.

        Handed-over tags are spelt as in the inventory; other tags are normalised.
        """
        tags = {r.item.tag for r in self.returned}
        tags |= {
            s.item.tag
            if s.reason is SubstitutionReason.SERIAL_DIFFERS
            else normalise_tag(s.scan.tag)
            for s in self.substituted
        }
        tags |= {normalise_tag(u.tag) for u in self.unexpected}
        return tuple(sorted_tags(tags))


def _norm_serial(serial: str) -> str:
    return serial.strip().upper()


def _serial_differs(item: HandoverItem, scan: ScannedReturn) -> bool:
    return scan.serial is not None and _norm_serial(scan.serial) != _norm_serial(item.serial)


def _keep_one(scans: list[ScannedReturn], item: HandoverItem | None) -> ScannedReturn:
    # The order of scans is arbitrary, so choose by content: the worst condition, then a
    # serial that contradicts the inventory, then the text of the fields.
    def key(scan: ScannedReturn) -> tuple[int, bool, str, str]:
        contradicts = item is not None and _serial_differs(item, scan)
        return (condition_rank(scan.condition), contradicts, scan.serial or "", repr(scan))

    return max(scans, key=key)


def _index_handover(handover: Iterable[HandoverItem]) -> dict[str, HandoverItem]:
    items: dict[str, HandoverItem] = {}
    for item in handover:
        key = normalise_tag(item.tag)
        if key in items:
            raise ValueError(f"handover snapshot lists tag {item.tag} twice")
        items[key] = item
    return items


def _pair_substitutes(
    absent: list[HandoverItem], extras: list[ScannedReturn]
) -> tuple[list[Substitution], list[HandoverItem], list[ScannedReturn]]:
    """Pair missing items with devices that were not handed over.

    A device reporting a missing item's serial is that item under another label; otherwise
    a device of the same category fills a missing slot, pairing both lists in tag order so
    that the same scans always give the same pairs.

    Returns:
        The substitutions, the items still missing, the scans still unexpected.
    """
    pairs: list[Substitution] = []
    by_serial = {_norm_serial(s.serial): s for s in extras if s.serial is not None}
    still_absent: list[HandoverItem] = []
    for item in sorted(absent, key=lambda i: tag_key(i.tag)):
        same_device = by_serial.pop(_norm_serial(item.serial), None)
        if same_device is not None:
            pairs.append(Substitution(item, same_device, SubstitutionReason.RELABELLED))
        else:
            still_absent.append(item)
    relabelled = {normalise_tag(p.scan.tag) for p in pairs}
    pool = sorted(
        (s for s in extras if normalise_tag(s.tag) not in relabelled), key=lambda s: tag_key(s.tag)
    )
    missing: list[HandoverItem] = []
    for item in still_absent:
        match = next((s for s in pool if s.category is item.category), None)
        if match is None:
            missing.append(item)
        else:
            pool.remove(match)
            pairs.append(Substitution(item, match, SubstitutionReason.OTHER_DEVICE))
    return pairs, missing, pool


def _accessory_shortfalls(returned: Iterable[ReturnedItem]) -> list[AccessoryShortfall]:
    shortfalls: list[AccessoryShortfall] = []
    for entry in returned:
        if entry.scan.accessories is not None:
            lacking = Counter(entry.item.accessories) - Counter(entry.scan.accessories)
            if lacking:
                shortfalls.append(
                    AccessoryShortfall(entry.item.tag, tuple(sorted(lacking.elements())))
                )
    return shortfalls


def compute_return(
    handover: Iterable[HandoverItem], scans: Iterable[ScannedReturn]
) -> ReturnReport:
    """Compare the scans with the handover snapshot.

    Args:
        handover: the items of the signed joint inventory.
        scans: the scans, in any order, duplicates allowed.

    Raises:
        ValueError: if the handover lists a tag twice (the snapshot is inconsistent).
    """
    items = _index_handover(handover)
    by_tag: dict[str, list[ScannedReturn]] = defaultdict(list)
    for scanned in scans:
        by_tag[normalise_tag(scanned.tag)].append(scanned)
    # Named by the inventory's spelling, or the normalised one: never by whichever came first.
    duplicates = [
        DuplicateScan(items[key].tag if key in items else key, len(group))
        for key, group in by_tag.items()
        if len(group) > 1
    ]
    kept = {key: _keep_one(group, items.get(key)) for key, group in by_tag.items()}

    returned: list[ReturnedItem] = []
    substituted: list[Substitution] = []
    absent: list[HandoverItem] = []
    for key, item in items.items():
        scan = kept.get(key)
        if scan is None:
            absent.append(item)
        elif _serial_differs(item, scan):
            substituted.append(Substitution(item, scan, SubstitutionReason.SERIAL_DIFFERS))
        else:
            returned.append(ReturnedItem(item, scan))
    extras = [scan for key, scan in kept.items() if key not in items]
    pairs, missing, unexpected = _pair_substitutes(absent, extras)
    substituted += pairs

    def worse(entry: ReturnedItem, *, damaged: bool) -> bool:
        after = condition_rank(entry.scan.condition)
        if after <= condition_rank(entry.item.condition):
            return False
        return (after >= condition_rank(Condition.DAMAGED)) is damaged

    returned.sort(key=lambda r: tag_key(r.item.tag))
    return ReturnReport(
        returned=tuple(returned),
        damaged=tuple(r for r in returned if worse(r, damaged=True)),
        worn=tuple(r for r in returned if worse(r, damaged=False)),
        missing=tuple(sorted(missing, key=lambda i: tag_key(i.tag))),
        substituted=tuple(sorted(substituted, key=lambda s: tag_key(s.item.tag))),
        unexpected=tuple(sorted(unexpected, key=lambda s: tag_key(s.tag))),
        accessory_shortfalls=tuple(_accessory_shortfalls(returned)),
        duplicates=tuple(sorted(duplicates, key=lambda d: tag_key(d.tag))),
    )


def path_to_quarantine(state: AssetState) -> tuple[AssetState, ...] | None:
    """The states a device received at the return desk goes through to quarantine.

    Empty when it is there already; through "returned" when it was out (on loan, lost,
    stolen); None when the asset rules do not let it go there (in stock, reserved,
    sanitised, retired): it keeps its state.
    """
    if state is AssetState.QUARANTINE:
        return ()
    allowed = ALLOWED_TRANSITIONS[state]
    if AssetState.QUARANTINE in allowed:
        return (AssetState.QUARANTINE,)
    if AssetState.RETURNED in allowed:
        return (AssetState.RETURNED, AssetState.QUARANTINE)
    return None
