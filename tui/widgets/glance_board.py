"""The dashboard at a glance: running clocks as bars of the time left (coloured as the deadline
nears), kits the ready stock makes per template and what one more lacks, loans per town
with their stage. The figures come from :mod:`crisis.services.glance`; this only draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from crisis.i18n import t
from crisis.l10n import format_datetime
from tui.safe_text import escape

if TYPE_CHECKING:
    from crisis.services.glance import ClockBar, Glance, KitStock, LoanStage

#: Cells of a bar.
WIDTH = 20
#: A clock's colour: overdue, due soon, less than half its time left, more.
COLOURS = ("red", "dark_orange", "yellow", "green")


@dataclass
class GlanceLoaded(Message):
    """The dashboard's figures arrived."""

    glance: Glance


def bar(share: float, colour: str, width: int = WIDTH) -> str:
    """A bar `share` full (0..1), as markup: filled cells in `colour`, the rest dim."""
    full = round(max(0.0, min(1.0, share)) * width)
    return f"[{colour}]{'█' * full}[/][dim]{'░' * (width - full)}[/]"


def colour_of(c: ClockBar) -> str:
    """Red overdue, orange due soon, yellow under half its time, else green."""
    if c.clock.status == "overdue":
        return COLOURS[0]
    if c.clock.status == "due_soon":
        return COLOURS[1]
    return COLOURS[2] if c.left < 0.5 else COLOURS[3]


def duration(seconds: int, lang: str) -> str:
    """A span in days, hours and minutes ("1 j 4 h", "2 h 05 min")."""
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return t("glance.days", lang, days=days, hours=hours)
    return t("glance.hours", lang, hours=hours, minutes=f"{mins:02d}")


def clock_line(c: ClockBar, lang: str) -> str:
    """One clock: its bar, the time left (or late), what it is about, when it falls due."""
    v = c.clock
    key = "glance.overdue_by" if c.seconds_left < 0 else "glance.left"
    left = t(key, lang, time=duration(c.seconds_left, lang))
    colour = colour_of(c)
    return (
        f"{bar(c.left, colour)} [{colour}]{left}[/] — {t(f'clockkind.{v.kind}', lang)} — "
        f"{escape(v.subject)} — "
        f"{t('glance.due', lang, at=format_datetime(v.due_at, lang))}"
    )


def kit_line(k: KitStock, lang: str) -> str:
    """One template: as many blocks as kits (green), or a red none; what one more lacks."""
    blocks = f"[green]{'■' * min(k.kits, WIDTH)}[/]" if k.kits else "[red]✗[/]"
    line = f"{blocks} {t('glance.kit_line', lang, template=escape(k.template), kits=k.kits)}"
    if k.short:
        items = ", ".join(
            t(
                "glance.short_item",
                lang,
                missing=s.missing,
                category=t(f"category.{s.category}", lang),
                model=f" ({escape(s.model)})" if s.model else "",
            )
            for s in k.short
        )
        line += f"\n    [yellow]{t('glance.short', lang, items=items)}[/]"
    return line


def stage_line(x: LoanStage, lang: str) -> str:
    """A loan: its stage as steps done (●) and to come (○), then its name."""
    steps = f"[cyan]{'●' * x.step}[/][dim]{'○' * (x.steps - x.step)}[/]"
    state = t(f"loanstate.{x.state}", lang)
    stage = t("glance.stage", lang, state=state, step=x.step, steps=x.steps)
    return f"  {escape(x.loan)} {steps} {stage}"


class GlanceBoard(Vertical):
    """Three blocks: clocks, kits, loans per town."""

    DEFAULT_CSS = """
    GlanceBoard { height: auto; padding: 0 1; }
    GlanceBoard Static { height: auto; }
    GlanceBoard .glance-title { text-style: bold; margin-top: 1; }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("glance.clocks", lang), classes="glance-title")
        yield Static(id="clock-bars")
        yield Static(t("glance.kits", lang), classes="glance-title")
        yield Static(id="kits")
        yield Static(t("glance.towns", lang), classes="glance-title")
        yield Static(id="towns")

    def show(self, g: Glance) -> None:
        """Draw the figures."""
        lang = self.lang
        none = t("dashboard.none", lang)
        self.query_one("#clock-bars", Static).update(
            "\n".join(clock_line(c, lang) for c in g.clocks) or none
        )
        self.query_one("#kits", Static).update("\n".join(kit_line(k, lang) for k in g.kits) or none)
        towns = []
        for town in g.towns:
            towns.append(f"[b]{escape(town.town)}[/b]")
            towns += [stage_line(x, lang) for x in town.loans]
        self.query_one("#towns", Static).update("\n".join(towns) or none)
