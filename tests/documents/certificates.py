"""Certificates made for the tests: an outside authority and PKCS#12 files a party imports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

P12_PASSPHRASE = "p12 secret"


@dataclass(frozen=True)
class Issued:
    """A key and its certificate."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def self_signed(common_name: str, ca: bool = False) -> Issued:
    """A self-signed certificate (an authority's root when `ca`)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
    )  # fmt: skip
    if ca:
        builder = builder.add_extension(
            x509.BasicConstraints(ca=True, path_length=0), True
        ).add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        # keyCertSign and cRLSign: what a verifier requires of an issuing authority.
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
    return Issued(key, builder.sign(key, hashes.SHA256()))


def issued_by(authority: Issued, common_name: str) -> Issued:
    """A signing certificate for `common_name` issued by `authority`."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(_name(common_name))
        .issuer_name(authority.cert.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        # digitalSignature and nonRepudiation: what a PDF signature validator requires.
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()), False
        )
        .sign(authority.key, hashes.SHA256())
    )  # fmt: skip
    return Issued(key, cert)


def write_p12(path: Path, signer: Issued, chain: tuple[Issued, ...] = ()) -> Path:
    """A PKCS#12 file holding `signer` and the `chain` certificates above it."""
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            signer.key,
            signer.cert,
            [c.cert for c in chain] or None,
            serialization.BestAvailableEncryption(P12_PASSPHRASE.encode()),
        )
    )
    return path
