"""Deterministic A4 PDF rendering of a document snapshot (fpdf2 + a segno QR code of its hash)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import fpdf
from fpdf import FPDF
from fpdf.enums import DocumentCompliance, XPos, YPos

from crisis.adapters.pdf_qr import draw_qr
from crisis.domain.acceptance_results import row_words
from crisis.errors import ConfigurationError
from crisis.i18n import doc_label as label
from crisis.i18n import doc_value as value
from crisis.l10n import format_date, format_datetime, format_money, format_number

_LM, _LEFT, _NEXT = XPos.LMARGIN, XPos.LEFT, YPos.NEXT

#: The archival form the page is laid out in (what tests check with qpdf, see README).
PDFA = DocumentCompliance.PDFA_3B

#: Where Debian's fonts-dejavu-core puts DejaVu (CRISIS_FONT_DIR overrides it).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
#: The embedded fonts (subset): family, style, file. DejaVu covers Latin (Ł, Š, ễ...),
#: Greek and Cyrillic. Core has no oblique face: notes print in the regular face, smaller.
_FONTS = (
    ("sans", "", "DejaVuSans.ttf"),
    ("sans", "B", "DejaVuSans-Bold.ttf"),
    ("mono", "", "DejaVuSansMono.ttf"),
)


def font_dir() -> Path:
    """The directory holding the DejaVu files the PDFs embed."""
    return Path(os.environ.get("CRISIS_FONT_DIR") or FONT_DIR)


@cache
def _font_paths(folder: Path) -> dict[str, Path]:
    paths = {name: folder / name for _, _, name in _FONTS}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ConfigurationError(
            "the document font is missing: " + ", ".join(missing) + " (install the Debian "
            "package fonts-dejavu-core, or point CRISIS_FONT_DIR to a folder holding DejaVu)"
        )
    return paths


def add_fonts(pdf: FPDF) -> None:
    """Give `pdf` the embedded Unicode families every document of the tool uses (``sans``,
    ``mono``): any name prints, "Łukasz Šimić" as "Nguyễn"."""
    for family, style, name in _FONTS:
        pdf.add_font(family, style, _font_paths(font_dir())[name])


def renderer_versions() -> dict[str, str]:
    """What renders a page: fpdf2's version, and each embedded font file's version string
    and SHA-256 (a re-rendering matches byte for byte only with the same ones).

    Raises:
        ConfigurationError: a font file is missing.
    """
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    out = {"fpdf2": str(fpdf.__version__)}
    for name, path in sorted(_font_paths(font_dir()).items()):
        data = path.read_bytes()
        with TTFont(path, lazy=True) as font:
            version = str(font["name"].getDebugName(5) or "")
        out[name] = f"{version}; sha256 {hashlib.sha256(data).hexdigest()}"
    return out


@dataclass(frozen=True, slots=True)
class SignatureLine:
    """A signature to print in a party's box."""

    party: str
    signer: str
    at: str  # ISO 8601 UTC
    public_key: str
    #: "ed25519"; or "handwritten" / "pades" (the town's), `public_key` then describes it.
    method: str = "ed25519"


def _t(text: object) -> str:
    return str(text)


def local_time(iso_utc: str, lang: str) -> str:
    """An ISO UTC stamp as Paris wall-clock time for the page."""
    return format_datetime(datetime.fromisoformat(iso_utc), lang)


def _custody(hold: Mapping[str, Any], lang: str) -> str:
    """A hold's chain of custody on one cell: who had the device from when."""
    steps = [f"{hold['taken_by']} ({local_time(hold['taken_at'], lang)})"]
    steps += [f"{c['to']} ({local_time(c['at'], lang)})" for c in hold["custody"]]
    return " > ".join(steps)


def local_date(iso_utc: str, lang: str) -> str:
    """An ISO UTC stamp as a Paris calendar date."""
    return format_date(datetime.fromisoformat(iso_utc), lang)


class _Page(FPDF):
    def __init__(self, lang: str, sha256: str, reference: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4", enforce_compliance=PDFA)
        self.doc_lang = lang
        self.sha256 = sha256
        self.reference = reference
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 15, 15)
        self.alias_nb_pages()
        add_fonts(self)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("sans", size=7)
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
    source: str = "",
) -> bytes:
    """Render `snapshot` as an A4 PDF; the same arguments always give the same bytes.

    The creation date is the document's own date and the file identifier is derived from
    the content, so nothing depends on when or where the rendering runs. `attachments`
    (name to bytes) are embedded as files, e.g. the snapshot itself so the PDF carries its
    own truth. The file is laid out as PDF/A-3b (`PDFA`): every font embedded, an sRGB
    output intent, XMP metadata naming the part, and the attachments as associated files,
    `source` as the page's source ("Source"), the others as "Supplement".
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
    if snapshot.get("warnings"):
        lay.warnings(snapshot["warnings"])
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
            mime_type="application/json" if name.endswith(".json") else None,
            associated_file_relationship="Source" if name == source else "Supplement",
        )
    pdf.set_xmp_metadata(_xmp(str(pdf.title), created, pdf.producer or "", pdf.creator or ""))
    return bytes(pdf.output())


def _xmp(title: str, created: datetime, producer: str, creator: str) -> str:
    # fpdf2 builds the XMP packet with the wall-clock time as ModifyDate; ours holds the
    # document's own date, so the same snapshot still gives the same bytes.
    stamp = escape(created.astimezone(UTC).isoformat(timespec="seconds"))
    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about=""
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
        xmp:CreatorTool="{escape(creator)}" xmp:CreateDate="{stamp}"
        xmp:ModifyDate="{stamp}" xmp:MetadataDate="{stamp}" pdf:Producer="{escape(producer)}">
      <pdfaid:part>{PDFA.part}</pdfaid:part>
      <pdfaid:conformance>{PDFA.conformance}</pdfaid:conformance>
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>"""


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
        p.set_font("sans", "B", 10)
        p.cell(0, 5, _t(lender["name"]), align="L", new_x=_LM, new_y=_NEXT)
        p.set_font("sans", size=8)
        if lender.get("address"):
            p.cell(0, 4, _t(lender["address"]), align="L", new_x=_LM, new_y=_NEXT)
        p.set_font("sans", size=9)
        p.cell(
            0, 5, _t(f"{self.l('reference')} : {s['reference']}"), align="R", new_x=_LM, new_y=_NEXT
        )
        p.ln(4)

    def title(self, text: str) -> None:
        p = self.pdf
        p.set_font("sans", "B", 15)
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
        p.set_font("sans", "B", 10)
        p.set_fill_color(225, 230, 240)
        p.cell(0, 6, _t(text), fill=True, align="L", new_x=_LM, new_y=_NEXT)
        p.ln(1)

    def field(self, name: str, value: object, width: float = 55) -> None:
        p = self.pdf
        p.set_font("sans", "B", 9)
        p.cell(width, 5, _t(name))
        p.set_font("sans", size=9)
        p.multi_cell(
            0, 5, _t(value) if value not in ("", None) else "-", align="L", new_x=_LM, new_y=_NEXT
        )

    def header_block(self, s: Mapping[str, Any]) -> None:
        if s.get("loan"):
            self.field(self.l("loan"), s["loan"])
        if s.get("agreement_date"):  # the agreement shown as the deliberation it is
            number = self.l(
                "agreement_deliberation",
                number=s["agreement"],
                date=format_date(date.fromisoformat(s["agreement_date"]), self.lang),
            )
            self.field(self.l("agreement"), f"{s['agreement_title']} - {number}")
        elif s.get("agreement"):
            self.field(self.l("agreement"), f"{s['agreement']} - {s['agreement_title']}")
        if s.get("crisis"):
            self.field(self.l("crisis"), s["crisis"])
        self.field(self.l("date"), local_time(s["at"], self.lang))
        self.field(self.l("place"), s["place"])

    def parties(self, s: Mapping[str, Any]) -> None:
        self.section(self.l("parties"))
        for role in ("lender", "borrower"):
            party = s[role]
            text = party["name"]
            if party.get("insee_code"):
                text += f" ({self.l('insee')} {party['insee_code']})"
            if role == "borrower" and party.get("address"):
                text += f", {party['address']}"
            reps = [
                r["name"]
                + (f", {r['position']}" if r.get("position") else "")
                + self.habilitation(r)
                for r in party.get("representatives", [])
            ]
            if reps:
                text += f", {self.l('represented_by')} " + "; ".join(reps)
            self.field(self.l(role), text, 30)
        p = self.pdf
        p.set_font("sans", "", 8)
        p.multi_cell(0, 4, self.l("ownership"), align="L", new_x=_LM, new_y=_NEXT)

    def habilitation(self, r: Mapping[str, Any]) -> str:
        """ ", dûment habilité(e) par délibération n° 2020-041 du 4 juil. 2020" ("" when no
        act is recorded)."""
        if not r.get("delegation"):
            return ""
        if r.get("delegation_date"):
            day = format_date(date.fromisoformat(r["delegation_date"]), self.lang)
            return ", " + self.l("habilitation", act=r["delegation"], date=day)
        return f", {self.l('delegation')} {r['delegation']}"

    def table(
        self, headers: Sequence[str], widths: Sequence[float], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Rows in ruled cells: text wraps at spaces inside its column (a heading too); a
        word wider than its column (a serial, an IMEI) is printed whole, smaller."""
        p = self.pdf
        size, line = 7.5, 3.6

        def draw(texts: Sequence[str], fill: bool) -> None:
            cells = [_wrap(p, t, w - 2, size) for t, w in zip(texts, widths, strict=True)]
            height = max(len(c) for c in cells) * line + 1
            if p.get_y() + height > 280:
                p.add_page()
                if not fill:
                    draw(headers, fill=True)
                    p.set_font("sans", size=size)
            x, y = p.get_x(), p.get_y()
            for cell, w in zip(cells, widths, strict=True):
                p.rect(x, y, w, height, style="DF" if fill else "D")
                for n, (text, fitted) in enumerate(cell):
                    if fitted != size:
                        p.set_font_size(fitted)
                    # text() places the baseline itself: far cheaper than a cell per line.
                    p.text(x + 1, y + 0.5 + (n + 0.5) * line + 0.3 * p.font_size, text)
                    if fitted != size:
                        p.set_font_size(size)
                x += w
            p.set_xy(p.l_margin, y + height)

        p.set_fill_color(235)
        p.set_font("sans", "B", size)
        draw(headers, fill=True)
        p.set_font("sans", size=size)
        for row in rows:
            draw([_t(v) for v in row], fill=False)
        if not rows:
            p.set_font("sans", "", 8)
            p.cell(sum(widths), 5, self.l("none"), border=1, align="L", new_x=_LM, new_y=_NEXT)

    def inventory(self, s: Mapping[str, Any]) -> None:
        items = s["items"]
        colon = " : " if self.lang == "fr" else ": "
        self.section(
            f"{self.l('items')} ({self.l('count')}{colon}{format_number(len(items), self.lang)})"
        )
        owners = {i["owner"] for i in items}
        one_owner = len(owners) == 1
        if one_owner:
            self.field(self.l("owner"), next(iter(owners)), 30)
        keys = ["tag", "category", "make_model", "serial", "sim", "accessories", "condition"]
        widths = [22, 24, 34, 30, 34, 22, 14] if one_owner else [20, 20, 30, 26, 30, 18, 14]
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

    def warnings(self, warnings: Sequence[Mapping[str, Any]]) -> None:
        """What the loan was opened despite (a missing insurance proof), in words."""
        self.section(self.l("warnings"))
        p = self.pdf
        p.set_font("sans", "B", 9)
        for w in warnings:
            on = format_date(date.fromisoformat(w["on"]), self.lang) if w.get("on") else "-"
            covers = ", ".join(self.v(c) for c in w.get("covers", []))
            p.multi_cell(
                0, 5, self.l(f"warning.{w['code']}", on=on, covers=covers), align="L",
                new_x=_LM, new_y=_NEXT,
            )  # fmt: skip
        p.set_font("sans", size=9)

    def acceptance(self, s: Mapping[str, Any]) -> None:
        self.section(self.l("tests"))
        self.table(
            [self.l(k) for k in ("test", "expected", "observed", "result", "tester")],
            [45, 42, 45, 18, 30],
            [
                [
                    w.test + (f" ({t['subject']})" if t.get("subject") else ""),
                    w.expected,
                    w.observed
                    + (f" ({self.l('recorded', record=w.record)})" if w.record else ""),
                    self.l("pass" if t["passed"] else "fail")
                    + (f" ({self.l('automated')})" if t["automated"] else ""),
                    t["tester"],
                ]
                for t in s["tests"]
                for w in [row_words(t, self.lang)]
            ],
        )  # fmt: skip
        if any(t["automated"] for t in s["tests"]):
            self.pdf.set_font("sans", "", 7.5)
            self.pdf.multi_cell(0, 4, self.l("automated_note"), align="L", new_x=_LM, new_y=_NEXT)
        sm = s["summary"]
        self.field(
            self.l("summary"), f"{sm['passed']}/{sm['total']} ({sm['failed']} {self.l('fail')})"
        )

    def return_report(self, s: Mapping[str, Any]) -> None:
        p = self.pdf
        h = s.get("handover") or {}
        for key in ("handed_over_at", "returned_at"):
            if key in h:
                self.field(self.l(key), local_time(h[key], self.lang) if h[key] else "", 60)
        cited = h.get("inventory") or {}
        if cited.get("reference"):
            day = local_date(cited["at"], self.lang) if cited.get("at") else "-"
            self.field(
                self.l("inventory_cited"),
                self.l("inventory_of", reference=cited["reference"], date=day),
                60,
            )
        p.set_font("sans", "B", 9)
        p.cell(0, 5, self.l("handover_ref"), new_x=_LM, new_y=_NEXT)
        p.set_font("mono", size=8)
        p.cell(0, 4, s["handover_sha256"], new_x=_LM, new_y=_NEXT)
        self.section(self.l("returned"))
        self.table(
            [
                self.l(k)
                for k in ("tag", "serial", "at_handover", "at_return", "status", "repair_cost")
            ],
            [28, 40, 28, 28, 26, 30],
            [
                [r["tag"], r.get("imei") or r["serial"], self.v(r["condition_at_handover"]),
                 self.v(r["condition_at_return"]), self.v(r["status"]),
                 format_money(r["repair_cost"], self.lang)]
                for r in s["returned"]
            ],
        )  # fmt: skip
        self.section(self.l("missing"))
        self.table(
            [self.l("tag"), self.l("serial"), self.l("category")],
            [40, 60, 40],
            [[m["tag"], m.get("imei") or m["serial"], self.v(m["category"])] for m in s["missing"]],
        )
        self.section(self.l("substituted"))
        self.table(
            [self.l("tag"), self.l("serial"), self.l("by"), self.l("reason")],
            [35, 45, 50, 50],
            [
                [
                    x["tag"],
                    x.get("imei") or x["serial"],
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
        if s.get("incidents"):
            self.section(self.l("incidents"))
            self.table(
                [self.l(k) for k in ("incident", "reported", "tag", "outcome")],
                [40, 35, 45, 60],
                [
                    [f"{self.v(i['kind'])} {i['id']}", local_time(i["reported_at"], self.lang),
                     ", ".join(i["assets"]),
                     f"{local_time(i['resolved_at'], self.lang)} : {i['resolution']}"
                     if i["resolved_at"] else self.l("open")]
                    for i in s["incidents"]
                ],
            )  # fmt: skip
        if s.get("forensic_holds"):
            self.section(self.l("holds"))
            self.table(
                [self.l(k) for k in ("tag", "seal", "custody", "released")],
                [28, 30, 82, 40],
                [
                    [h["tag"], h["seal_number"], _custody(h, self.lang),
                     f"{local_time(h['released_at'], self.lang)} ({h['release_authorised_by']})"
                     if h["released_at"] else "-"]
                    for h in s["forensic_holds"]
                ],
            )  # fmt: skip
        self.mailboxes(s["mailboxes"])

    def mailboxes(self, boxes: Sequence[Mapping[str, Any]]) -> None:
        self.section(self.l("mailboxes"))
        self.table(
            [self.l(k) for k in ("mailbox", "disposition", "detail", "copies_destroyed")],
            [55, 40, 60, 25],
            [
                [m["address"], self.l("disposition." + m["disposition"]), m["detail"],
                 self.copies(m)]
                for m in boxes
            ],
        )  # fmt: skip

    def sanitisation(self, s: Mapping[str, Any]) -> None:
        d = s["device"]
        self.section(self.l("device"))
        for key in ("manufacturer", "model", "serial", "property_number", "media_type"):
            self.field(self.l(key), self.v(d[key]) if key == "media_type" else d[key], 60)
            if key == "serial" and d.get("imei"):
                self.field(self.l("imei"), d["imei"], 60)
        self.section(self.l("method"))
        for key in ("method", "technique", "tool", "tool_version", "verification_method",
                    "verification_result", "verified_by", "validated_by"):  # fmt: skip
            shown = self.v(d[key]) if key == "verification_result" else d[key]
            self.field(self.l(key), shown, 60)
        self.field(self.l("date"), local_time(d["at"], self.lang) if d["at"] else "", 60)
        self.field(self.l("place"), d["place"], 60)
        self.field(self.l("destination"), self.v(d["destination"]), 60)
        if d.get("evidence_sha256"):
            self.field(self.l("evidence"), d["evidence_sha256"], 60)

    def copies(self, m: Mapping[str, Any]) -> str:
        """ "yes" only with its facts (when, who); otherwise "not established"."""
        facts = m.get("facts") or {}
        if not (m["copies_destroyed"] and facts.get("at") and facts.get("operator")):
            return self.l("copies_unproven")
        return (
            f"{self.l('yes')} - {self.l('data.host_deleted')} {local_time(facts['at'], self.lang)} "
            f"{self.l('data.by')} {facts['operator']}"
        )

    def data_facts(self, m: Mapping[str, Any]) -> str:
        """The facts of a mailbox's disposition: its archive, or its destruction."""
        f = m.get("facts") or {}
        if m["disposition"] == "returned" and f.get("sha256"):
            text = (
                f"{f.get('archive', '')} - SHA-256 {f['sha256']} - {f.get('messages')} "
                f"{self.l('data.messages')} - {f.get('size')} {self.l('data.bytes')}"
            )
        elif m["disposition"] == "destroyed" and f.get("at"):
            text = (
                f"{local_time(f['at'], self.lang)} - {f.get('method', '')} - "
                f"{f.get('operator', '')} - "
                f"{self.l('data.certificate')} {f.get('certificate', '')}"
            )
        else:
            text = ""
        return " - ".join(x for x in (text, m["detail"]) if x)

    def data_disposition(self, s: Mapping[str, Any]) -> None:
        terms = s.get("agreement_terms")
        if not terms:  # a certificate issued before the agreement's clause was recorded
            p = self.pdf
            p.set_font("sans", size=9)
            p.ln(1)
            p.multi_cell(0, 4.5, self.l("legal_basis"), align="L", new_x=_LM, new_y=_NEXT)
            self.mailboxes(s["mailboxes"])
            return
        self.field(self.l("data.clause"), f"{terms['agreement']} {terms['article']}", 60)
        if terms.get("annex"):
            self.field(self.l("data.annex"), terms["annex"], 60)
        options = ", ".join(self.l("disposition." + o) for o in terms["options"])
        self.field(self.l("data.options"), options, 60)
        self.section(self.l("mailboxes"))
        self.table(
            [self.l(k) for k in ("mailbox", "disposition", "data.facts", "copies_destroyed")],
            [48, 27, 75, 30],
            [
                [m["address"], self.l("disposition." + m["disposition"]), self.data_facts(m),
                 self.copies(m)]
                for m in s["mailboxes"]
            ],
        )  # fmt: skip

    def reservations(self, r: Mapping[str, Sequence[str]]) -> None:
        self.section(self.l("reservations"))
        p = self.pdf
        for role in ("lender", "borrower"):
            p.set_font("sans", "B", 9)
            p.cell(0, 5, self.l("reservations." + role), align="L", new_x=_LM, new_y=_NEXT)
            p.set_font("sans", size=9)
            lines = r.get(role) or []
            for line in lines:
                p.multi_cell(0, 4.5, _t(f"- {line}"), align="L", new_x=_LM, new_y=_NEXT)
            if not lines:
                p.cell(0, 4.5, self.l("none"), align="L", new_x=_LM, new_y=_NEXT)

    def signatures(self, s: Mapping[str, Any], signatures: Sequence[SignatureLine]) -> None:
        p = self.pdf
        # The signatures and the integrity block (about 85 mm) stay on one page: a page
        # holding only the hash would be signed by nobody visibly.
        if p.get_y() > 190:
            p.add_page()
        p.ln(3)
        p.set_font("sans", size=9)
        p.multi_cell(
            0, 5, self.l("made_in", place=s["place"], date=local_date(s["at"], self.lang)),
            align="L", new_x=_LM, new_y=_NEXT,
        )  # fmt: skip
        y = p.get_y() + 2
        by_party = {x.party: x for x in signatures}
        for i, role in enumerate(("lender", "borrower")):
            x = 15 + i * 92
            p.set_xy(x, y)
            p.set_font("sans", "B", 9)
            p.cell(88, 5, self.l("sign." + role), align="L", new_x=_LEFT, new_y=_NEXT)
            p.set_font("sans", size=8)
            p.multi_cell(88, 4, _t(s[role]["name"]), align="L", new_x=_LEFT, new_y=_NEXT)
            sig = by_party.get(role)
            p.set_x(x)
            if sig and sig.method != "ed25519":
                p.multi_cell(
                    88, 4,
                    _t(f"{self.l('signed_by.' + sig.method)} {sig.signer}\n"
                       f"{local_time(sig.at, self.lang)}\n{sig.public_key}"),
                    align="L", new_x=_LEFT, new_y=_NEXT,
                )  # fmt: skip
            elif sig:
                p.multi_cell(
                    88, 4,
                    _t(f"{self.l('signed_by')} {sig.signer}\n{local_time(sig.at, self.lang)}\n"
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
            p.set_font("sans", "B", 9)
            p.cell(150, 5, name, new_x=_LM, new_y=_NEXT)
            p.set_font("mono", size=8.5)
            p.cell(150, 4.5, text, new_x=_LM, new_y=_NEXT)
        p.set_font("sans", "", 8)
        p.multi_cell(150, 4, self.l("verify_hint"), align="L", new_x=_LM, new_y=_NEXT)
        _qr(p, f"sha256:{sha256}", 172, y, 23)


def _width(pdf: FPDF, text: str) -> float:
    # The font's own advance widths: get_string_width() also parses styles and direction,
    # ten times the cost, for plain left-to-right text in one font.
    font = pdf.current_font
    assert font is not None
    return float(font.get_text_width(text, pdf.font_size_pt, None)[1]) / pdf.k


def _wrap(pdf: FPDF, text: str, width: float, size: float) -> list[tuple[str, float]]:
    """`text` in lines that fit `width` at the current font, broken at spaces only; each with
    its font size (smaller for a word that alone is wider than `width`)."""
    if "\n" not in text and _width(pdf, text) <= width:
        return [(text, size)]  # most cells: one measure, no layout
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            trial = f"{current} {word}" if current else word
            if current and _width(pdf, trial) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    out = []
    for t in lines:
        w = _width(pdf, t)
        out.append((t, size if w <= width else round(size * width / w, 2)))
    return out


def _qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    draw_qr(pdf, data, x, y, size, "m")
