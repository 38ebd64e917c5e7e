"""Queries on a loan's joint documents and their signatures, for the loan's guards."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from inventory.tables import Document, DocumentSignature


def latest_document(s: Session, loan: str, kind: str) -> Document | None:
    """The newest document of this kind issued for a loan."""
    stmt = (
        select(Document)
        .where(col(Document.loan_reference) == loan, col(Document.kind) == kind)
        .order_by(col(Document.id).desc())
    )
    return s.scalars(stmt).first()


def signed_parties(s: Session, document_id: int) -> set[str]:
    """The parties ("lender", "borrower") whose signature over a document is stored."""
    stmt = select(col(DocumentSignature.party)).where(
        col(DocumentSignature.document_id) == document_id
    )
    return set(s.scalars(stmt).all())
