"""The return report against the handover snapshot."""

from __future__ import annotations

import itertools

import pytest

from crisis.domain.assets import Category, Condition
from crisis.domain.restitution import (
    AccessoryShortfall,
    DuplicateScan,
    HandoverItem,
    ScannedReturn,
    compute_return,
    condition_rank,
)

C = Condition
LAP1 = HandoverItem("LAP-1", "SN-A", Category.LAPTOP, C.GOOD, ("charger",))
LAP2 = HandoverItem("LAP-2", "SN-B", Category.LAPTOP, C.NEW)
LAP10 = HandoverItem("LAP-10", "SN-C", Category.LAPTOP, C.GOOD)
PHN1 = HandoverItem("PHN-1", "IMEI-1", Category.PHONE, C.GOOD, ("charger", "cable"))
SW1 = HandoverItem("SW-1", "FOC123", Category.SWITCH, C.GOOD)
HANDOVER = (SW1, PHN1, LAP10, LAP2, LAP1)

SCANS = (
    ScannedReturn("lap-10 ", C.WORN),
    ScannedReturn("LAP-1", C.DAMAGED, accessories=()),
    ScannedReturn("LAP-1", C.GOOD),
    ScannedReturn("PHN-1", C.GOOD, serial="IMEI-X"),
    ScannedReturn("LAP-77", C.GOOD, category=Category.LAPTOP),
    ScannedReturn("XYZ-9", C.GOOD),
)


def test_the_report_sorts_everything_out() -> None:
    report = compute_return(HANDOVER, SCANS)
    assert [r.item.tag for r in report.returned] == ["LAP-1", "LAP-10"]
    assert [r.item.tag for r in report.damaged] == ["LAP-1"]
    assert report.damaged[0].scan.condition is C.DAMAGED  # the worse of the two scans
    assert [r.item.tag for r in report.worn] == ["LAP-10"]
    assert report.missing == (SW1,)
    assert [(s.item.tag, s.scan.tag, s.reason) for s in report.substituted] == [
        ("LAP-2", "LAP-77", "other_device"),
        ("PHN-1", "PHN-1", "serial_differs"),
    ]
    assert [u.tag for u in report.unexpected] == ["XYZ-9"]
    assert report.accessory_shortfalls == (AccessoryShortfall("LAP-1", ("charger",)),)
    assert report.duplicates == (DuplicateScan("LAP-1", 2),)
    assert not report.complete
    assert report.received_tags == ("LAP-1", "LAP-10", "LAP-77", "PHN-1", "XYZ-9")


def test_the_report_does_not_depend_on_scan_order() -> None:
    expected = compute_return(HANDOVER, SCANS)
    for order in itertools.permutations(SCANS):
        assert compute_return(reversed(HANDOVER), order) == expected


def test_a_clean_return_is_complete() -> None:
    scans = [
        ScannedReturn("LAP-1", C.GOOD, serial=" sn-a", accessories=("charger",)),
        ScannedReturn("LAP-2", C.GOOD),  # new to good is ordinary use
        ScannedReturn("LAP-10", C.NEW),
        ScannedReturn("PHN-1", C.GOOD, accessories=("cable", "charger", "case")),
        ScannedReturn("SW-1", C.GOOD, serial="FOC123"),
    ]
    report = compute_return(HANDOVER, scans)
    assert report.complete
    assert len(report.returned) == 5
    assert report.worn == report.damaged == report.missing == ()


def test_substitutes_fill_missing_slots_in_tag_order_within_a_category() -> None:
    lap3 = HandoverItem("LAP-3", "SN-D", Category.LAPTOP, C.GOOD)
    scans = [
        ScannedReturn("LAP-90", C.GOOD, category=Category.LAPTOP),
        ScannedReturn("PHN-9", C.GOOD, category=Category.PHONE),  # no phone is missing
    ]
    report = compute_return([LAP2, lap3], scans)
    assert [(s.item.tag, s.scan.tag) for s in report.substituted] == [("LAP-2", "LAP-90")]
    assert report.missing == (lap3,)
    assert [u.tag for u in report.unexpected] == ["PHN-9"]


def test_an_unknown_device_without_category_is_never_a_substitute() -> None:
    report = compute_return([LAP2], [ScannedReturn("LAP-90", C.GOOD)])
    assert report.missing == (LAP2,)
    assert [u.tag for u in report.unexpected] == ["LAP-90"]


def test_a_duplicate_scan_with_a_contradicting_serial_is_a_substitution() -> None:
    scans = [ScannedReturn("SW-1", C.GOOD, serial="FOC123"), ScannedReturn("SW-1", C.GOOD, "OTHER")]
    report = compute_return([SW1], scans)
    assert [s.reason for s in report.substituted] == ["serial_differs"]
    assert report.duplicates == (DuplicateScan("SW-1", 2),)


def test_unknown_duplicates_are_named_by_the_normalised_tag() -> None:
    report = compute_return([], [ScannedReturn("xyz-9", C.GOOD), ScannedReturn("XYZ-9 ", C.GOOD)])
    assert report.duplicates == (DuplicateScan("XYZ-9", 2),)
    assert len(report.unexpected) == 1


def test_the_handover_may_not_list_a_tag_twice() -> None:
    with pytest.raises(ValueError, match="lists tag lap-1 twice"):
        compute_return([LAP1, HandoverItem("lap-1", "X", Category.LAPTOP, C.GOOD)], [])


def test_condition_ranks() -> None:
    assert condition_rank(C.NEW) == condition_rank(C.GOOD)
    assert condition_rank(C.GOOD) < condition_rank(C.WORN) < condition_rank(C.DAMAGED)
    assert condition_rank(C.DAMAGED) < condition_rank(C.BROKEN)


def test_a_missing_item_back_under_another_label_is_recognised_by_its_serial() -> None:
    scans = [
        ScannedReturn("LAP-50", C.GOOD, category=Category.LAPTOP),
        ScannedReturn("LAP-90", C.GOOD, serial=" sn-b", category=Category.LAPTOP),
    ]
    report = compute_return([LAP2, LAP10], scans)
    # In tag order alone LAP-2 would pair with LAP-50; the serial says LAP-90 is LAP-2.
    assert [(s.item.tag, s.scan.tag, s.reason) for s in report.substituted] == [
        ("LAP-2", "LAP-90", "relabelled"),
        ("LAP-10", "LAP-50", "other_device"),
    ]
    assert report.missing == report.unexpected == ()
