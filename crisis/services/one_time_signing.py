"""Signatures by people without an account: a one-time key, journaled, then thrown away."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlmodel import Session

from crisis.adapters.signing import SigningKey
from crisis.errors import ValidationError
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class OneTimeSignature:
    """A signature by a borrower's representative, to print on the signed document."""

    signer: str
    document: str
    sha256: str
    public_key: str
    signature: str
    seq: int


def sign_once(ws: Workspace, signer: str, document: str, data: bytes) -> OneTimeSignature:
    """Sign `data` for `signer` with a key made now and discarded on return.

    The public key is journaled (with the document's hash and the signature) in the same
    transaction, so anyone can later check the printed signature against the journal; the
    private key never leaves this module.

    Args:
        signer: who signs, e.g. "Marie Dupont, maire d'Aubagne".
        document: the document's reference (e.g. "handover kit K-12").
        data: the exact bytes signed.

    Raises:
        ValidationError: no signer or document named.
    """
    operator = ws.acting_operator()
    with ws.db.session(write=True) as s:
        return sign_once_in(s, operator, signer, document, data)


def sign_once_in(
    s: Session, operator: str, signer: str, document: str, data: bytes
) -> OneTimeSignature:
    """`sign_once` in the caller's transaction (journaled with whatever else it writes).

    Raises:
        ValidationError: no signer or document named.
    """
    if not signer.strip() or not document.strip():
        raise ValidationError("a one-time signature names its signer and its document")
    key = SigningKey.generate()
    signature, public = key.sign(data), key.public_hex
    del key
    digest = hashlib.sha256(data).hexdigest()
    after = {"signer": signer, "sha256": digest, "public_key": public, "signature": signature}
    seq = record(s, operator, [Change("signature.one_time", "document", document, None, after)])
    return OneTimeSignature(signer, document, digest, public, signature, seq)
