"""Automated rows of the acceptance test sheet, read from what the tool recorded.

The mailbox check, the laptops' cleaning runs and the switch configuration are journaled
when they happen; the sheet states them as they were recorded (who ran them, when, under
which journal event). A device of the kit with nothing recorded is not skipped: it gets a
failed "not run" row, so a sheet can never look complete when a test was never made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from crisis.domain.documents import AcceptanceTest
from crisis.domain.paris_time import PARIS

#: The playbook whose real (not check-mode) runs say whether a laptop is compliant.
LAPTOP_PLAYBOOK = "laptop_clean.yml"
#: Journal actions of a switch configuration attempt, applied or failed.
SWITCH_ACTIONS = ("switch.applied", "switch.apply_failed")
MAILBOX_ACTION = "mailboxes.checked"
CONTRADICTION_ACTION = "asset.contradiction"

MAIL_LOGIN = "Connexion à la messagerie (IMAP)"
MAIL_SEND = "Envoi et réception d'un message"
LAPTOP = "Conformité du poste (nettoyage, contrôle de l'inventaire)"
SWITCH = "Vérification du commutateur"
PHONE = "Téléphone : réinitialisation, identité (adb), profil de messagerie du détenteur"
#: Journal actions of a phone's reset (with the identity it reported) and its mail profile.
PHONE_RESET_ACTION = "phone.reset"
PHONE_PROFILE_ACTION = "phone.profile_issued"
NOT_RUN = "non effectué : aucun enregistrement"


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where a result was recorded: its journal event, its time (ISO UTC) and who ran it."""

    seq: int
    at: str
    operator: str
    run_id: int | None = None

    def describe(self) -> str:
        """``journal n° 12, 22/11/2026 11:05 CET`` (with the run's number when there is one),
        in Paris time like the rest of the document."""
        when = (
            datetime.fromisoformat(self.at).astimezone(PARIS).strftime("%d/%m/%Y %H:%M %Z")
            if self.at
            else ""
        )
        run = f"exécution n° {self.run_id}, " if self.run_id is not None else ""
        return f"{run}journal n° {self.seq}" + (f", {when}" if when else "")


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
    contradictions: tuple[str, ...] = ()


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
    contradictions: tuple[str, ...] = ()
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


def _phone_row(tag: str, rec: PhoneRecord | None) -> AcceptanceTest:
    expected = "réinitialisé, série et IMEI conformes à l'inventaire, profil de messagerie remis"
    if rec is None:
        return _not_run(PHONE, expected, tag)
    said = rec.reported
    observed = [f"réinitialisé ; série {said.get('serial') or '?'}, IMEI {said.get('imei') or '?'}"]
    if rec.contradictions:
        observed.append("contradiction : " + " ; ".join(rec.contradictions))
    observed.append(f"profil {rec.profile}" if rec.profile else "aucun profil de messagerie remis")
    return AcceptanceTest(
        PHONE,
        expected,
        " ; ".join(observed),
        not rec.contradictions and bool(rec.profile),
        rec.ref.operator,
        automated=True,
        subject=tag,
        record=rec.ref.describe(),
    )


def _not_run(test: str, expected: str, subject: str) -> AcceptanceTest:
    return AcceptanceTest(test, expected, NOT_RUN, False, "", automated=True, subject=subject)


def _mailbox_rows(records: KitRecords) -> list[AcceptanceTest]:
    expected_login = "connexion acceptée avec le mot de passe du coffre"
    check = records.mailbox_check
    if check is None:
        if not (records.mailboxes or records.mailboxes_expected):
            return []
        return [_not_run(MAIL_LOGIN, expected_login, a) for a in records.mailboxes] or [
            _not_run(MAIL_LOGIN, expected_login, "")
        ]
    ref = check.ref.describe()
    rows = []
    for address in sorted(set(records.mailboxes) | set(check.logins)):
        if address not in check.logins:
            rows.append(_not_run(MAIL_LOGIN, expected_login, address))
            continue
        ok = bool(check.logins[address])
        rows.append(
            AcceptanceTest(
                MAIL_LOGIN,
                expected_login,
                "connexion acceptée" if ok else "connexion refusée",
                ok,
                check.ref.operator,
                automated=True,
                subject=address,
                record=ref,
            )
        )
    if len(check.logins) > 1:
        sent = check.send_receive == "passed"
        rows.append(
            AcceptanceTest(
                MAIL_SEND,
                "message reçu dans la boîte destinataire",
                "message reçu" if sent else f"échec : {check.send_receive}",
                sent,
                check.ref.operator,
                automated=True,
                record=ref,
            )
        )
    return rows


def _laptop_row(tag: str, rec: LaptopRunRecord | None) -> AcceptanceTest:
    expected = f"{LAPTOP_PLAYBOOK} terminé sans erreur, aucune contradiction avec l'inventaire"
    if rec is None:
        return _not_run(LAPTOP, expected, tag)
    ended = rec.status in ("ok", "changed")
    if not ended:
        observed = f"{'injoignable' if rec.status == 'unreachable' else 'échec'}"
        observed += f" : {rec.message}" if rec.message else ""
    elif rec.contradictions:
        observed = "contradiction : " + " ; ".join(rec.contradictions)
    else:
        observed = f"terminé ({rec.status}), aucune contradiction"
    return AcceptanceTest(
        LAPTOP,
        expected,
        observed,
        ended and not rec.contradictions,
        rec.ref.operator,
        automated=True,
        subject=tag,
        record=rec.ref.describe(),
    )


def _switch_row(tag: str, rec: SwitchRecord | None) -> AcceptanceTest:
    expected = "configuration appliquée, vérifiée et enregistrée"
    if rec is None:
        return _not_run(SWITCH, expected, tag)
    passed = rec.applied and rec.verified and rec.saved
    if not rec.applied:
        observed = f"échec ({rec.state})" + (f" : {rec.reason}" if rec.reason else "")
    else:
        observed = ", ".join(
            [
                f"configuration {rec.state}",
                "vérifiée" if rec.verified else "vérification en échec",
                "enregistrée" if rec.saved else "non enregistrée",
            ]
        )
    if rec.problems:
        observed += " ; " + " ; ".join(rec.problems)
    return AcceptanceTest(
        SWITCH,
        expected,
        observed,
        passed,
        rec.ref.operator,
        automated=True,
        subject=tag,
        record=rec.ref.describe(),
    )


def describe_contradiction(c: Mapping[str, object]) -> str:
    """One contradiction as recorded by a run: ``field: inventory 'x', device 'y'``."""
    return f"{c.get('field')}: inventaire {c.get('inventory')!r}, appareil {c.get('device')!r}"
