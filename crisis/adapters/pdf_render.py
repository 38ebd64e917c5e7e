"""Deterministic A4 PDF rendering of a document snapshot (fpdf2 + a segno QR code of its hash)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from crisis.domain.document_labels import label, value
from crisis.domain.paris_time import PARIS

_LM, _LEFT, _NEXT = XPos.LMARGIN, XPos.LEFT, YPos.NEXT

# The PDF core fonts speak Latin-1: typographic characters outside it get a plain stand-in.
_PLAIN = str.maketrans(
    {
        "—": "-",
        "–": "-",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "œ": "oe",
        "Œ": "OE",
        "€": "EUR",
        "\u202f": " ",
        "•": "-",
    }
)


@dataclass(frozen=True, slots=True)
class SignatureLine:
    """A signature to print in a party's box."""

    party: str
    signer: str
    at: str  # ISO 8601 UTC
    public_key: str


def _t(text: object) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def local_time(iso_utc: str) -> str:
    """An ISO UTC stamp as Paris wall-clock time for the page."""
    return datetime.fromisoformat(iso_utc).astimezone(PARIS).strftime("%d/%m/%Y %H:%M %Z")


def local_date(iso_utc: str) -> str:
    """An ISO UTC stamp as a Paris calendar date."""
    return datetime.fromisoformat(iso_utc).astimezone(PARIS).strftime("%d/%m/%Y")


class _Page(FPDF):
    def __init__(self, lang: str, sha256: str, reference: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc_lang = lang
        self.sha256 = sha256
        self.reference = reference
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 15, 15)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("helvetica", size=7)
        self.set_text_color(90)
        page = label("page", self.doc_lang, n=self.page_no(), total="{nb}")
        self.cell(0, 4, _t(f"{self.reference} - SHA-256 {self.sha256}"), align="L")
        self.set_x(-40)
        self.cell(25, 4, _t(page), align="R")
        self.set_text_color(0)


def render_pdf(
    snapshot: Mapping[str, Any],
    sha256: str,
    journal: tuple[int, str],
    signatures: Sequence[SignatureLine] = (),
    lang: str = "fr",
    attachments: Mapping[str, bytes] | None = None,
) -> bytes:
    """Render `snapshot` as an A4 PDF; the same arguments always give the same bytes.

    The creation date is the document's own date and the file identifier is derived from
    the content, so nothing depends on when or where the rendering runs. `attachments`
    (name to bytes) are embedded as files, e.g. the snapshot itself so the PDF carries its
    own truth.
    """
    reference = str(snapshot["reference"])
    pdf = _Page(lang, sha256, reference)
    created = datetime.fromisoformat(str(snapshot["at"]))
    pdf.set_creation_date(created)
    pdf.set_producer("crisis-kit")
    pdf.set_creator("crisis-kit")
    kind = str(snapshot["kind"])
    pdf.set_title(_t(f"{label('title.' + kind, lang)} - {reference}"))
    pdf.set_lang("fr-FR" if lang == "fr" else "en-GB")
    pdf.add_page()
    lay = _Layout(pdf, lang)
    lay.letterhead(snapshot)
    lay.title(label("title." + kind, lang))
    lay.header_block(snapshot)
    lay.parties(snapshot)
    body = {
        "inventory": lay.inventory,
        "acceptance": lay.acceptance,
        "return": lay.return_report,
        "sanitisation": lay.sanitisation,
        "data_disposition": lay.data_disposition,
    }[kind]
    body(snapshot)
    if "reservations" in snapshot:
        lay.reservations(snapshot["reservations"])
    lay.signatures(snapshot, signatures)
    lay.integrity(sha256, journal)
    for name, data in sorted((attachments or {}).items()):
        pdf.embed_file(
            bytes=data,
            basename=name,
            desc=name,
            creation_date=created,
            modification_date=created,
            compress=True,
        )
    return bytes(pdf.output())


class _Layout:
    """The blocks of a document page, in the order they are printed."""

    def __init__(self, pdf: _Page, lang: str) -> None:
        self.pdf = pdf
        self.lang = lang

    def l(self, key: str, **values: object) -> str:  # noqa: E743
        return _t(label(key, self.lang, **values))

    def v(self, text: str) -> str:
        return _t(value(text, self.lang))

    def letterhead(self, s: Mapping[str, Any]) -> None:
        p = self.pdf
        lender = s["lender"]
        p.set_font("helvetica", "B", 10)
        p.cell(0, 5, _t(lender["name"]), align="L", new_x=_LM, new_y=_NEXT)
        p.set_font("helvetica", size=8)
        if lender.get("address"):
            p.cell(0, 4, _t(lender["address"]), align="L", new_x=_LM, new_y=_NEXT)
        p.set_font("helvetica", size=9)
        p.cell(
            0, 5, _t(f"{self.l('reference')} : {s['reference']}"), align="R", new_x=_LM, new_y=_NEXT
        )
        p.ln(4)

    def title(self, text: str) -> None:
        p = self.pdf
        p.set_font("helvetica", "B", 15)
        p.multi_cell(0, 8, _t(text).upper(), align="C", new_x=_LM, new_y=_NEXT)
        p.set_draw_color(0, 51, 153)
        p.set_line_width(0.6)
        p.line(60, p.get_y() + 1, 150, p.get_y() + 1)
        p.set_line_width(0.2)
        p.set_draw_color(0)
        p.ln(5)

    def section(self, text: str) -> None:
        p = self.pdf
        if p.get_y() > 260:
            p.add_page()
        p.ln(2)
        p.set_font("helvetica", "B", 10)
        p.set_fill_color(225, 230, 240)
        p.cell(0, 6, _t(text), fill=True, align="L", new_x=_LM, new_y=_NEXT)
        p.ln(1)

    def field(self, name: str, value: object, width: float = 55) -> None:
        p = self.pdf
        p.set_font("helvetica", "B", 9)
        p.cell(width, 5, _t(name))
        p.set_font("helvetica", size=9)
        p.multi_cell(
            0, 5, _t(value) if value not in ("", None) else "-", align="L", new_x=_LM, new_y=_NEXT
        )

    def header_block(self, s: Mapping[str, Any]) -> None:
        if s.get("loan"):
            self.field(self.l("loan"), s["loan"])
        if s.get("agreement"):
            self.field(self.l("agreement"), f"{s['agreement']} - {s['agreement_title']}")
        if s.get("crisis"):
            self.field(self.l("crisis"), s["crisis"])
        self.field(self.l("date"), local_time(s["at"]))
        self.field(self.l("place"), s["place"])

    def parties(self, s: Mapping[str, Any]) -> None:
        self.section(self.l("parties"))
        for role in ("lender", "borrower"):
            party = s[role]
            text = party["name"]
            if party.get("insee_code"):
                text += f" ({self.l('insee')} {party['insee_code']})"
            reps = [
                r["name"]
                + (f", {r['position']}" if r.get("position") else "")
                + (f", {self.l('delegation')} {r['delegation']}" if r.get("delegation") else "")
                for r in party.get("representatives", [])
            ]
            if reps:
                text += f", {self.l('represented_by')} " + "; ".join(reps)
            self.field(self.l(role), text, 30)
        p = self.pdf
        p.set_font("helvetica", "I", 8)
        p.multi_cell(0, 4, self.l("ownership"), align="L", new_x=_LM, new_y=_NEXT)

    def table(
        self, headers: Sequence[str], widths: Sequence[float], rows: Sequence[Sequence[Any]]
    ) -> None:
        p = self.pdf

        def head() -> None:
            p.set_font("helvetica", "B", 7.5)
            p.set_fill_color(235)
            for h, w in zip(headers, widths, strict=True):
                p.cell(w, 5, _t(h), border=1, fill=True)
            p.ln()

        head()
        p.set_font("helvetica", size=7.5)
        line = 3.6
        for row in rows:
            texts = [_t(v) for v in row]
            # Wrap only the cells that need it: measuring is cheap, laying out lines is not.
            wrapped = [
                _lines(p, t, w - 0.4, line) if p.get_string_width(t) > w - 2 else [t]
                for t, w in zip(texts, widths, strict=True)
            ]
            height = max(len(c) for c in wrapped) * line + 1
            if p.get_y() + height > 280:
                p.add_page()
                head()
                p.set_font("helvetica", size=7.5)
            x, y = p.get_x(), p.get_y()
            for cell, w in zip(wrapped, widths, strict=True):
                p.rect(x, y, w, height)
                for n, text in enumerate(cell):
                    p.set_xy(x + 0.2, y + 0.5 + n * line)
                    p.cell(w - 0.4, line, text)
                x += w
            p.set_xy(p.l_margin, y + height)
        if not rows:
            p.set_font("helvetica", "I", 8)
            p.cell(sum(widths), 5, self.l("none"), border=1, align="L", new_x=_LM, new_y=_NEXT)

    def inventory(self, s: Mapping[str, Any]) -> None:
        items = s["items"]
        self.section(f"{self.l('items')} ({self.l('count')} : {len(items)})")
        owners = {i["owner"] for i in items}
        one_owner = len(owners) == 1
        if one_owner:
            self.field(self.l("owner"), next(iter(owners)), 30)
        keys = ["tag", "category", "make_model", "serial", "sim", "accessories", "condition"]
        widths = [24, 20, 38, 32, 36, 16, 14] if one_owner else [22, 16, 34, 28, 30, 18, 12]
        if not one_owner:
            keys.append("owner")
            widths.append(20)
        self.table(
            [self.l(k) for k in keys],
            widths,
            [
                [
                    i["tag"], self.v(i["category"]), f"{i['make']} {i['model']}".strip(),
                    i["imei"] or i["serial"], " ".join(x for x in (i["sim"], i["number"]) if x),
                    ", ".join(i["accessories"]), self.v(i["condition"]),
                    *([] if one_owner else [i["owner"]]),
                ]
                for i in items
            ],
        )  # fmt: skip

    def acceptance(self, s: Mapping[str, Any]) -> None:
        self.section(self.l("tests"))
        self.table(
            [self.l(k) for k in ("test", "expected", "observed", "result", "tester")],
            [45, 42, 45, 18, 30],
            [
                [
                    t["test"] + (f" ({t['subject']})" if t.get("subject") else ""),
                    t["expected"],
                    t["observed"]
                    + (f" ({self.l('recorded', record=t['record'])})" if t.get("record") else ""),
                    self.l("pass" if t["passed"] else "fail")
                    + (f" ({self.l('automated')})" if t["automated"] else ""),
                    t["tester"],
                ]
                for t in s["tests"]
            ],
        )  # fmt: skip
        if any(t["automated"] for t in s["tests"]):
            self.pdf.set_font("helvetica", "I", 7.5)
            self.pdf.multi_cell(0, 4, self.l("automated_note"), align="L", new_x=_LM, new_y=_NEXT)
        sm = s["summary"]
        self.field(
            self.l("summary"), f"{sm['passed']}/{sm['total']} ({sm['failed']} {self.l('fail')})"
        )

    def return_report(self, s: Mapping[str, Any]) -> None:
        p = self.pdf
        p.set_font("helvetica", "B", 9)
        p.cell(0, 5, self.l("handover_ref"), new_x=_LM, new_y=_NEXT)
        p.set_font("courier", size=8)
        p.cell(0, 4, s["handover_sha256"], new_x=_LM, new_y=_NEXT)
        self.section(self.l("returned"))
        self.table(
            [
                self.l(k)
                for k in ("tag", "serial", "at_handover", "at_return", "status", "repair_cost")
            ],
            [28, 40, 28, 28, 26, 30],
            [
                [r["tag"], r["serial"], self.v(r["condition_at_handover"]),
                 self.v(r["condition_at_return"]), self.v(r["status"]), r["repair_cost"]]
                for r in s["returned"]
            ],
        )  # fmt: skip
        self.section(self.l("missing"))
        self.table(
            [self.l("tag"), self.l("serial"), self.l("category")],
            [40, 60, 40],
            [[m["tag"], m["serial"], self.v(m["category"])] for m in s["missing"]],
        )
        self.section(self.l("substituted"))
        self.table(
            [self.l("tag"), self.l("serial"), self.l("by"), self.l("reason")],
            [35, 45, 50, 50],
            [
                [
                    x["tag"],
                    x["serial"],
                    f"{x['by_tag']} {x['by_serial']}".strip(),
                    self.v(x["reason"]),
                ]
                for x in s["substituted"]
            ],
        )
        self.section(self.l("unexpected"))
        self.table(
            [self.l("tag"), self.l("serial"), self.l("condition")],
            [40, 60, 40],
            [[u["tag"], u["serial"], self.v(u["condition"])] for u in s["unexpected"]],
        )
        if s["accessory_shortfalls"]:
            self.section(self.l("shortfalls"))
            self.table(
                [self.l("tag"), self.l("accessories")],
                [40, 140],
                [[a["tag"], ", ".join(a["missing"])] for a in s["accessory_shortfalls"]],
            )
        self.mailboxes(s["mailboxes"])

    def mailboxes(self, boxes: Sequence[Mapping[str, Any]]) -> None:
        self.section(self.l("mailboxes"))
        self.table(
            [self.l(k) for k in ("mailbox", "disposition", "detail", "copies_destroyed")],
            [55, 40, 60, 25],
            [
                [m["address"], self.l("disposition." + m["disposition"]), m["detail"],
                 self.l("yes" if m["copies_destroyed"] else "no")]
                for m in boxes
            ],
        )  # fmt: skip

    def sanitisation(self, s: Mapping[str, Any]) -> None:
        d = s["device"]
        self.section(self.l("device"))
        for key in ("manufacturer", "model", "serial", "property_number", "media_type"):
            self.field(self.l(key), d[key], 60)
        self.section(self.l("method"))
        for key in ("method", "technique", "tool", "tool_version", "verification_method",
                    "verification_result", "verified_by", "validated_by"):  # fmt: skip
            shown = self.v(d[key]) if key == "verification_result" else d[key]
            self.field(self.l(key), shown, 60)
        self.field(self.l("date"), local_time(d["at"]) if d["at"] else "", 60)
        self.field(self.l("place"), d["place"], 60)
        self.field(self.l("destination"), d["destination"], 60)
        if d.get("evidence_sha256"):
            self.field(self.l("evidence"), d["evidence_sha256"], 60)

    def data_disposition(self, s: Mapping[str, Any]) -> None:
        p = self.pdf
        p.set_font("helvetica", size=9)
        p.ln(1)
        p.multi_cell(0, 4.5, self.l("legal_basis"), align="L", new_x=_LM, new_y=_NEXT)
        self.mailboxes(s["mailboxes"])

    def reservations(self, r: Mapping[str, Sequence[str]]) -> None:
        self.section(self.l("reservations"))
        p = self.pdf
        for role in ("lender", "borrower"):
            p.set_font("helvetica", "B", 9)
            p.cell(0, 5, self.l("reservations." + role), align="L", new_x=_LM, new_y=_NEXT)
            p.set_font("helvetica", size=9)
            lines = r.get(role) or []
            for line in lines:
                p.multi_cell(0, 4.5, _t(f"- {line}"), align="L", new_x=_LM, new_y=_NEXT)
            if not lines:
                p.cell(0, 4.5, self.l("none"), align="L", new_x=_LM, new_y=_NEXT)

    def signatures(self, s: Mapping[str, Any], signatures: Sequence[SignatureLine]) -> None:
        p = self.pdf
        if p.get_y() > 230:
            p.add_page()
        p.ln(3)
        p.set_font("helvetica", size=9)
        p.multi_cell(
            0, 5, self.l("made_in", place=s["place"], date=local_date(s["at"])),
            align="L", new_x=_LM, new_y=_NEXT,
        )  # fmt: skip
        y = p.get_y() + 2
        by_party = {x.party: x for x in signatures}
        for i, role in enumerate(("lender", "borrower")):
            x = 15 + i * 92
            p.set_xy(x, y)
            p.set_font("helvetica", "B", 9)
            p.cell(88, 5, self.l("sign." + role), align="L", new_x=_LEFT, new_y=_NEXT)
            p.set_font("helvetica", size=8)
            p.multi_cell(88, 4, _t(s[role]["name"]), align="L", new_x=_LEFT, new_y=_NEXT)
            sig = by_party.get(role)
            p.set_x(x)
            if sig:
                p.multi_cell(
                    88, 4,
                    _t(f"{self.l('signed_by')} {sig.signer}\n{local_time(sig.at)}\n"
                       f"Ed25519 {sig.public_key[:32]}\n{sig.public_key[32:]}"),
                    align="L", new_x=_LEFT, new_y=_NEXT,
                )  # fmt: skip
            else:
                p.multi_cell(88, 4, self.l("not_signed"), align="L", new_x=_LEFT, new_y=_NEXT)
            p.rect(x, y, 88, 28)
        p.set_xy(15, y + 31)

    def integrity(self, sha256: str, journal: tuple[int, str]) -> None:
        p = self.pdf
        if p.get_y() > 240:
            p.add_page()
        self.section(self.l("integrity"))
        y = p.get_y()
        size, head = journal
        for name, text in (
            (self.l("hash"), sha256),
            (
                self.l("checkpoint")
                + (" : " if self.lang == "fr" else ": ")
                + self.l("checkpoint_value", size=size),
                head,
            ),
        ):
            p.set_font("helvetica", "B", 9)
            p.cell(150, 5, name, new_x=_LM, new_y=_NEXT)
            p.set_font("courier", size=8.5)
            p.cell(150, 4.5, text, new_x=_LM, new_y=_NEXT)
        p.set_font("helvetica", "I", 8)
        p.multi_cell(150, 4, self.l("verify_hint"), align="L", new_x=_LM, new_y=_NEXT)
        _qr(p, f"sha256:{sha256}", 172, y, 23)


def _lines(pdf: FPDF, text: str, width: float, height: float) -> list[str]:
    out = pdf.multi_cell(width, height, text, dry_run=True, output="LINES")
    assert isinstance(out, list)
    return [str(x) for x in out]


def _qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    qr = segno.make(data, error="m", micro=False)
    matrix = qr.matrix
    n = len(matrix)
    cell = size / n
    pdf.set_fill_color(0)
    for r, row in enumerate(matrix):
        for c, bit in enumerate(row):
            if bit:
                pdf.rect(x + c * cell, y + r * cell, cell, cell, style="F")
    pdf.set_fill_color(255)
