"""The archival form, checked by an independent tool (qpdf): PDF/A-3b metadata, an output
intent, every font embedded, the snapshot attached as the page's source file."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from crisis.domain.loans import Party
from crisis.services import documents
from crisis.services.workspace import Workspace
from tests.documents.conftest import PASSPHRASE
from tests.documents.town import town_credential

pytestmark = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing (Debian qpdf)")
LENDER = documents.PdfCredential(ca_passphrase="authority passphrase")


def qpdf_objects(pdf: bytes, tmp_path: Path) -> dict[str, Any]:
    """Every object of the file's latest revision, streams decoded (qpdf's JSON v2)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
         "--decode-level=generalized", str(path)],
        check=True, capture_output=True,
    )  # fmt: skip
    objects: dict[str, Any] = json.loads(out.stdout)["qpdf"][1]
    return objects


def _get(objects: dict[str, Any], ref: str) -> Any:
    return objects[f"obj:{ref}"]


def _dict(obj: Any) -> dict[str, Any]:
    value = obj.get("value", obj.get("stream", {}).get("dict"))
    assert isinstance(value, dict), obj
    return value


def _data(obj: Any) -> bytes:
    return base64.b64decode(obj["stream"]["data"])


def test_a_sealed_document_is_laid_out_as_pdf_a_3b(
    kit: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, ref = kit
    doc = documents.issue_inventory(ws, ref)
    documents.sign_document(ws, doc.reference, Party.LENDER, passphrase=PASSPHRASE)
    documents.seal_document(ws, doc.reference, Party.LENDER, LENDER)
    sealed = documents.seal_document(ws, doc.reference, Party.BORROWER, town_credential())
    assert sealed.signed_pdf is not None
    objects = qpdf_objects(sealed.signed_pdf, tmp_path)
    trailer = objects["trailer"]["value"]
    catalog = _dict(_get(objects, trailer["/Root"]))

    # XMP metadata naming PDF/A part 3, conformance B.
    xmp = _data(_get(objects, catalog["/Metadata"])).decode("utf-8")
    assert _rdf_property(xmp, PDFAID, "part") == "3"
    assert _rdf_property(xmp, PDFAID, "conformance") == "B"
    # An output intent with its ICC profile embedded.
    [intent] = catalog["/OutputIntents"]
    intent = _dict(_get(objects, intent)) if isinstance(intent, str) else intent
    assert intent["/S"] == "/GTS_PDFA1"
    assert _data(_get(objects, intent["/DestOutputProfile"]))[36:40] == b"acsp"  # ICC magic

    # Every font is embedded (a font program in its descriptor), none of the 14 standard ones.
    fonts = [_dict(o) for o in objects.values() if _dict_or_none(o).get("/Type") == "/Font"]
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor")
        if font.get("/Subtype") == "/Type0":
            [descendant] = font["/DescendantFonts"]
            descriptor = _dict(_get(objects, descendant))["/FontDescriptor"]
        assert descriptor, font
        fd = _dict(_get(objects, descriptor))
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & fd.keys(), fd

    # The snapshot is an associated file, the page's source, byte for byte.
    specs = {_dict(_get(objects, r))["/UF"]: _dict(_get(objects, r)) for r in catalog["/AF"]}
    source = specs["u:snapshot.json"]
    assert source["/AFRelationship"] == "/Source"
    assert specs["u:signatures.json"]["/AFRelationship"] == "/Supplement"
    stream = _get(objects, source["/EF"]["/F"])
    assert _dict(stream)["/Subtype"] == "/application/json"
    assert _data(stream) == doc.snapshot


PDFAID = "http://www.aiim.org/pdfa/ns/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _rdf_property(xmp: str, namespace: str, name: str) -> str | None:
    """A simple XMP property, written as an attribute or as an element (both are RDF)."""
    root = ElementTree.fromstring(xmp[xmp.index("<x:xmpmeta") : xmp.index("</x:xmpmeta>") + 12])
    for description in root.iter(f"{{{RDF}}}Description"):
        if f"{{{namespace}}}{name}" in description.attrib:
            return description.attrib[f"{{{namespace}}}{name}"]
        element = description.find(f"{{{namespace}}}{name}")
        if element is not None:
            return element.text
    return None


def _dict_or_none(obj: Any) -> dict[str, Any]:
    value = obj.get("value", obj.get("stream", {}).get("dict")) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}
