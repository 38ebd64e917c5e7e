"""``crisis documents``, ``crisis verify`` and ``crisis audit``: joint documents and their proof."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import fail, local_time, print_table, reported, workspace
from crisis.domain.documents import Reservations
from crisis.domain.loans import Party
from crisis.i18n import default_language, t
from crisis.services import audit, documents
from crisis.services.documents import DocumentView, PdfCredential
from crisis.services.verification import verify_file

app = typer.Typer(help="Joint documents: issue, sign (both parties), render.", no_args_is_help=True)
audit_app = typer.Typer(
    help="The auditor's bundle: export and verify offline.", no_args_is_help=True
)

Lender = Annotated[list[str] | None, typer.Option("--lender-reservation", help="Repeatable.")]
Borrower = Annotated[list[str] | None, typer.Option("--borrower-reservation", help="Repeatable.")]
Place = Annotated[str, typer.Option(help="Where it is signed (default: the town).")]


def _reservations(lender: list[str] | None, borrower: list[str] | None) -> Reservations:
    return Reservations(tuple(lender or ()), tuple(borrower or ()))


def _issued(doc: DocumentView) -> None:
    typer.echo(f"{doc.reference}: sha256 {doc.sha256}, journal event {doc.journal_size}")


@app.command()
def inventory(
    ctx: typer.Context, loan: str, place: Place = "", lender: Lender = None,
    borrower: Borrower = None,
) -> None:  # fmt: skip
    """Issue the joint inventory of a loan's kit (inventaire contradictoire)."""
    with reported():
        _issued(
            documents.issue_inventory(workspace(ctx), loan, place, _reservations(lender, borrower))
        )


@app.command()
def acceptance(
    ctx: typer.Context,
    loan: str,
    tests: Annotated[
        Path | None,
        typer.Option(help="JSON list of the parties' manual checks (optional).", exists=True),
    ] = None,
    place: Place = "",
    lender: Lender = None,
    borrower: Borrower = None,
) -> None:
    """Issue the joint acceptance test sheet (fiche d'essai contradictoire).

    The automated results (mailboxes, laptops, switch) are read from the tool's records;
    the manual checks come from --tests.
    """
    with reported():
        workspace(ctx).acting_operator()  # refuse an auditor before reading the file
        rows = documents.parse_tests(tests.read_bytes()) if tests is not None else ()
        doc = documents.issue_acceptance(
            workspace(ctx), loan, rows, place, _reservations(lender, borrower)
        )
        _issued(doc)
    summary = doc.data["summary"]
    automated = sum(1 for t in doc.data["tests"] if t["automated"])
    typer.echo(
        f"{summary['passed']}/{summary['total']} passed ({automated} automated, "
        f"{summary['total'] - automated} manual)"
    )


Mailbox = Annotated[
    list[str] | None,
    typer.Option("--mailbox", help="address=returned|destroyed|unknown[:details] (repeatable)."),
]


RepairCost = Annotated[
    list[str] | None,
    typer.Option("--repair-cost", help="TAG=AMOUNT in euros for a returned item (repeatable)."),
]


@app.command("return")
def return_(
    ctx: typer.Context, loan: str, mailbox: Mailbox = None, place: Place = "",
    lender: Lender = None, borrower: Borrower = None, repair_cost: RepairCost = None,
) -> None:  # fmt: skip
    """Issue the return report against the handover snapshot (procès-verbal de restitution)."""
    with reported():
        boxes = [documents.parse_mailbox(m) for m in mailbox or []]
        costs = documents.parse_repair_costs(repair_cost or [])
        _issued(
            documents.issue_return(
                workspace(ctx), loan, boxes, place, _reservations(lender, borrower), costs
            )
        )


@app.command()
def sanitisation(
    ctx: typer.Context,
    loan: str,
    tag: str,
    validated_by: Annotated[str, typer.Option(help="Who validated the sanitisation.")],
    place: Place = "",
) -> None:
    """Issue a device's sanitisation certificate (NIST SP 800-88 Rev. 2 §4.6)."""
    with reported():
        _issued(documents.issue_sanitisation(workspace(ctx), loan, tag, validated_by, place))


@app.command("data")
def data_disposition(
    ctx: typer.Context, loan: str, mailbox: Mailbox = None, place: Place = "",
    lender: Lender = None, borrower: Borrower = None,
) -> None:  # fmt: skip
    """Issue the certificate of data return or destruction (réversibilité, sort des données)."""
    with reported():
        boxes = [documents.parse_mailbox(m) for m in mailbox or []]
        _issued(
            documents.issue_data_disposition(
                workspace(ctx), loan, boxes, place, _reservations(lender, borrower)
            )
        )


PartyArg = Annotated[Party, typer.Option(help="lender (first) or borrower.")]


@app.command()
def sign(
    ctx: typer.Context,
    reference: str,
    party: PartyArg,
    signer: Annotated[str, typer.Option(help="Who signs (the town's representative).")] = "",
) -> None:
    """Sign a document's hash (Ed25519): the lender with the operator's key, then the town.

    The operator's key passphrase: CRISIS_OPERATOR_PASSPHRASE, or typed.
    """
    ws = workspace(ctx)
    with reported():
        ws.acting_operator()  # refuse an auditor before asking for anything
        passphrase = ""
        if party is Party.LENDER:
            passphrase = os.environ.get("CRISIS_OPERATOR_PASSPHRASE") or typer.prompt(
                "Passphrase of your signing key", hide_input=True, err=True
            )
        doc = documents.sign_document(ws, reference, party, signer, passphrase)
    typer.echo(f"{reference} signed by the {party.value}: " + ", ".join(
        f"{s.party} ({s.signer})" for s in doc.signatures
    ))  # fmt: skip


@app.command()
def seal(
    ctx: typer.Context,
    reference: str,
    party: PartyArg,
    signer: Annotated[str, typer.Option(help="Name on the certificate.")] = "",
    pkcs12: Annotated[Path | None, typer.Option(help="Sign with this PKCS#12 instead.")] = None,
) -> None:
    """Embed a party's PAdES signature in the PDF (lender first, then the town).

    Passphrases: CRISIS_CA_PASSPHRASE (local authority) or CRISIS_PKCS12_PASSPHRASE, or typed.
    """
    ws = workspace(ctx)
    with reported():
        ws.acting_operator()  # refuse an auditor before asking for anything
        if pkcs12 is not None:
            cred = PdfCredential(
                pkcs12=pkcs12,
                pkcs12_passphrase=os.environ.get("CRISIS_PKCS12_PASSPHRASE")
                or typer.prompt("PKCS#12 passphrase", hide_input=True, err=True),
            )
        else:
            cred = PdfCredential(
                ca_passphrase=os.environ.get("CRISIS_CA_PASSPHRASE")
                or typer.prompt("Local authority passphrase", hide_input=True, err=True)
            )
        documents.seal_document(ws, reference, party, cred, signer)
    typer.echo(f"{reference}: PDF signed by the {party.value}")


@app.command("list")
def list_(ctx: typer.Context, loan: Annotated[str | None, typer.Option()] = None) -> None:
    """The documents (of a loan), with who signed them."""
    with reported():
        docs = documents.list_documents(workspace(ctx), loan)
    print_table(
        ["reference", "kind", "created", "signed by", "PDF signed", "sha256"],
        [
            [
                d.reference, d.kind.value, local_time(d.created_at),
                ",".join(s.party for s in d.signatures) or "-",
                "yes" if d.signed_pdf else "no", d.sha256[:16],
            ]
            for d in docs
        ],
    )  # fmt: skip


@app.command()
def pdf(
    ctx: typer.Context,
    reference: str,
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the PDF.")],
    lang: Annotated[str, typer.Option(help="fr or en.")] = "fr",
) -> None:
    """Write a document's PDF: the signed one when sealed (French), else a fresh rendering."""
    with reported():
        doc = documents.get_document(workspace(ctx), reference)
        data = (
            doc.signed_pdf
            if doc.signed_pdf and lang == "fr"
            else documents.render_document(workspace(ctx), reference, lang)
        )
    out.write_bytes(data)
    typer.echo(f"{out}: {len(data)} bytes")


@app.command()
def snapshot(
    ctx: typer.Context,
    reference: str,
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the snapshot.")],
) -> None:
    """Write a document's canonical JSON snapshot (the bytes that were hashed and signed)."""
    with reported():
        doc = documents.get_document(workspace(ctx), reference)
    out.write_bytes(doc.snapshot)
    typer.echo(f"{out}: sha256 {doc.sha256}")


def verify(
    ctx: typer.Context,
    file: Path,
    trust_cert: Annotated[
        list[Path] | None,
        typer.Option(help="A PEM certificate to trust beside the local authority (repeatable)."),
    ] = None,
) -> None:
    """Check a document's PDF or snapshot: hash, both signatures, journal. Exit 0 only if intact."""
    lang = default_language()
    with reported():
        roots = tuple(p.read_bytes() for p in trust_cert or [])
        v = verify_file(workspace(ctx), file, roots, lang)
    if v.ok:
        parties = t("cli.verify.and", lang).join(
            t(f"cli.verify.party.{p}", lang) for p in v.signed_by
        )
        typer.echo(
            t("cli.verify.intact", lang, file=file, reference=v.reference, sha256=v.sha256,
              parties=parties)
            + (t("cli.verify.pdf_signatures", lang, names=", ".join(v.pdf_signatures))
               if v.pdf_signatures else "")
        )  # fmt: skip
        return
    reference = v.reference or t("cli.verify.unknown_document", lang)
    typer.echo(t("cli.verify.not_intact", lang, file=file, reference=reference))
    _problems(v.problems, lang)
    raise typer.Exit(2)


def _problems(problems: tuple[str, ...], lang: str) -> None:
    for p in problems:
        typer.echo(t("cli.problem", lang, problem=p))


@audit_app.command("export")
def export(
    ctx: typer.Context,
    directory: Path,
    trust_root: Annotated[
        list[Path] | None,
        typer.Option(
            help="A PEM root certificate the bundle carries, for PDFs sealed with a PKCS#12 "
            "whose chain stops below its root (repeatable).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Write the audit bundle (documents, snapshots, journal, checkpoints, keys, manifest).

    It carries the local authority, the roots of the PKCS#12 chains kept at sealing and the
    --trust-root certificates, so `audit verify` checks every PDF signature offline.
    """
    with reported():
        roots = [(str(p), p.read_bytes()) for p in trust_root or []]
        s = audit.export_bundle(workspace(ctx), directory, roots)
    typer.echo(
        t("cli.audit.exported", default_language(), path=s.path, documents=s.documents,
          events=s.events, files=s.files)
    )  # fmt: skip


@audit_app.command("verify")
def verify_bundle(
    bundle: Path,
    trusted_key: Annotated[
        list[str] | None, typer.Option(help="Trusted checkpoint public key (hex), repeatable.")
    ] = None,
) -> None:
    """Check a bundle offline with nothing but its files. Exit 0 only if intact."""
    lang = default_language()
    if not bundle.is_dir():
        fail(t("cli.audit.not_a_folder", lang, path=bundle))
    with reported():
        v = audit.verify_bundle(bundle, set(trusted_key or []), lang)
    if v.ok:
        typer.echo(
            t("cli.audit.intact", lang, documents=v.documents, events=v.events,
              seconds=f"{v.seconds:.2f}", rate=f"{v.documents / max(v.seconds, 1e-9):.0f}")
        )  # fmt: skip
        return
    typer.echo(t("cli.audit.not_intact", lang, count=len(v.problems)))
    _problems(v.problems, lang)
    raise typer.Exit(2)
