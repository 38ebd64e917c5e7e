"""Asset labels and kit packing lists: which assets, what each label says, the PDF bytes.

Printing only reads the inventory: nothing is journaled and nothing is changed.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session

from crisis.domain.assets import AssetState, Category
from crisis.domain.label_sheets import AssetLabel, LabelFormat, check_start
from crisis.domain.tags import normalise_tag, sorted_tags
from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg, t
from crisis.services.loans import require_loan
from crisis.services.workspace import Workspace
from inventory.repo import labels as repo
from inventory.repo import loans as loans_repo
from inventory.repo.assets import tags_matching
from inventory.tables import Agreement, Crisis, KitTemplate, Loan, Organisation

#: The creation date of a PDF whose data has none (an empty selection).
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class LabelsPdf:
    """A rendered PDF and how many labels (or kit items) it holds."""

    data: bytes
    count: int


@dataclass(frozen=True, slots=True)
class Selection:
    """Which assets to label: given tags, a loan's kit, or an inventory filter (one of them)."""

    tags: tuple[str, ...] = ()
    loan: str | None = None
    text: str = ""
    category: Category | None = None
    state: AssetState | None = None

    @property
    def filtered(self) -> bool:
        """True when a filter (text, category or state) chooses the assets."""
        return bool(self.text.strip()) or self.category is not None or self.state is not None


def asset_labels(
    ws: Workspace,
    selection: Selection,
    fmt: LabelFormat = LabelFormat.L7160,
    *,
    start: int = 1,
    lang: str = "fr",
) -> LabelsPdf:
    """Labels of the selected assets, in natural tag order, from position `start`.

    Raises:
        ValidationError: no selection, more than one, or a start position off the sheet.
        NotFoundError: a tag or a loan that does not exist.
    """
    sources = sum((bool(selection.tags), selection.loan is not None, selection.filtered))
    if sources != 1:
        raise ValidationError(msg("error.labels.one_way"), where="labels")
    try:
        check_start(fmt, start)
    except ValueError as exc:
        raise ValidationError(str(exc), where="--start") from None
    with ws.db.session() as s:
        lender: str | None = None
        created: datetime | None = None
        if selection.loan is not None:
            ln = require_loan(s, selection.loan)
            assert ln.id is not None
            tags = [i.asset_tag for i in loans_repo.items(s, ln.id)]
            lender = _lender(s, ln)
            created = ln.created_at
        elif selection.tags:
            tags = list(dict.fromkeys(normalise_tag(tag) for tag in selection.tags))
        else:
            tags = tags_matching(
                s,
                selection.text,
                selection.category.value if selection.category else None,
                selection.state.value if selection.state else None,
            )
        rows = repo.label_rows(s, tags)
    # fpdf2 and the symbol libraries load when a PDF is made, not with the command line.
    from crisis.adapters.labels_pdf import render_labels

    unknown = [tag for tag in tags if tag not in rows]
    if unknown:
        raise NotFoundError(msg("error.asset.not_found", tag=", ".join(unknown)))
    ordered = sorted_tags(tags)
    items = [_label(tag, rows[tag][1], rows[tag][2] or lender) for tag in ordered]
    if created is None:
        created = max((rows[tag][3] for tag in ordered), default=_EPOCH)
    return LabelsPdf(render_labels(items, fmt, start=start, created=created, lang=lang), len(items))


def packing_list(ws: Workspace, loan: str, *, boxes: int = 1, lang: str = "fr") -> LabelsPdf:
    """The packing list (bordereau de colisage) of a loan's kit, to put in the crate.

    Raises:
        ValidationError: a box count below 1, or a loan with no item yet (not assembled).
        NotFoundError: no such loan.
    """
    from crisis.adapters.labels_pdf import PackingList, render_packing_list

    if boxes < 1:
        raise ValidationError(msg("error.labels.boxes", boxes=boxes), where="--boxes")
    with ws.db.session() as s:
        ln = require_loan(s, loan)
        assert ln.id is not None
        tags = sorted_tags(i.asset_tag for i in loans_repo.items(s, ln.id))
        if not tags:
            raise ValidationError(msg("error.labels.no_kit", loan=ln.reference), where="loan")
        lender = _lender(s, ln)
        rows = repo.label_rows(s, tags)
        agreement = s.get(Agreement, ln.agreement_id)
        borrower = s.get(Organisation, agreement.borrower_id) if agreement else None
        crisis = s.get(Crisis, ln.crisis_id)
        template = s.get(KitTemplate, ln.template_id) if ln.template_id is not None else None
        packing = PackingList(
            loan=ln.reference,
            crisis=crisis.reference if crisis else "",
            borrower=borrower.name if borrower else "",
            lender=lender or "",
            template=template.name if template else "",
            boxes=boxes,
            items=tuple(
                (
                    _label(tag, rows[tag][1], rows[tag][2] or lender),
                    t(f"category.{rows[tag][0]}", lang),
                )
                for tag in tags
            ),
        )
        created = ln.created_at
    return LabelsPdf(render_packing_list(packing, created=created, lang=lang), len(tags))


def save_pdf(path: Path, data: bytes) -> Path:
    """Write `data` to `path` whole or not at all (a temporary file renamed into place)."""
    target = path.expanduser()
    if target.is_dir():
        raise ValidationError(msg("error.labels.directory", target=str(target)), where="--output")
    if not target.parent.is_dir():
        raise ValidationError(
            msg("error.output.no_folder", folder=str(target.parent)), where="--output"
        )
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _label(tag: str, model: str, owner: str | None) -> AssetLabel:
    if not owner:
        raise ValidationError(msg("error.labels.no_owner", tag=tag), where=tag)
    return AssetLabel(tag=tag, model=model, owner=owner)


def _lender(s: Session, ln: Loan) -> str | None:
    agreement = s.get(Agreement, ln.agreement_id)
    lender = s.get(Organisation, agreement.lender_id) if agreement else None
    return lender.name if lender else None
