"""The detail panel: one asset's fields and its history from the journal."""

from __future__ import annotations

from textual.widgets import Static

from crisis.i18n import t, worded
from crisis.l10n import format_datetime
from crisis.services.views import AssetDetail
from tui.safe_text import escape


class AssetDetailPanel(Static):
    """Shows an asset, in the app's language, times in local time."""

    def show_empty(self, lang: str) -> None:
        """Nothing selected."""
        self.update(t("detail.empty", lang))

    def show(self, d: AssetDetail, lang: str) -> None:
        """Render one asset."""
        rows: list[tuple[str, str | None]] = [
            (t("col.category", lang), t(f"category.{d.category.value}", lang)),
            (t("col.state", lang), t(f"state.{d.state.value}", lang)),
            (t("col.condition", lang), t(f"condition.{d.condition.value}", lang)),
            (t("col.model", lang), f"{d.manufacturer} {d.model}".strip()),
            (t("col.serial", lang), d.serial),
            (t("detail.imei", lang), d.imei),
            (t("detail.iccid", lang), d.iccid),
            (t("detail.number", lang), d.phone_number),
            (t("detail.macs", lang), ", ".join(d.mac_addresses)),
            (t("detail.mgmt", lang), d.mgmt_address),
            (t("col.location", lang), d.location),
            (t("detail.notes", lang), d.notes),
        ]
        lines = [f"[b]{escape(d.tag)}[/b]", ""]
        lines += [f"[dim]{k}:[/dim] {escape(v)}" for k, v in rows if v]
        lines += ["", f"[b]{t('detail.history', lang)}[/b]"]
        for e in d.history:
            when = format_datetime(e.at, lang)
            action = worded("action.", e.action, lang)
            lines.append(f"#{e.seq} {when} {escape(e.operator)} — {escape(action)}")
        self.update("\n".join(lines))
