"""The automated rows of the acceptance sheet, built from records without a database."""

from __future__ import annotations

from crisis.domain.acceptance_results import (
    NOT_RUN,
    KitRecords,
    LaptopRunRecord,
    MailboxCheckRecord,
    RecordRef,
    SwitchRecord,
    automated_tests,
)

AT = "2026-11-22T09:15:42.123456+00:00"


def test_a_device_without_record_gets_a_failed_not_run_row() -> None:
    rows = automated_tests(
        KitRecords(laptops={"PC-2": None, "PC-1": None}, switches={"SW-1": None})
    )
    assert [(r.subject, r.observed, r.passed, r.automated) for r in rows] == [
        ("PC-1", NOT_RUN, False, True),
        ("PC-2", NOT_RUN, False, True),
        ("SW-1", NOT_RUN, False, True),
    ]
    assert all(r.record == "" for r in rows)


def test_a_laptop_passes_only_when_its_run_ended_well_without_contradiction() -> None:
    ref = RecordRef(41, AT, "alice", run_id=7)
    rows = automated_tests(
        KitRecords(
            laptops={
                "PC-1": LaptopRunRecord(ref, "changed"),
                "PC-2": LaptopRunRecord(ref, "ok", contradictions=("serial: inventaire 'A'",)),
                "PC-3": LaptopRunRecord(ref, "unreachable", "ssh: connection refused"),
            }
        )
    )
    by_tag = {r.subject: r for r in rows}
    assert by_tag["PC-1"].passed
    assert by_tag["PC-1"].tester == "alice"
    assert by_tag["PC-1"].record == "exécution n° 7, journal n° 41, 22/11/2026 10:15 CET"
    assert not by_tag["PC-2"].passed
    assert "serial: inventaire 'A'" in by_tag["PC-2"].observed
    assert not by_tag["PC-3"].passed
    assert by_tag["PC-3"].observed == "injoignable : ssh: connection refused"


def test_a_switch_passes_when_applied_verified_and_saved() -> None:
    ref = RecordRef(50, AT, "bob")
    good = SwitchRecord(ref, applied=True, state="applied", verified=True, saved=True)
    unsaved = SwitchRecord(ref, applied=True, state="applied", verified=True, saved=False)
    failed = SwitchRecord(ref, applied=False, state="rolled_back", reason="rejected")
    rows = automated_tests(KitRecords(switches={"SW-1": good, "SW-2": unsaved, "SW-3": failed}))
    assert [r.passed for r in rows] == [True, False, False]
    assert rows[1].observed == "configuration applied, vérifiée, non enregistrée"
    assert rows[2].observed == "échec (rolled_back) : rejected"
    assert rows[0].record == "journal n° 50, 22/11/2026 10:15 CET"


def test_mailboxes_one_row_each_and_the_send_receive_test() -> None:
    check = MailboxCheckRecord(
        RecordRef(9, AT, "carol"),
        {"a@x.test": True, "b@x.test": False},
        "b@x.test: authentication failed",
    )
    rows = automated_tests(
        KitRecords(mailboxes=("a@x.test", "b@x.test", "c@x.test"), mailbox_check=check)
    )
    assert [(r.subject, r.passed) for r in rows] == [
        ("a@x.test", True),
        ("b@x.test", False),
        ("c@x.test", False),  # created after the check: never tested
        ("", False),
    ]
    assert rows[2].observed == NOT_RUN
    assert rows[3].observed == "échec : b@x.test: authentication failed"
    assert all(r.automated for r in rows)


def test_mailboxes_expected_but_never_checked_fail_and_none_expected_gives_no_row() -> None:
    assert automated_tests(KitRecords()) == ()
    rows = automated_tests(KitRecords(mailboxes_expected=True))
    assert [(r.observed, r.passed) for r in rows] == [(NOT_RUN, False)]
