"""Forensic holds on both backends: seal, custody, release; a held device is never wiped,
stocked or lent; the hold is in the return report and in the audit bundle."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crisis.domain.assets import AssetState, Condition
from crisis.domain.holds import OnHoldError
from crisis.domain.loans import LoanState, Party
from crisis.errors import ValidationError
from crisis.services import assets, audit, documents, holds, journal, loans, quarantine
from crisis.services.workspace import Workspace
from tests.inventory.test_loans import _sanitisation_records, handed_over, stock

__all__ = ["stock"]

BY_HAND = quarantine.ManualSanitisation(
    method="Clear", technique="factory reset", tool="recovery menu",
    verification="passed", verification_method="setup screen on boot",
)  # fmt: skip


def test_a_held_device_is_never_wiped_stocked_or_lent_until_released(
    stock: Workspace, tmp_path: Path
) -> None:
    ref = handed_over(stock)
    items = loans.get_loan(stock, ref).items
    phone = next(t for t in items if t.startswith("AMP-TEL"))
    with pytest.raises(ValidationError, match=f"{phone} is 'On loan': only a returned device"):
        holds.put_on_hold(stock, phone, seal_number="S-1", taken_by="OPJ Martin")
    loans.return_items(stock, ref, [(t, Condition.GOOD, "") for t in items])
    taken = datetime.now(UTC) - timedelta(hours=2)
    with pytest.raises(ValidationError, match="seal number is required"):
        holds.put_on_hold(stock, phone, seal_number=" ", taken_by="OPJ Martin")
    held = holds.put_on_hold(
        stock, phone, seal_number="GN-2026-0042", taken_by="OPJ Martin", taken_at=taken,
        purpose="PV 2026/118",
    )  # fmt: skip
    assert (held.loan, held.holder, held.taken_at) == (ref, "OPJ Martin", taken)
    with pytest.raises(ValidationError, match="on forensic hold already"):
        holds.put_on_hold(stock, phone, seal_number="X", taken_by="Y")

    # The same refusal whichever way the wipe, the stock or a loan is asked for.
    with pytest.raises(OnHoldError, match=f"cannot sanitise: under forensic hold: {phone} "):
        quarantine.record_manual_sanitisation(stock, [phone], BY_HAND)
    with pytest.raises(OnHoldError, match="GN-2026-0042"):
        assets.change_state(stock, phone, AssetState.SANITISED)
    assert assets.get_asset(stock, phone).state is AssetState.QUARANTINE

    holds.transfer_custody(stock, phone, to_holder="Laboratoire IRCGN", note="expertise")
    with pytest.raises(ValidationError, match="custody of Laboratoire IRCGN already"):
        holds.transfer_custody(stock, phone, to_holder="Laboratoire IRCGN")
    back = holds.transfer_custody(stock, phone, to_holder="DSI Métropole")
    assert [(c.from_holder, c.to_holder) for c in back.custody] == [
        ("OPJ Martin", "Laboratoire IRCGN"),
        ("Laboratoire IRCGN", "DSI Métropole"),
    ]

    # The return report and the audit bundle carry the hold and its chain of custody.
    report = documents.issue_return(stock, ref)
    [listed] = report.data["forensic_holds"]
    assert (listed["tag"], listed["seal_number"], listed["released_at"]) == (
        phone,
        "GN-2026-0042",
        "",
    )
    assert [c["to"] for c in listed["custody"]] == ["Laboratoire IRCGN", "DSI Métropole"]
    documents.render_document(stock, report.reference)  # the PDF lays the section out

    # The loan closes with the device still held (it is accounted for, not wiped).
    for party in Party:
        loans.record_signature(stock, ref, "return", party)
    loans.finish_return(stock, ref)
    _sanitisation_records(stock, [t for t in items if t != phone], "passed")
    assert loans.close(stock, ref).state is LoanState.CLOSED

    with pytest.raises(ValidationError, match="name who authorised the release"):
        holds.release_hold(stock, phone, authorised_by="", reason="fin d'expertise")
    released = holds.release_hold(
        stock, phone, authorised_by="Procureur de Marseille", reason="fin d'expertise"
    )
    assert released.release_authorised_by == "Procureur de Marseille"
    assert quarantine.record_manual_sanitisation(stock, [phone], BY_HAND) == (phone,)
    assert assets.get_asset(stock, phone).state is AssetState.SANITISED

    actions = [e.action for e in journal.recent_events(stock, 500) if e.entity_id == phone]
    for action in ("asset.hold_placed", "asset.custody_transferred", "asset.hold_released"):
        assert action in actions
    out = tmp_path / "bundle"
    audit.export_bundle(stock, out)
    [bundled] = json.loads((out / audit.HOLDS).read_bytes())
    assert (bundled["seal_number"], bundled["release_authorised_by"]) == (
        "GN-2026-0042",
        "Procureur de Marseille",
    )
    assert len(bundled["custody"]) == 2
    assert not [p for p in audit.verify_bundle(out).problems if audit.HOLDS in p]
    (out / audit.HOLDS).write_text("[]")  # a hold erased from the bundle is reported
    assert [p for p in audit.verify_bundle(out).problems if audit.HOLDS in p]
    assert journal.verify_journal(stock).ok
