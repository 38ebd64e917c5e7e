"""Joint documents: the canonical snapshot as hashed, and the parties' signatures over it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class Document(SQLModel, table=True):
    """A joint document's snapshot, stored exactly as hashed, and where the journal stood."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)
    kind: str = Field(index=True)
    loan_reference: str = Field(index=True)
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(index=True)
    # The journal (size, head hash) right after the document was recorded in it.
    journal_size: int
    journal_head: str
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # The PDF with its embedded PAdES signatures, once signed (None before).
    signed_pdf: bytes | None = Field(default=None, sa_column=Column(LargeBinary))


class DocumentSignature(SQLModel, table=True):
    """One party's Ed25519 signature over a document's snapshot hash."""

    __tablename__ = "document_signature"
    __table_args__ = (UniqueConstraint("document_id", "party"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    party: str  # lender | borrower
    signer: str
    public_key: str
    signature: str
    journal_seq: int
    signed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # How it was signed: None or "ed25519" (an operator's key), "pades" (the town's own
    # certificate, in the PDF), "handwritten" (on paper; the scan is kept with its hash).
    method: str | None = None
    certificate_subject: str | None = None
    certificate_issuer: str | None = None
    certificate_sha256: str | None = None
    scan_name: str | None = None
    scan_sha256: str | None = None
    scan: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
