"""The automated rows of the acceptance sheet, built from records without a database: they
hold codes and values, worded in the reader's language when shown."""

from __future__ import annotations

from crisis.domain.acceptance_results import (
    NOT_RUN,
    KitRecords,
    LaptopRunRecord,
    MailboxCheckRecord,
    RecordRef,
    SwitchRecord,
    automated_tests,
    row_words,
)
from crisis.domain.documents import AcceptanceTest, row_of

AT = "2026-11-22T09:15:42.123456+00:00"


def observed(row: AcceptanceTest, lang: str = "fr") -> str:
    return row_words(row_of(row), lang).observed


def recorded(row: AcceptanceTest, lang: str = "fr") -> str:
    return row_words(row_of(row), lang).record


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
                "PC-2": LaptopRunRecord(
                    ref,
                    "ok",
                    contradictions=({"field": "serial", "inventory": "A", "device": "B"},),
                ),
                "PC-3": LaptopRunRecord(ref, "unreachable", "ssh: connection refused"),
            }
        )
    )
    by_tag = {r.subject: r for r in rows}
    assert by_tag["PC-1"].passed
    assert by_tag["PC-1"].tester == "alice"
    assert recorded(by_tag["PC-1"]) == (
        "exécution n° 7, journal n° 41, 22 nov. 2026, 10:15 (heure de Paris)"
    )
    assert recorded(by_tag["PC-1"], "en") == (
        "run 7, journal event 41, Nov 22, 2026, 10:15\u202fAM (Paris time)"
    )
    assert not by_tag["PC-2"].passed
    assert "serial : inventaire « A », appareil « B »" in observed(by_tag["PC-2"])
    assert "serial: inventory 'A', device 'B'" in observed(by_tag["PC-2"], "en")
    assert not by_tag["PC-3"].passed
    assert observed(by_tag["PC-3"]) == "injoignable ; ssh: connection refused"
    assert observed(by_tag["PC-3"], "en") == "unreachable; ssh: connection refused"
    # The row itself holds no words: codes and the values met.
    assert by_tag["PC-3"].values["observed"] == [
        ["acceptance.auto.laptop.unreachable", {}],
        ["acceptance.auto.problem", {"problem": "ssh: connection refused"}],
    ]


def test_a_switch_passes_when_applied_verified_and_saved() -> None:
    ref = RecordRef(50, AT, "bob")
    good = SwitchRecord(ref, applied=True, state="applied", verified=True, saved=True)
    unsaved = SwitchRecord(ref, applied=True, state="applied", verified=True, saved=False)
    failed = SwitchRecord(ref, applied=False, state="rolled_back", reason="rejected")
    rows = automated_tests(KitRecords(switches={"SW-1": good, "SW-2": unsaved, "SW-3": failed}))
    assert [r.passed for r in rows] == [True, False, False]
    assert observed(rows[1]) == "configuration applied ; vérifiée ; non enregistrée"
    assert observed(rows[1], "en") == "configuration applied; verified; not saved"
    assert observed(rows[2]) == "échec (rolled_back) ; rejected"
    assert recorded(rows[0]) == "journal n° 50, 22 nov. 2026, 10:15 (heure de Paris)"


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
    assert observed(rows[3]) == "échec : b@x.test: authentication failed"
    assert observed(rows[3], "en") == "failed: b@x.test: authentication failed"
    assert row_words(row_of(rows[2]), "fr").observed == "non effectué : aucun enregistrement"
    assert row_words(row_of(rows[2]), "en").test == "Mailbox login (IMAP)"
    assert all(r.automated for r in rows)


def test_mailboxes_expected_but_never_checked_fail_and_none_expected_gives_no_row() -> None:
    assert automated_tests(KitRecords()) == ()
    rows = automated_tests(KitRecords(mailboxes_expected=True))
    assert [(r.observed, r.passed) for r in rows] == [(NOT_RUN, False)]
