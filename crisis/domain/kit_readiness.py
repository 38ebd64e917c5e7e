"""How many kits of a template the ready stock can make now, and what the next one lacks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from crisis.domain.kit_assembly import (
    AvailableAsset,
    KitAssembly,
    KitTemplate,
    TemplateLine,
    assemble_kit,
)


@dataclass(frozen=True, slots=True)
class LineShortage:
    """A template line the next kit cannot fill from stock.

    Attributes:
        line: the template line (per kit).
        missing: the items of this line lacking for one more kit.
    """

    line: TemplateLine
    missing: int


@dataclass(frozen=True, slots=True)
class KitReadiness:
    """What the ready stock makes of one template.

    Attributes:
        template: the template.
        kits: how many whole kits can be assembled at once right now.
        short: what lacks, line by line, for one kit more than `kits`.
    """

    template: KitTemplate
    kits: int
    short: tuple[LineShortage, ...]


def _times(template: KitTemplate, kits: int) -> KitTemplate:
    lines = tuple(replace(x, quantity=x.quantity * kits) for x in template.lines)
    return replace(template, lines=lines)


def _assembly(template: KitTemplate, pool: list[AvailableAsset], kits: int) -> KitAssembly:
    return assemble_kit(_times(template, kits), pool)


def readiness(template: KitTemplate, available: Iterable[AvailableAsset]) -> KitReadiness:
    """How many kits of `template` the assets in `available` make together, as the kit
    assembly would pick them (lines naming a model served first), and what one more lacks.

    A template without lines (mailboxes only) needs nothing from stock: it reports 0 kits
    and nothing short.
    """
    pool = list(available)
    if not template.lines:
        return KitReadiness(template, 0, ())
    # Upper bound: no line can be filled more often than the assets it accepts allow.
    high = min(sum(1 for a in pool if x.accepts(a)) // x.quantity for x in template.lines)
    low = 0
    while low < high:  # the largest k whose k-fold template assembles completely
        mid = (low + high + 1) // 2
        if _assembly(template, pool, mid).complete:
            low = mid
        else:
            high = mid - 1
    more = _assembly(template, pool, low + 1)
    short = tuple(
        LineShortage(line, pick.short)
        for line, pick in zip(template.lines, more.picks, strict=True)
        if pick.short
    )
    return KitReadiness(template, low, short)
