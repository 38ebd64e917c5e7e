"""Automated rows of the acceptance test sheet, read from what the tool recorded.

The mailbox check, the laptops' cleaning runs and the switch configuration are journaled
when they happen; the sheet states them as they were recorded (who ran them, when, under
which journal event). A device of the kit with nothing recorded is not skipped: it gets a
failed "not run" row, so a sheet can never look complete when a test was never made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crisis.domain.documents import AcceptanceTest
from crisis.i18n import ids, t
from crisis.l10n import format_datetime

#: The playbook whose real (not check-mode) runs say whether a laptop is compliant.
LAPTOP_PLAYBOOK = "laptop_clean.yml"
#: Journal actions of a switch configuration attempt, applied or failed.
SWITCH_ACTIONS = ("switch.applied", "switch.apply_failed")
MAILBOX_ACTION = "mailboxes.checked"
CONTRADICTION_ACTION = "asset.contradiction"

#: The automated rows' tests, as message ids: a signed sheet holds these codes and the
#: values met, and is worded in the reader's language when shown (see `row_words`).
MAIL_LOGIN = "acceptance.auto.mail_login"
MAIL_SEND = "acceptance.auto.mail_send"
LAPTOP = "acceptance.auto.laptop"
SWITCH = "acceptance.auto.switch"
PHONE = "acceptance.auto.phone"
#: Journal actions of a phone's reset (with the identity it reported) and its mail profile.
PHONE_RESET_ACTION = "phone.reset"
PHONE_PROFILE_ACTION = "phone.profile_issued"
#: What an automated row observed: the parts in its values (each a message id and values).
OBSERVED = "acceptance.auto.observed"
#: Where an automated row was recorded: journal event, run and time in its values.
RECORDED = "acceptance.auto.record"
NOT_RUN = "acceptance.auto.not_run"
_AUTO = "acceptance.auto."


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where a result was recorded: its journal event, its time (ISO UTC) and who ran it."""

    seq: int
    at: str
    operator: str
    run_id: int | None = None

    def values(self) -> dict[str, Any]:
        """The record as an automated row's values hold it (worded by `row_words`)."""
        return {"seq": self.seq, "at": self.at, "run": self.run_id}


@dataclass(frozen=True, slots=True)
class MailboxCheckRecord:
    """The latest ``mailboxes.checked`` event of a loan."""

    ref: RecordRef
    logins: Mapping[str, bool]
    send_receive: str  # "passed", or the error met


@dataclass(frozen=True, slots=True)
class LaptopRunRecord:
    """How a laptop's latest real ``laptop_clean`` run ended, and what it contradicted."""

    ref: RecordRef
    status: str  # ok | changed | failed | unreachable
    message: str = ""
    contradictions: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SwitchRecord:
    """A switch's latest configuration attempt (``switch.applied`` or ``.apply_failed``)."""

    ref: RecordRef
    applied: bool
    state: str
    verified: bool = False
    saved: bool = False
    problems: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PhoneRecord:
    """A phone's latest reset since the loan opened (what it reported, its contradictions
    with the inventory) and whether its holder's mail profile was issued."""

    ref: RecordRef
    reported: Mapping[str, str]
    contradictions: tuple[Mapping[str, str], ...] = ()
    profile: str = ""  # the holder's mailbox of the profile issued, "" when none


@dataclass(frozen=True, slots=True)
class KitRecords:
    """What was recorded about a loan's kit; a tag mapped to None has no record.

    Attributes:
        mailboxes: the loan's mailboxes (addresses) expected to be checked.
        mailboxes_expected: the kit has mailboxes even if none was created yet.
    """

    mailboxes: tuple[str, ...] = ()
    mailboxes_expected: bool = False
    mailbox_check: MailboxCheckRecord | None = None
    laptops: Mapping[str, LaptopRunRecord | None] = field(default_factory=dict)
    switches: Mapping[str, SwitchRecord | None] = field(default_factory=dict)
    phones: Mapping[str, PhoneRecord | None] = field(default_factory=dict)


def automated_tests(records: KitRecords) -> tuple[AcceptanceTest, ...]:
    """The automated rows: mailboxes, then laptops, switches and phones in tag order."""
    rows = list(_mailbox_rows(records))
    rows += [_laptop_row(tag, rec) for tag, rec in sorted(records.laptops.items())]
    rows += [_switch_row(tag, rec) for tag, rec in sorted(records.switches.items())]
    rows += [_phone_row(tag, rec) for tag, rec in sorted(records.phones.items())]
    return tuple(rows)


Part = tuple[str, dict[str, Any]]


def _row(
    test: str, parts: list[Part], passed: bool, ref: RecordRef, subject: str = ""
) -> AcceptanceTest:
    """An automated row: codes in its text fields, what was observed and where it was
    recorded in its values."""
    return AcceptanceTest(
        test,
        f"{test}.expected",
        OBSERVED,
        passed,
        ref.operator,
        automated=True,
        subject=subject,
        record=RECORDED,
        values={"observed": [[k, v] for k, v in parts], "record": ref.values()},
    )


def _contradictions(found: Sequence[Mapping[str, str]]) -> list[Part]:
    return [(f"{_AUTO}contradiction", dict(c)) for c in found]


def _phone_row(tag: str, rec: PhoneRecord | None) -> AcceptanceTest:
    if rec is None:
        return _not_run(PHONE, tag)
    said = rec.reported
    parts: list[Part] = [
        (
            f"{_AUTO}phone.reset",
            {"serial": said.get("serial") or "?", "imei": said.get("imei") or "?"},
        )
    ]
    parts += _contradictions(rec.contradictions)
    parts.append(
        (f"{_AUTO}phone.profile", {"profile": rec.profile})
        if rec.profile
        else (f"{_AUTO}phone.no_profile", {})
    )
    return _row(PHONE, parts, not rec.contradictions and bool(rec.profile), rec.ref, tag)


def _not_run(test: str, subject: str) -> AcceptanceTest:
    return AcceptanceTest(
        test, f"{test}.expected", NOT_RUN, False, "", automated=True, subject=subject
    )


def _mailbox_rows(records: KitRecords) -> list[AcceptanceTest]:
    check = records.mailbox_check
    if check is None:
        if not (records.mailboxes or records.mailboxes_expected):
            return []
        return [_not_run(MAIL_LOGIN, a) for a in records.mailboxes] or [_not_run(MAIL_LOGIN, "")]
    rows = []
    for address in sorted(set(records.mailboxes) | set(check.logins)):
        if address not in check.logins:
            rows.append(_not_run(MAIL_LOGIN, address))
            continue
        ok = bool(check.logins[address])
        rows.append(
            _row(MAIL_LOGIN, [(f"{MAIL_LOGIN}.{'accepted' if ok else 'refused'}", {})], ok,
                 check.ref, address)
        )  # fmt: skip
    if len(check.logins) > 1:
        sent = check.send_receive == "passed"
        part: Part = (
            (f"{MAIL_SEND}.received", {})
            if sent
            else (f"{MAIL_SEND}.failed", {"error": check.send_receive})
        )
        rows.append(_row(MAIL_SEND, [part], sent, check.ref))
    return rows


def _laptop_row(tag: str, rec: LaptopRunRecord | None) -> AcceptanceTest:
    if rec is None:
        return _not_run(LAPTOP, tag)
    ended = rec.status in ("ok", "changed")
    parts: list[Part]
    if not ended:
        how = "unreachable" if rec.status == "unreachable" else "failed"
        parts = [(f"{LAPTOP}.{how}", {})]
        parts += [(f"{_AUTO}problem", {"problem": rec.message})] if rec.message else []
    elif rec.contradictions:
        parts = _contradictions(rec.contradictions)
    else:
        parts = [(f"{LAPTOP}.done", {"status": rec.status})]
    return _row(LAPTOP, parts, ended and not rec.contradictions, rec.ref, tag)


def _switch_row(tag: str, rec: SwitchRecord | None) -> AcceptanceTest:
    if rec is None:
        return _not_run(SWITCH, tag)
    passed = rec.applied and rec.verified and rec.saved
    parts: list[Part]
    if not rec.applied:
        parts = [(f"{SWITCH}.failed", {"state": rec.state})]
        parts += [(f"{_AUTO}problem", {"problem": rec.reason})] if rec.reason else []
    else:
        parts = [
            (f"{SWITCH}.state", {"state": rec.state}),
            (f"{SWITCH}.{'verified' if rec.verified else 'unverified'}", {}),
            (f"{SWITCH}.{'saved' if rec.saved else 'unsaved'}", {}),
        ]
    parts += [(f"{_AUTO}problem", {"problem": p}) for p in rec.problems]
    return _row(SWITCH, parts, passed, rec.ref, tag)


def contradiction_of(c: Mapping[str, object]) -> dict[str, str]:
    """One contradiction as recorded by a run: the field, the inventory's and the device's
    values (worded by `row_words`)."""
    return {k: str(c.get(k)) for k in ("field", "inventory", "device")}


# --- words -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowWords:
    """A row of the sheet in the reader's language (a manual row as typed)."""

    test: str
    expected: str
    observed: str
    record: str


def worded_test(test: str, lang: str) -> str:
    """A row's test in `lang`: an automated test's code worded, a typed test as it is."""
    return t(test, lang) if test.startswith(_AUTO) and test in ids(lang) else test


def row_words(row: Mapping[str, Any], lang: str) -> RowWords:
    """The words of a sheet's row (a snapshot's row) in `lang`.

    An automated row holds codes and values: they are worded here, so the same signed sheet
    reads in either language. A manual row, and a sheet signed before rows held codes, is
    shown as written.
    """
    test, expected = str(row.get("test", "")), str(row.get("expected", ""))
    observed, record = str(row.get("observed", "")), str(row.get("record", ""))
    values: Mapping[str, Any] = row.get("values") or {}
    if not (row.get("automated") and test.startswith(_AUTO)):
        return RowWords(test, expected, observed, record)
    if observed == OBSERVED:
        parts = [t(str(k), lang, **dict(v)) for k, v in values.get("observed", [])]
        observed = t(f"{_AUTO}separator", lang).join(parts)
    elif observed.startswith(_AUTO):
        observed = t(observed, lang)
    if record == RECORDED:
        record = _record_words(values.get("record") or {}, lang)
    worded_expected = t(expected, lang, playbook=LAPTOP_PLAYBOOK)
    return RowWords(t(test, lang), worded_expected, observed, record)


def _record_words(ref: Mapping[str, Any], lang: str) -> str:
    at = str(ref.get("at") or "")
    when = format_datetime(datetime.fromisoformat(at), lang) if at else ""
    words = t(f"{_AUTO}record.journal", lang, seq=ref.get("seq"))
    if ref.get("run") is not None:
        words = t(f"{_AUTO}record.run", lang, run=ref.get("run"), journal=words)
    return t(f"{_AUTO}record.at", lang, journal=words, at=when) if when else words
