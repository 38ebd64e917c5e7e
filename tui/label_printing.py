"""Print labels from a screen: a worker renders the PDF next to where the TUI was started,
and a toast gives its path."""

from __future__ import annotations

from pathlib import Path

from crisis.i18n import t
from crisis.services import labels
from tui.screens.base import CrisisScreen


def print_labels(screen: CrisisScreen, selection: labels.Selection, name: str) -> None:
    """Labels of `selection` written to `name` (A4 21-up sheets) off the UI thread."""

    def run() -> None:
        pdf = labels.asset_labels(screen.ws, selection, lang=screen.lang)
        path = labels.save_pdf(Path.cwd() / name, pdf.data)
        said = t("labels.written", screen.lang, count=pdf.count, path=path)
        screen.app.call_from_thread(screen.notify, said)

    screen.run_worker(run, thread=True, exclusive=True, group="labels", exit_on_error=False)


def print_kit(screen: CrisisScreen, loan: str) -> None:
    """A loan's labels and its packing list, written side by side, off the UI thread."""

    def run() -> None:
        kit = labels.asset_labels(screen.ws, labels.Selection(loan=loan), lang=screen.lang)
        sheet = labels.packing_list(screen.ws, loan, lang=screen.lang)
        lang = screen.lang
        path = labels.save_pdf(Path.cwd() / f"{t('labels.file', lang)}-{loan}.pdf", kit.data)
        packing = labels.save_pdf(
            Path.cwd() / f"{t('labels.packing.file', lang)}-{loan}.pdf", sheet.data
        )
        said = (
            f"{t('labels.written', lang, count=kit.count, path=path)}\n"
            f"{t('labels.packing.written', lang, loan=loan, path=packing)}"
        )
        screen.app.call_from_thread(screen.notify, said)

    screen.run_worker(run, thread=True, exclusive=True, group="labels", exit_on_error=False)
