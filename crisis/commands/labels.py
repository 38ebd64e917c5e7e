"""``crisis labels`` and ``crisis packing-list``: PDFs to print, for the kit and the desk."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import echo_safe, reported, workspace
from crisis.domain.assets import AssetState, Category
from crisis.domain.label_sheets import LabelFormat
from crisis.i18n import default_language, t
from crisis.services import labels as service


def labels(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The PDF file to write.")],
    tags: Annotated[list[str] | None, typer.Argument(help="Tags of the assets.")] = None,
    loan: Annotated[str | None, typer.Option(help="Every item of this loan's kit.")] = None,
    filter_: Annotated[
        str, typer.Option("--filter", help="Assets whose tag, model... contain these words.")
    ] = "",
    category: Annotated[Category | None, typer.Option(help="Only this category.")] = None,
    state: Annotated[AssetState | None, typer.Option(help="Only this state.")] = None,
    format_: Annotated[
        LabelFormat,
        typer.Option(
            "--format", help="l7160: A4 21-up 63.5x38.1 mm; l7163: A4 14-up; tape62: 62 mm tape."
        ),
    ] = LabelFormat.L7160,
    start: Annotated[
        int, typer.Option(help="First free position on the sheet (1 = top left, row by row).")
    ] = 1,
) -> None:
    """Labels (tag, Code 128, QR code, model, owner) for chosen assets, a filter or a kit."""
    lang = default_language()
    selection = service.Selection(
        tags=tuple(tags or ()), loan=loan, text=filter_, category=category, state=state
    )
    with reported():
        pdf = service.asset_labels(workspace(ctx), selection, format_, start=start, lang=lang)
        path = service.save_pdf(output, pdf.data)
        echo_safe(t("labels.written", lang, count=pdf.count, path=path))


def packing_list(
    ctx: typer.Context,
    loan: str,
    output: Annotated[Path, typer.Option("--output", "-o", help="The PDF file to write.")],
    boxes: Annotated[int, typer.Option(help="How many boxes the kit is packed in.")] = 1,
) -> None:
    """The kit's packing list (bordereau de colisage): its QR code, box count, every item."""
    lang = default_language()
    with reported():
        pdf = service.packing_list(workspace(ctx), loan, boxes=boxes, lang=lang)
        path = service.save_pdf(output, pdf.data)
        echo_safe(t("labels.packing.written", lang, loan=loan, path=path))
