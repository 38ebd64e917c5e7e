"""The live return report: returned, missing, unexpected, substituted, damaged, as lists."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Static

from crisis.domain.restitution import ReturnReport
from crisis.i18n import t
from tui.safe_text import escape

PANES = ("returned", "missing", "unexpected", "substituted", "damaged")


class ReturnLists(Grid):
    """Five panes, refreshed whole at each scan (a kit holds tens of items, not thousands)."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.tags: dict[str, tuple[str, ...]] = {p: () for p in PANES}

    def compose(self) -> ComposeResult:
        for pane in PANES:
            yield Static(self._text(pane), id=f"pane-{pane}", classes=f"pane {pane}")

    def show(self, report: ReturnReport) -> None:
        """Show a report."""
        self.tags = {
            "returned": tuple(r.item.tag for r in report.returned),
            "missing": tuple(i.tag for i in report.missing),
            "unexpected": tuple(u.tag for u in report.unexpected),
            "substituted": tuple(f"{s.scan.tag} → {s.item.tag}" for s in report.substituted),
            "damaged": tuple(
                f"{r.item.tag} ({t(f'condition.{r.scan.condition.value}', self.lang)})"
                for r in report.damaged
            ),
        }
        for pane in PANES:
            self.query_one(f"#pane-{pane}", Static).update(self._text(pane))

    def _text(self, pane: str) -> str:
        tags = self.tags[pane]
        head = f"[b]{t(f'restitution.{pane}', self.lang)} ({len(tags)})[/b]"
        return "\n".join([head, *(escape(x) for x in tags)])
