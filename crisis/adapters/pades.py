"""PAdES signatures in PDFs with pyHanko, certificates from a local authority or a PKCS#12."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from crisis.adapters.private_files import write_private
from crisis.errors import ConfigurationError, PeerError, PermissionDeniedError
from crisis.i18n import msg

_KEY = "ca.key.pem"
_CERT = "ca.cert.pem"


@dataclass(frozen=True, slots=True)
class EmbeddedSignature:
    """What pyHanko's validation says of one signature in a PDF."""

    field: str
    signer: str
    intact: bool
    valid: bool
    trusted: bool
    #: Nothing but validation data (DSS, document timestamps) was appended after it.
    covers_whole_document: bool
    modification_level: str
    #: The signing certificate: subject and issuer (RFC 4514) and SHA-256 of its DER form.
    subject: str = ""
    issuer: str = ""
    certificate_sha256: str = ""

    @property
    def ok(self) -> bool:
        """The signed bytes are unchanged, the signature is valid and its chain is trusted."""
        return self.intact and self.valid and self.trusted


class LocalAuthority:
    """The tool's own certification authority: a P-256 key kept encrypted, its certificate."""

    def __init__(self, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> None:
        self._key = key
        self.certificate = cert

    @classmethod
    def open_or_create(cls, directory: Path, passphrase: str, name: str) -> LocalAuthority:
        """The authority in `directory`, created on first use (key encrypted by `passphrase`).

        Raises:
            PermissionDeniedError: wrong passphrase.
            ConfigurationError: short passphrase on creation, or unreadable files.
        """
        key_path, cert_path = directory / _KEY, directory / _CERT
        if key_path.exists():
            try:
                key = serialization.load_pem_private_key(
                    key_path.read_bytes(), password=passphrase.encode("utf-8")
                )
            except (ValueError, TypeError):
                raise PermissionDeniedError("wrong passphrase for the local authority") from None
            if not isinstance(key, ec.EllipticCurvePrivateKey):
                raise ConfigurationError(f"{key_path} is not the authority's key")
            return cls(key, x509.load_pem_x509_certificate(cert_path.read_bytes()))
        if len(passphrase) < 12:
            raise ConfigurationError("the local authority's passphrase has at least 12 characters")
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name(
            [
                x509.NameAttribute(
                    NameOID.COMMON_NAME, _short(f"Autorité locale crisis-kit {name}")
                ),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, _short(name)),
            ]
        )
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .sign(key, hashes.SHA256())
        )
        directory.mkdir(parents=True, exist_ok=True)
        write_private(
            key_path,
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
            ),
        )
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return cls(key, cert)

    def crl(self, days: int = 365) -> bytes:
        """The authority's certificate revocation list (DER), issued now: it revokes nothing
        (a one-time certificate's key is discarded once it signed) and states so, signed."""
        now = dt.datetime.now(dt.UTC)
        return (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(now - dt.timedelta(minutes=5))
            .next_update(now + dt.timedelta(days=days))
            .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()), False
            )
            .sign(self._key, hashes.SHA256())
            .public_bytes(serialization.Encoding.DER)
        )

    def issue(
        self, signer: str, organisation: str, key: ec.EllipticCurvePrivateKey
    ) -> x509.Certificate:
        """A signing certificate for `signer` of `organisation`, for `key`'s public half."""
        now = dt.datetime.now(dt.UTC)
        return (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COMMON_NAME, _short(signer)),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _short(organisation)),
                    ]
                )
            )
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365 * 10))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()), False
            )
            .sign(self._key, hashes.SHA256())
        )


@dataclass(frozen=True, slots=True)
class SignerIdentity:
    """A private key and its certificate chain (leaf first), ready to sign a PDF."""

    key_pem: bytes
    chain_pem: tuple[bytes, ...]


def one_time_identity(authority: LocalAuthority, signer: str, organisation: str) -> SignerIdentity:
    """A fresh key and a certificate naming `signer`, for one signature (then discarded)."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = authority.issue(signer, organisation, key)
    return SignerIdentity(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        (
            cert.public_bytes(serialization.Encoding.PEM),
            authority.certificate.public_bytes(serialization.Encoding.PEM),
        ),
    )


def pkcs12_identity(path: Path, passphrase: str) -> SignerIdentity:
    """The key and chain of an imported PKCS#12 file.

    Raises:
        PermissionDeniedError: wrong passphrase.
        ConfigurationError: missing file, or no key or certificate inside.
    """
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(
            path.read_bytes(), passphrase.encode("utf-8")
        )
    except FileNotFoundError:
        raise ConfigurationError(f"PKCS#12 file not found: {path}") from None
    except ValueError:
        raise PermissionDeniedError(f"cannot open {path}: wrong passphrase?") from None
    if key is None or cert is None:
        raise ConfigurationError(f"{path} holds no key and certificate")
    return SignerIdentity(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        tuple(c.public_bytes(serialization.Encoding.PEM) for c in (cert, *extra)),
    )


def certificate_fingerprint(pem: bytes) -> str:
    """The SHA-256 fingerprint (hex, of the DER form) of a PEM certificate.

    Raises:
        ValueError: not a PEM certificate.
    """
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise ValueError("not a PEM X.509 certificate") from None
    return cert.fingerprint(hashes.SHA256()).hex()


def certificate_names(pem: bytes) -> tuple[str, str, str, str]:
    """(common name, subject, issuer, SHA-256 fingerprint) of a PEM certificate; names in
    RFC 4514 form."""
    cert = x509.load_pem_x509_certificate(pem)
    common = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return (
        str(common[0].value) if common else "",
        cert.subject.rfc4514_string(),
        cert.issuer.rfc4514_string(),
        cert.fingerprint(hashes.SHA256()).hex(),
    )


def _names_of(der: bytes) -> dict[str, str]:
    cert = x509.load_der_x509_certificate(der)
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "certificate_sha256": cert.fingerprint(hashes.SHA256()).hex(),
    }


def chain_anchor(chain_pem: tuple[bytes, ...]) -> bytes | None:
    """The self-issued certificate ending a chain (leaf first): the root a verifier must trust
    for it; None when the chain stops below its root."""
    if not chain_pem:
        return None
    last = x509.load_pem_x509_certificate(chain_pem[-1])
    return chain_pem[-1] if last.subject == last.issuer else None


@dataclass(frozen=True, slots=True)
class TokenKey:
    """A key on a smart card or token, reached through its PKCS#11 module: the key never
    leaves the token; its certificate (same label) and the chain above it are read from it."""

    module: str
    token_label: str
    key_label: str
    pin: str = field(default="", repr=False)


@contextlib.contextmanager
def _token_signer(token: TokenKey) -> Iterator[Any]:
    """pyHanko's PKCS#11 signer over an open session of `token` (closed after).

    Raises:
        ConfigurationError: no such module, token, key or certificate.
        PermissionDeniedError: the PIN is refused (never repeated in the message).
    """
    if not Path(token.module).is_file():
        raise ConfigurationError(msg("signatures.token.no_module", path=token.module))
    from pkcs11 import exceptions as p11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    def refused(exc: Exception) -> ConfigurationError:
        error = str(exc) or type(exc).__name__
        return ConfigurationError(
            msg("signatures.token.error", token=token.token_label, error=error)
        )

    try:
        session = open_pkcs11_session(
            token.module, token_criteria=TokenCriteria(label=token.token_label), user_pin=token.pin
        )
    except (p11.PinIncorrect, p11.PinLenRange, p11.PinLocked, p11.PinInvalid):
        raise PermissionDeniedError(msg("signatures.token.pin", token=token.token_label)) from None
    except (p11.PKCS11Error, SigningError, OSError) as exc:
        raise refused(exc) from None
    try:
        # Raw ECDSA/RSA on the token, the hash made here: what most cards (and SoftHSM2) offer.
        signer = PKCS11Signer(
            session, key_label=token.key_label, other_certs_to_pull=None, use_raw_mechanism=True
        )
        try:
            signer.signing_cert  # noqa: B018 (loads the key and certificate, or fails here)
            yield signer
        except (p11.PKCS11Error, SigningError) as exc:
            raise refused(exc) from None
    finally:
        session.close()


def token_chain(token: TokenKey) -> tuple[bytes, ...]:
    """The certificate chain (PEM, leaf first) of `token`'s key, as the token holds it: its
    certificate, then each issuer found on the token up to a self-issued root.

    Raises:
        ConfigurationError, PermissionDeniedError: see `_token_signer`.
    """
    from asn1crypto import pem as asn1_pem

    with _token_signer(token) as signer:
        leaf = signer.signing_cert
        others = list(signer.cert_registry)
    chain = [leaf]
    while chain[-1].issuer != chain[-1].subject:
        above = next((c for c in others if c.subject == chain[-1].issuer and c not in chain), None)
        if above is None:
            break
        chain.append(above)
    return tuple(asn1_pem.armor("CERTIFICATE", c.dump()) for c in chain)


def sign_pdf(
    pdf: bytes, identity: SignerIdentity | TokenKey, field: str, reason: str, location: str
) -> bytes:
    """Append a PAdES signature (incremental update) in the invisible field `field`, made
    with a key in hand or a key on a PKCS#11 token.

    Raises:
        ConfigurationError, PermissionDeniedError: a token that cannot sign (see
            `_token_signer`).
    """
    if isinstance(identity, TokenKey):
        with _token_signer(identity) as signer:
            size = len(signer.signing_cert.dump()) + sum(
                len(c.dump()) for c in signer.cert_registry
            )
            return _sign(pdf, signer, field, reason, location, 4096 + 2 * size)
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.keys import load_private_key_from_pemder_data
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = load_private_key_from_pemder_data(identity.key_pem, passphrase=None)
    certs = [asn1_x509.Certificate.load(asn1_pem.unarmor(c)[2]) for c in identity.chain_pem]
    signer = signers.SimpleSigner(
        signing_cert=certs[0],
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(certs[1:]),  # type: ignore[no-untyped-call]
    )
    # An ECDSA signature with its short chain takes about 2 KB; the default placeholder is
    # 16 KB of hex that every validation has to tokenise.
    reserved = 3072 + 2 * (sum(len(c) for c in identity.chain_pem) // 2)
    return _sign(pdf, signer, field, reason, location, reserved)


def _sign(pdf: bytes, signer: Any, field: str, reason: str, location: str, reserved: int) -> bytes:
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = BytesIO()
    signers.sign_pdf(writer, meta, signer=signer, output=out, bytes_reserved=reserved)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class ValidationData:
    """What a PDF's document security store (DSS) carries: certificates and CRLs (DER)."""

    certificates: tuple[bytes, ...]
    crls: tuple[bytes, ...]


def add_validation_data(
    pdf: bytes, field: str, chain_pem: tuple[bytes, ...], crls: tuple[bytes, ...] = ()
) -> bytes:
    """Append the validation data of the signature in `field` (PAdES B-LT): its certificate
    chain and the issuers' CRLs go to the document security store, in an incremental update
    (an allowed change: the signatures before it stay intact)."""
    from io import BytesIO

    from asn1crypto import crl as asn1_crl
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    signature = next(e for e in writer.prev.embedded_signatures if str(e.field_name) == field)
    DocumentSecurityStore.supply_dss_in_writer(
        writer,
        signature.pkcs7_content.hex().encode("ascii"),
        certs=[asn1_x509.Certificate.load(asn1_pem.unarmor(c)[2]) for c in chain_pem],
        crls=[asn1_crl.CertificateList.load(c) for c in crls],
    )
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def pdf_validation_data(pdf: bytes) -> ValidationData:
    """The certificates and CRLs of a PDF's document security store (empty without one).

    Raises:
        ValueError: the bytes are not a readable PDF.
    """
    from io import BytesIO

    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    try:
        dss = DocumentSecurityStore.read_dss(PdfFileReader(BytesIO(pdf), strict=False))
    except NoDSSFoundError:
        return ValidationData((), ())
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from None
    return ValidationData(
        tuple(c.dump() for c in dss.load_certs()),
        tuple(bytes(ref.get_object().data) for ref in dss.crls),
    )


def validate_pdf(
    pdf: bytes, trust_roots_pem: tuple[bytes, ...], at: dt.datetime | None = None
) -> list[EmbeddedSignature]:
    """Validate every embedded signature against `trust_roots_pem`, in signing order.

    The chain is judged at `at` (a time something else proves the signatures existed, e.g.
    a signed journal checkpoint), or now; with the certificates and CRLs the PDF's document
    security store carries, and nothing fetched.

    Raises:
        ValueError: the PDF or a signature in it cannot be parsed (a changed byte can do
            that anywhere in the parser, so every parsing failure is reported this way).
    """
    try:
        return _validate(pdf, trust_roots_pem, at)
    except Exception as exc:  # see the docstring: any parsing failure
        raise ValueError(f"the PDF cannot be read: {type(exc).__name__}: {exc}") from None


def _validate(
    pdf: bytes, trust_roots_pem: tuple[bytes, ...], at: dt.datetime | None
) -> list[EmbeddedSignature]:
    from io import BytesIO

    from asn1crypto import crl as asn1_crl
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _quiet_validator_logs()
    roots = [asn1_x509.Certificate.load(asn1_pem.unarmor(c)[2]) for c in trust_roots_pem]
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    carried = pdf_validation_data(pdf)
    out: list[EmbeddedSignature] = []
    for emb in reader.embedded_signatures:
        if emb.sig_object_type == "/DocTimeStamp":
            continue  # a document timestamp: see `validate_timestamps`
        context = ValidationContext(
            trust_roots=roots,
            other_certs=[asn1_x509.Certificate.load(c) for c in carried.certificates],
            crls=[asn1_crl.CertificateList.load(c) for c in carried.crls],
            allow_fetching=False,
            moment=at,
            # The CRL was issued when the signature was made, before the proven time.
            retroactive_revinfo=True,
        )
        status = validate_pdf_signature(emb, context)
        level = status.modification_level
        out.append(
            EmbeddedSignature(
                field=str(emb.field_name),
                signer=str(status.signing_cert.subject.native.get("common_name", "")),
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_document=_covers(status),
                modification_level=level.name if level is not None else "",
                **_names_of(status.signing_cert.dump()),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class TimestampAuthority:
    """An RFC 3161 time-stamping authority: its URL and the root certificates (PEM) its
    time-stamping certificate must chain to."""

    url: str
    roots_pem: tuple[bytes, ...]
    timeout: float = 15.0


@dataclass(frozen=True, slots=True)
class DocumentTimestamp:
    """What pyHanko's validation says of one document timestamp (RFC 3161) in a PDF."""

    field: str
    #: The time the authority certified (its token's genTime), timezone-aware.
    at: dt.datetime
    #: The authority's certificate: subject (RFC 4514) and SHA-256 of its DER form.
    authority: str
    authority_sha256: str
    intact: bool
    valid: bool
    trusted: bool

    @property
    def ok(self) -> bool:
        """The timestamped bytes are unchanged, the token valid and its chain trusted."""
        return self.intact and self.valid and self.trusted


def add_document_timestamp(pdf: bytes, tsa: TimestampAuthority, field: str) -> bytes:
    """Append an RFC 3161 document timestamp from `tsa` in the field `field` (PAdES B-LTA),
    the authority's chain going to the document security store first.

    Raises:
        PeerError: the authority cannot be reached, answers something else than a time-stamp
            reply, or its certificate does not chain to `tsa.roots_pem`. Nothing is returned
            then: the caller writes nothing.
    """
    from io import BytesIO

    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator import ValidationContext

    _quiet_validator_logs()
    roots = [asn1_x509.Certificate.load(asn1_pem.unarmor(c)[2]) for c in tsa.roots_pem]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    out = BytesIO()
    try:
        signers.PdfTimeStamper(_time_stamper(tsa.url, tsa.timeout), field_name=field).timestamp_pdf(
            writer, "sha256", validation_context=context, output=out
        )
    except _UnreachableError as exc:
        raise PeerError(msg("signatures.tsa.unreachable", url=tsa.url, error=str(exc))) from None
    except Exception as exc:  # an answer that is not a valid, trusted time-stamp reply
        raise PeerError(
            msg("signatures.tsa.refused", url=tsa.url, error=f"{type(exc).__name__}: {exc}")
        ) from None
    return out.getvalue()


class _UnreachableError(Exception):
    """The authority did not answer (connection refused, timeout, HTTP error)."""


def _time_stamper(url: str, timeout: float) -> Any:
    """pyHanko's time-stamp client over the standard library's HTTP (no extra dependency)."""
    import asyncio
    import urllib.error
    import urllib.request

    from asn1crypto import tsp
    from pyhanko.sign.timestamps.api import TimeStamper

    def post(body: bytes) -> Any:
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/timestamp-query"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                kind, reply = answer.headers.get_content_type(), answer.read()
        except (OSError, urllib.error.URLError) as exc:
            raise _UnreachableError(str(getattr(exc, "reason", exc))) from None
        if kind != "application/timestamp-reply":
            raise ValueError(f"answered {kind}, not application/timestamp-reply")
        return tsp.TimeStampResp.load(reply)

    class UrlTimeStamper(TimeStamper):
        async def async_request_tsa_response(self, req: Any) -> Any:
            return await asyncio.to_thread(post, req.dump())

    return UrlTimeStamper()  # type: ignore[no-untyped-call]


def validate_timestamps(
    pdf: bytes, trust_roots_pem: tuple[bytes, ...], at: dt.datetime | None = None
) -> list[DocumentTimestamp]:
    """Validate every document timestamp of a PDF against `trust_roots_pem` (at `at`, or
    now), with what its document security store carries and nothing fetched.

    Raises:
        ValueError: the PDF or a timestamp in it cannot be parsed.
    """
    from io import BytesIO

    from asn1crypto import crl as asn1_crl
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    _quiet_validator_logs()
    try:
        roots = [asn1_x509.Certificate.load(asn1_pem.unarmor(c)[2]) for c in trust_roots_pem]
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        carried = pdf_validation_data(pdf)
        out: list[DocumentTimestamp] = []
        for emb in reader.embedded_signatures:
            if emb.sig_object_type != "/DocTimeStamp":
                continue
            context = ValidationContext(
                trust_roots=roots,
                other_certs=[asn1_x509.Certificate.load(c) for c in carried.certificates],
                crls=[asn1_crl.CertificateList.load(c) for c in carried.crls],
                allow_fetching=False,
                moment=at,
                retroactive_revinfo=True,
            )
            status = validate_pdf_timestamp(emb, validation_context=context)
            names = _names_of(status.signing_cert.dump())
            out.append(
                DocumentTimestamp(
                    field=str(emb.field_name),
                    at=status.timestamp,
                    authority=names["subject"],
                    authority_sha256=names["certificate_sha256"],
                    intact=bool(status.intact),
                    valid=bool(status.valid),
                    trusted=bool(status.trusted),
                )
            )
        return out
    except Exception as exc:  # as in `validate_pdf`: any parsing failure
        raise ValueError(f"the PDF cannot be read: {type(exc).__name__}: {exc}") from None


def _covers(status: Any) -> bool:
    # The whole file, or its whole revision followed by nothing but validation data (the
    # document security store, document timestamps): what PAdES B-LT and LTA append.
    coverage = status.coverage.name if status.coverage is not None else ""
    level = status.modification_level.name if status.modification_level is not None else ""
    return bool(
        coverage == "ENTIRE_FILE" or (coverage == "ENTIRE_REVISION" and level == "LTA_UPDATES")
    )


def _quiet_validator_logs() -> None:
    # An untrusted chain is a result we report, not an error: without a handler of ours,
    # Python's last-resort handler would print pyHanko's warning with a traceback.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def signature_fields(pdf: bytes) -> list[str]:
    """The names of the signed signature fields of a PDF, in signing order."""
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    return [str(e.field_name) for e in reader.embedded_signatures]


def pdf_attachments(pdf: bytes) -> dict[str, bytes]:
    """The files attached to a PDF (name to bytes); empty when it has none.

    Raises:
        ValueError: the bytes are not a readable PDF (as in `validate_pdf`, a changed byte
            can make any part of the parser fail, so every failure is reported this way).
    """
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        names = reader.root.get("/Names")
        if names is None or "/EmbeddedFiles" not in names:
            return {}
        pairs = names["/EmbeddedFiles"]["/Names"]
        out: dict[str, bytes] = {}
        for i in range(0, len(pairs), 2):
            spec = pairs[i + 1]
            out[str(pairs[i])] = spec["/EF"]["/F"].data
        return out
    except Exception as exc:  # see the docstring: any parsing failure
        raise ValueError(f"not a readable PDF: {type(exc).__name__}: {exc}") from None


def _short(text: str, limit: int = 64) -> str:
    """A name for an X.509 attribute (at most 64 characters): whole when it fits, else the
    body's own name before its department (" — "), else cut at a word; never padded."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text.split(" — ")[0].strip()
    if len(head) <= limit:
        return head
    return text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;—-")
