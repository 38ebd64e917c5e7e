"""The borrower's reservation on every failed row of a sheet, as a test's loan needs it."""

from __future__ import annotations

from crisis.services import documents
from crisis.services.documents import DocumentView
from crisis.services.workspace import Workspace


def reserve_gaps(ws: Workspace, sheet: DocumentView) -> DocumentView:
    """The revision of `sheet` carrying a reservation on each failed (or not run) row."""
    failed = [n for n, row in enumerate(sheet.data["tests"], 1) if not row["passed"]]
    if not failed:
        return sheet
    return documents.reserve_acceptance_rows(
        ws, sheet.reference, failed, "Marie Dupont", "refait sur place après la remise"
    )
