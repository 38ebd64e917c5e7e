"""The inventory screen: filter as you type, a table of assets, the selected asset's detail."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from crisis.i18n import t
from crisis.l10n import format_count
from crisis.services import assets, labels
from tui.label_printing import print_labels
from tui.messages import AssetLoaded, AssetsCounted, AssetsLoaded
from tui.safe_text import plain
from tui.screens.base import CrisisScreen
from tui.widgets.asset_detail import AssetDetailPanel

#: Rows shown per filter: the painting of the table grows with its rows (about 0.4 ms each
#: here) while a screen shows some 30; "shown of total" tells the responder to narrow it.
PAGE = 100
COLUMNS = ("col.tag", "col.category", "col.state", "col.model", "col.serial", "col.location")


class InventoryScreen(CrisisScreen):
    """Browse and filter the stock."""

    BINDINGS = [
        Binding("slash", "focus_filter", "key.filter", key_display="/"),
        Binding("f5", "refresh", "key.refresh"),
        Binding("ctrl+l", "labels", "key.labels"),
        Binding("ctrl+e", "edit", "key.edit"),
    ]

    #: The filter whose page the table shows (None until the first page arrives).
    shown_filter: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="inventory"):
            yield Input(placeholder=t("inventory.filter", self.lang), id="filter")
            with Horizontal():
                yield DataTable(id="assets", cursor_type="row", zebra_stripes=True)
                yield AssetDetailPanel(id="detail")
            yield Static(id="count")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("inventory.title", self.lang)
        table = self.query_one("#assets", DataTable)
        table.add_columns(*(t(c, self.lang) for c in COLUMNS))
        self.query_one(AssetDetailPanel).show_empty(self.lang)
        self.load("")

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.load(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one("#assets", DataTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_refresh(self) -> None:
        self.load(self.query_one("#filter", Input).value)

    def action_labels(self) -> None:
        """Labels of every asset the filter matches, else of the highlighted one."""
        text = self.query_one("#filter", Input).value.strip()
        table = self.query_one("#assets", DataTable)
        if text:
            print_labels(self, labels.Selection(text=text), f"{t('labels.file', self.lang)}.pdf")
        elif table.row_count:
            tag = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
            name = f"{t('labels.file', self.lang)}-{tag}.pdf"
            print_labels(self, labels.Selection(tags=(tag,)), name)
        else:
            self.notify(t("labels.none", self.lang), severity="warning")

    def action_edit(self) -> None:
        """Edit the highlighted asset's management address and attributes."""
        from tui.screens.asset_edit import AssetEditScreen

        table = self.query_one("#assets", DataTable)
        if not table.row_count:
            self.notify(t("asset_edit.no_row", self.lang), severity="warning")
            return
        tag = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

        def edited(_: None) -> None:
            self.load_detail(tag)  # the detail as it now stands

        self.app.push_screen(AssetEditScreen(self.ws, self.lang, tag), edited)

    @work(thread=True, exclusive=True, group="inventory-filter", exit_on_error=False)
    def load(self, text: str) -> None:
        """Query a page for `text` off the UI thread, then count its matches if the page
        could not tell; a newer keystroke supersedes both."""
        worker = get_current_worker()
        page = assets.list_assets(self.ws, text, limit=PAGE, count=False)
        if worker.is_cancelled:
            return
        self.post_message(AssetsLoaded(text, page))
        if page.total is None:
            total, capped = assets.count_assets(self.ws, text)
            if not worker.is_cancelled:
                self.post_message(AssetsCounted(text, total, capped))

    def on_assets_loaded(self, message: AssetsLoaded) -> None:
        table = self.query_one("#assets", DataTable)
        table.clear()
        for r in message.page.rows:
            table.add_row(
                plain(r.tag),
                t(f"category.{r.category.value}", self.lang),
                t(f"state.{r.state.value}", self.lang),
                plain(f"{r.manufacturer} {r.model}".strip()),
                plain(r.serial or ""),
                plain(r.location),
                key=r.tag,
            )
        self.shown_filter = message.text
        self._show_count(len(message.page.rows), message.page.total, message.page.total_capped)

    def on_assets_counted(self, message: AssetsCounted) -> None:
        if message.text == self.shown_filter:
            shown = self.query_one("#assets", DataTable).row_count
            self._show_count(shown, message.total, message.capped)

    def _show_count(self, shown: int, total: int | None, capped: bool = False) -> None:
        count = self.query_one("#count", Static)
        if total == 0:
            count.update(t("inventory.none", self.lang))
        else:
            number = "…" if total is None else format_count(total, self.lang, at_least=capped)
            count.update(t("inventory.count", self.lang, shown=shown, total=number))

    @on(DataTable.RowHighlighted, "#assets")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.load_detail(event.row_key.value)

    @work(thread=True, exclusive=True, group="inventory-detail", exit_on_error=False)
    def load_detail(self, tag: str) -> None:
        """Fetch one asset's detail and history off the UI thread."""
        detail = assets.get_asset(self.ws, tag)
        if not get_current_worker().is_cancelled:
            self.post_message(AssetLoaded(detail))

    def on_asset_loaded(self, message: AssetLoaded) -> None:
        self.query_one(AssetDetailPanel).show(message.detail, self.lang)
