"""A loan as it stands: state, borrower, items, who signed which joint document."""

from __future__ import annotations

from textual.widgets import Static

from crisis.i18n import t
from crisis.services.loans import LoanView
from tui.safe_text import escape


class LoanPanel(Static):
    """Shows a loan in the app's language."""

    def show(self, v: LoanView, lang: str) -> None:
        """Render one loan."""

        def signed(parties: tuple[str, ...]) -> str:
            return ", ".join(t(f"party.{p}", lang) for p in parties) or "—"

        lines = [
            f"[b]{escape(v.reference)}[/b] — {t(f'loanstate.{v.state.value}', lang)}",
            f"{t('loan.borrower', lang)} : {escape(v.borrower)}",
            f"{t('loan.agreement', lang)} : {escape(v.agreement)} — {escape(v.crisis)}",
            f"{t('loan.acceptance', lang)} : {signed(v.acceptance_signed_by)}",
            f"{t('loan.inventory', lang)} : {signed(v.inventory_signed_by)}",
            f"{t('loan.items', lang, count=len(v.items))} : {escape(', '.join(v.items)) or '—'}",
        ]
        self.update("\n".join(lines))
