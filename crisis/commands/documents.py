"""``crisis documents``, ``crisis verify`` and ``crisis audit``: joint documents and their proof."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import (
    echo_safe,
    fail,
    local_time,
    print_table,
    reported,
    workspace,
)
from crisis.commands.help_words import translate_help
from crisis.domain.documents import Reservations
from crisis.domain.loans import Party
from crisis.i18n import default_language, t, tn
from crisis.services import audit, documents
from crisis.services.documents import DocumentView, PdfCredential
from crisis.services.output_files import check_output, write_output
from crisis.services.verification import OfflineVerdict, verify_file, verify_offline

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
    echo_safe(
        t("cli.documents.issued", default_language(), reference=doc.reference,
          sha256=doc.sha256, seq=doc.journal_size)
    )  # fmt: skip


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
        rows = documents.parse_tests(tests.read_bytes(), str(tests)) if tests is not None else ()
        doc = documents.issue_acceptance(
            workspace(ctx), loan, rows, place, _reservations(lender, borrower)
        )
        _issued(doc)
    summary = doc.data["summary"]
    automated = sum(1 for row in doc.data["tests"] if row["automated"])
    echo_safe(
        t("cli.documents.acceptance_summary", default_language(), passed=summary["passed"],
          total=summary["total"], automated=automated, manual=summary["total"] - automated)
    )  # fmt: skip


@app.command()
def reserve(
    ctx: typer.Context,
    reference: str,
    rows: Annotated[list[int], typer.Argument(help="The rows' numbers, as printed.")],
    by: Annotated[str, typer.Option("--by", help="The borrower's representative.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the gap is accepted.")],
) -> None:
    """Record the borrower's reservation on failed rows of the latest acceptance sheet
    ("accepté avec réserves"): issues one new revision of the sheet, to be signed by both."""
    with reported():
        _issued(documents.reserve_acceptance_rows(workspace(ctx), reference, rows, by, reason))


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
    party: PartyArg = Party.LENDER,
    signer: Annotated[
        str,
        typer.Option(help="Whom you sign for, under a recorded delegation (documents delegate)."),
    ] = "",
) -> None:
    """The lender signs a document's hash (Ed25519) with the acting operator's own key.

    The town signs with its own key material: `seal --party borrower --pkcs12 FILE`,
    `import-signed REF FILE` (the PDF it signed with its own tool), or `sign-handwritten`.
    The operator's key passphrase: CRISIS_OPERATOR_PASSPHRASE, or typed.
    """
    ws = workspace(ctx)
    with reported():
        ws.acting_operator()  # refuse an auditor before asking for anything
        if party is Party.BORROWER:
            documents.sign_document(ws, reference, party, signer)  # refuses, with the ways
        passphrase = os.environ.get("CRISIS_OPERATOR_PASSPHRASE") or typer.prompt(
            t("cli.documents.prompt.signing_key", default_language()), hide_input=True, err=True
        )
        doc = documents.sign_document(ws, reference, party, signer, passphrase)
    lang = default_language()
    echo_safe(
        t("cli.documents.signed_by_party", lang, reference=reference,
          party=t(f"party.the.{party.value}", lang), signatures=_signed_by(doc, lang))
    )  # fmt: skip


def _signed_by(doc: DocumentView, lang: str) -> str:
    return ", ".join(
        t("cli.documents.signature", lang, party=t(f"party.{s.party}", lang), signer=s.signer,
          how="".join([
              t("cli.documents.handwritten", lang, sha256=s.scan_sha256) if s.handwritten else "",
              f", {s.certificate_subject}" if s.method == "pades" else "",
          ]))
        for s in doc.signatures
    )  # fmt: skip


@app.command("sign-handwritten")
def sign_handwritten(
    ctx: typer.Context,
    reference: str,
    signer: Annotated[str, typer.Option(help="The town's representative who signed by hand.")],
    scan: Annotated[
        Path, typer.Option(help="The scan of the signed page.", exists=True, dir_okay=False)
    ],
) -> None:
    """Record the town's handwritten signature on the printed document, with its scan."""
    with reported():
        doc = documents.sign_town_handwritten(
            workspace(ctx), reference, signer, scan.read_bytes(), scan.name
        )
    lang = default_language()
    echo_safe(
        t("cli.documents.signed_by", lang, reference=reference, signatures=_signed_by(doc, lang))
    )


@app.command("import-signed")
def import_signed(
    ctx: typer.Context,
    reference: str,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    trust: Annotated[
        list[Path] | None,
        typer.Option(help="The town's root certificate (PEM) its signature must chain to."),
    ] = None,
) -> None:
    """Import the PDF the town signed with its own tool and certificate.

    It must be the lender-sealed PDF byte for byte, plus the town's incremental update.
    """
    with reported():
        roots = tuple(_read(p) for p in trust or [])
        doc = documents.import_town_signed(workspace(ctx), reference, file.read_bytes(), roots)
    lang = default_language()
    echo_safe(
        t("cli.documents.signed_by", lang, reference=reference, signatures=_signed_by(doc, lang))
    )


@app.command()
def delegate(
    ctx: typer.Context,
    delegator: str,
    to: Annotated[str, typer.Option("--to", help="The operator who signs for the delegator.")],
    act: Annotated[str, typer.Option(help="The deliberation or arrêté granting it.")],
    date: Annotated[str, typer.Option(help="The act's date, YYYY-MM-DD.")],
) -> None:
    """Record a delegation of signature (journaled): DELEGATOR delegates to the operator --to."""
    with reported():
        d = documents.record_delegation(workspace(ctx), delegator, to, act, date)
    echo_safe(
        t("cli.documents.delegated", default_language(), delegator=d.delegator,
          delegate=d.delegate, act=d.act, date=d.act_date, seq=d.journal_seq)
    )  # fmt: skip


@app.command()
def seal(
    ctx: typer.Context,
    reference: str,
    party: PartyArg,
    pkcs12: Annotated[
        Path | None, typer.Option(help="The party's own PKCS#12 (the town: this or a token).")
    ] = None,
    pkcs11_module: Annotated[
        str,
        typer.Option(
            help="The PKCS#11 module of the party's smart card or token "
            "(e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so).",
            envvar="CRISIS_PKCS11_MODULE",
        ),
    ] = "",
    token: Annotated[str, typer.Option(help="The token's label (with --pkcs11-module).")] = "",
    key: Annotated[
        str, typer.Option(help="The label of the key and its certificate on the token.")
    ] = "",
) -> None:
    """Embed a party's PAdES signature in the PDF (lender first, then the town).

    The lender: the local authority's certificate for the operator who signed the hash
    (CRISIS_CA_PASSPHRASE), or its own --pkcs12. The town: its own --pkcs12 only
    (CRISIS_PKCS12_PASSPHRASE, or typed), its card or token (--pkcs11-module, --token,
    --key; the PIN from CRISIS_PKCS11_PIN, or typed: never stored), or `import-signed`.
    With CRISIS_TSA_URL (and CRISIS_TSA_CA, the authority's root), an RFC 3161 document
    timestamp is added.
    """
    ws = workspace(ctx)
    with reported():
        ws.acting_operator()  # refuse an auditor before asking for anything
        if pkcs12 is not None:
            cred = PdfCredential(
                pkcs12=pkcs12,
                pkcs12_passphrase=os.environ.get("CRISIS_PKCS12_PASSPHRASE")
                or typer.prompt(
                    t("cli.documents.prompt.pkcs12", default_language()), hide_input=True, err=True
                ),
            )
        elif pkcs11_module:
            cred = PdfCredential(
                pkcs11_module=pkcs11_module,
                token_label=token,
                key_label=key,
                pin=os.environ.get("CRISIS_PKCS11_PIN")
                or typer.prompt(
                    t("signatures.token.pin_prompt", default_language()), hide_input=True, err=True
                ),
            )
        elif party is Party.BORROWER:
            cred = PdfCredential()  # refused by the service, with the ways the town signs
        else:
            cred = PdfCredential(
                ca_passphrase=os.environ.get("CRISIS_CA_PASSPHRASE")
                or typer.prompt(
                    t("cli.documents.prompt.authority", default_language()),
                    hide_input=True,
                    err=True,
                )
            )
        documents.seal_document(ws, reference, party, cred)
    lang = default_language()
    echo_safe(
        t("cli.documents.pdf_signed", lang, reference=reference,
          party=t(f"party.the.{party.value}", lang))
    )  # fmt: skip


@app.command("list")
def list_(ctx: typer.Context, loan: Annotated[str | None, typer.Option()] = None) -> None:
    """The documents (of a loan), with who signed them."""
    with reported():
        docs = documents.list_documents(workspace(ctx), loan)
    lang = default_language()
    print_table(
        [t(f"cli.documents.col.{c}", lang)
         for c in ("reference", "kind", "created", "signed_by", "pdf_signed", "sha256")],
        [
            [
                d.reference, t(f"doc.title.{d.kind.value}", lang), local_time(d.created_at),
                ",".join(
                    t("cli.documents.party_handwritten" if s.handwritten else "party." + s.party,
                      lang, party=t(f"party.{s.party}", lang))
                    for s in d.signatures
                ) or "-",
                t("cli.documents.yes" if d.signed_pdf else "cli.documents.no", lang),
                d.sha256[:16],
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
    force: Annotated[bool, typer.Option(help="Replace the file if it exists.")] = False,
) -> None:
    """Write a document's PDF: the signed one when sealed (French), else a fresh rendering."""
    with reported():
        check_output(out, force=force)
        doc = documents.get_document(workspace(ctx), reference)
        data = (
            doc.signed_pdf
            if doc.signed_pdf and lang == "fr"
            else documents.render_document(workspace(ctx), reference, lang)
        )
        write_output(out, data, force=force)
    echo_safe(t("cli.documents.written_bytes", default_language(), path=out, size=len(data)))


@app.command()
def snapshot(
    ctx: typer.Context,
    reference: str,
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the snapshot.")],
    force: Annotated[bool, typer.Option(help="Replace the file if it exists.")] = False,
) -> None:
    """Write a document's canonical JSON snapshot (the bytes that were hashed and signed)."""
    with reported():
        doc = documents.get_document(workspace(ctx), reference)
        write_output(out, doc.snapshot, force=force)
    echo_safe(t("cli.documents.written_sha", default_language(), path=out, sha256=doc.sha256))


def verify(
    ctx: typer.Context,
    file: Path,
    trust: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust", "--trust-cert",
            help="A PEM certificate to trust (the lender's authority, the town's CA; repeatable).",
        ),
    ] = None,
) -> None:  # fmt: skip
    """Check a document's PDF or snapshot. Exit 0 only if intact and signed by both parties.

    With nothing but the file (and --trust certificates): no database is opened or created;
    the output says what could and could not be checked. With the global --db, the file is
    also checked against the lender's journal.
    """
    lang = default_language()
    with reported():
        roots = tuple(_read(p) for p in trust or [])
        if not (ctx.parent is not None and ctx.parent.params.get("db")):
            _offline(verify_offline(file, roots, lang), file, lang)
            return
        v = verify_file(workspace(ctx), file, roots, lang)
    if v.ok:
        parties = t("cli.verify.and", lang).join(
            t(f"cli.verify.party.{p}", lang) for p in v.signed_by
        )
        echo_safe(
            t("cli.verify.intact", lang, file=file, reference=v.reference, sha256=v.sha256,
              parties=parties)
            + (t("cli.verify.pdf_signatures", lang, names=", ".join(v.pdf_signatures))
               if v.pdf_signatures else "")
        )  # fmt: skip
        return
    reference = v.reference or t("cli.verify.unknown_document", lang)
    echo_safe(t("cli.verify.not_intact", lang, file=file, reference=reference))
    _problems(v.problems, lang)
    raise typer.Exit(2)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        fail(t("cli.documents.trust_unreadable", default_language(), path=path,
               reason=exc.strerror or ""))  # fmt: skip


def _offline(v: OfflineVerdict, file: Path, lang: str) -> None:
    reference = v.reference or t("cli.verify.unknown_document", lang)
    if v.problems:
        echo_safe(t("cli.verify.not_intact", lang, file=file, reference=reference))
        _problems(v.problems, lang)
    elif v.lender_only:
        echo_safe(t("cli.verify.lender_only", lang, file=file, reference=reference,
                     sha256=v.sha256))  # fmt: skip
    else:
        parties = t("cli.verify.and", lang).join(
            t(f"cli.verify.party.{p}", lang) for p in v.signed_by
        )
        echo_safe(t("cli.verify.intact", lang, file=file, reference=reference,
                     sha256=v.sha256, parties=parties or "-"))  # fmt: skip
    for title, lines in (
        ("cli.verify.checked", v.checked),
        ("cli.verify.not_checked", v.not_checked),
    ):
        if lines:
            echo_safe(t(title, lang))
            _problems(lines, lang)
    if not v.ok:
        raise typer.Exit(2)


def _problems(problems: tuple[str, ...], lang: str) -> None:
    for p in problems:
        echo_safe(t("cli.problem", lang, problem=p))


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
    checkpoint_key: Annotated[
        Path | None,
        typer.Option(
            help="The journal checkpoint key (Ed25519 PEM) that signs the manifest; default: "
            "the station's (opened with CRISIS_CHECKPOINT_PASSPHRASE when encrypted).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Write the audit bundle (documents, snapshots, journal, checkpoints, keys, evidence
    files, manifest).

    It carries the local authority, the roots of the PKCS#12 chains kept at sealing and the
    --trust-root certificates, so `audit verify` checks every PDF signature offline. The
    manifest records the renderer and font versions, and is signed with the journal
    checkpoint key.
    """
    with reported():
        roots = [(str(p), p.read_bytes()) for p in trust_root or []]
        s = audit.export_bundle(
            workspace(ctx), directory, roots, checkpoint_key,
            os.environ.get("CRISIS_CHECKPOINT_PASSPHRASE") or None,
        )  # fmt: skip
    lang = default_language()
    echo_safe(
        t("cli.audit.exported", lang, path=s.path, documents=s.documents,
          events=s.events, files=s.files)
    )  # fmt: skip
    for e in s.missing_evidence:
        echo_safe(
            t("cli.audit.evidence_missing", lang, file=e.file_name, agreement=e.agreement,
              kind=t(f"evidence.kind.{e.kind}", lang), sha256=e.sha256)
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
    with reported():
        if not bundle.is_dir():
            fail(t("cli.audit.not_a_folder", lang, path=bundle))
        v = audit.verify_bundle(bundle, set(trusted_key or []), lang)
    for note in v.notes:
        echo_safe(t("cli.audit.note", lang, note=note))
    if v.ok:
        echo_safe(
            t("cli.audit.intact", lang, documents=v.documents, events=v.events,
              seconds=f"{v.seconds:.2f}", rate=f"{v.documents / max(v.seconds, 1e-9):.0f}")
        )  # fmt: skip
        return
    echo_safe(tn("cli.audit.not_intact", len(v.problems), lang, count=len(v.problems)))
    _problems(v.problems, lang)
    raise typer.Exit(2)


translate_help(app, "documents")
translate_help(audit_app, "audit")
