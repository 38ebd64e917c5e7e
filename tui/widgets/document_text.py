"""A joint document read on screen: its header, its lines (items, tests, returns), each
party's reservations and who signed it, worded as its PDF words them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from crisis.domain.loans import Party
from crisis.i18n import doc_label, doc_value, t
from crisis.l10n import format_datetime
from tui.safe_text import escape
from tui.widgets.signing import fingerprint
from tui.widgets.town_signing import town_line

if TYPE_CHECKING:
    from crisis.services.documents import DocumentView

#: The lists a document holds, with the fields shown for each line, in order.
LINES: dict[str, tuple[str, ...]] = {
    "items": ("tag", "category", "make", "model", "serial", "condition"),
    "returned": ("tag", "category", "serial", "condition_at_return", "status", "repair_cost"),
    "missing": ("tag", "category", "serial"),
    "substituted": ("tag", "by_tag", "reason"),
    "unexpected": ("tag", "serial", "condition"),
}


def _when(iso: str, lang: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(iso), lang)
    except ValueError:
        return iso


def _party(data: dict[str, Any], role: str) -> str:
    party = data.get(role)
    return str(party.get("name", "")) if isinstance(party, dict) else ""


def _line(row: dict[str, Any], fields: tuple[str, ...], lang: str) -> str:
    return "  ".join(doc_value(str(row[f]), lang) for f in fields if row.get(f) not in (None, ""))


def _tests(data: dict[str, Any], lang: str) -> list[str]:
    out = [f"[b]{doc_label('tests', lang)}[/b]"]
    for n, test in enumerate(data.get("tests", []), start=1):
        verdict = doc_label("pass" if test.get("passed") else "fail", lang)
        out.append(
            f"{n:>3}. {escape(str(test.get('test', '')))} — {escape(str(test.get('observed', '')))}"
            f" — {verdict}"
        )
    summary = data.get("summary")
    if isinstance(summary, dict):
        out.append(
            t(
                "documents.summary",
                lang,
                **{k: summary.get(k, 0) for k in ("total", "passed", "failed")},
            )
        )
    for r in data.get("row_reservations", []):
        out.append(
            escape(
                t(
                    "documents.row_reserved",
                    lang,
                    row=r.get("row", ""),
                    by=r.get("by", ""),
                    reason=r.get("reason", ""),
                )
            )
        )
    return out


def document_text(doc: DocumentView, lang: str) -> str:
    """The document in Textual markup (every stored value escaped)."""
    data = doc.data
    head = [
        f"[b]{doc_label(f'title.{doc.kind.value}', lang)}[/b] — {escape(doc.reference)}",
        f"{doc_label('loan', lang)} : {escape(doc.loan)}",
        f"{doc_label('agreement', lang)} : {escape(str(data.get('agreement', '')))}",
        f"{doc_label('crisis', lang)} : {escape(str(data.get('crisis', '')))}",
        f"{doc_label('date', lang)} : {_when(str(data.get('at', '')), lang)}",
        f"{doc_label('place', lang)} : {escape(str(data.get('place', '')) or '—')}",
        f"{doc_label('lender', lang)} : {escape(_party(data, 'lender'))}",
        f"{doc_label('borrower', lang)} : {escape(_party(data, 'borrower'))}",
        f"SHA-256 : {doc.sha256}",
    ]
    body: list[str] = []
    if "tests" in data:
        body += _tests(data, lang)
    for key, fields in LINES.items():
        rows = data.get(key)
        if rows:
            body.append(f"[b]{doc_label(key, lang)}[/b] ({len(rows)})")
            body += [f"  {escape(_line(r, fields, lang))}" for r in rows if isinstance(r, dict)]
    reservations = data.get("reservations")
    if isinstance(reservations, dict):
        for party in ("lender", "borrower"):
            said = reservations.get(party) or []
            text = "; ".join(str(x) for x in said) or t("documents.none", lang)
            body.append(f"{doc_label(f'reservations.{party}', lang)} : {escape(text)}")
    return "\n".join([*head, "", *body, "", *signatures_text(doc, lang)])


def signatures_text(doc: DocumentView, lang: str) -> list[str]:
    """Who signed, with which key or scan; and whether the PDF carries PAdES signatures."""
    out = [f"[b]{t('documents.signatures', lang)}[/b]"]
    if not doc.signatures:
        out.append(t("documents.unsigned", lang))
    for s in doc.signatures:
        if s.party == Party.LENDER.value:
            out.append(
                t(
                    "wizard.signed_lender",
                    lang,
                    signer=escape(s.signer),
                    public_key=fingerprint(s.public_key),
                )
            )
        else:
            out.append(town_line(s, lang))
    out.append(t("documents.sealed" if doc.signed_pdf else "documents.not_sealed", lang))
    return out
