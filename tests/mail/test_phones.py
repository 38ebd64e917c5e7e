"""Loan phones have a path (issue 11 point 10): provisioning through adb with the identity
the phone reports reconciled with the inventory, the holder's mailbox as standard mail
configurations on a sheet with QR codes and no password, an acceptance row per phone, and a
lost or stolen phone's steps recorded with who did each and when.

No Android device exists in the lab: these tests put tests/integration/bin/fake-adb on PATH
under the name ``adb`` (a FAKE adb that answers like one connected, authorised phone and
logs each call); the product calls the real ``adb`` by name. Everything else is real: the
playbook run by ansible-runner, the database on both backends, the PDF decoded by zbarimg.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.acceptance_results import row_words
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.errors import ValidationError
from crisis.services import (
    assets,
    documents,
    incidents,
    journal,
    loss_steps,
    phones,
    vault,
    vault_secrets,
)
from crisis.services.incidents import Channel
from crisis.services.workspace import VaultCredential, Workspace
from tests.loan_mailboxes import loan_with_mailboxes

FAKE_ADB = Path(__file__).parents[1] / "integration" / "bin" / "fake-adb"


@pytest.fixture
def adb_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The FAKE adb, on PATH as ``adb``; returns its call log."""
    station = tmp_path / "station-bin"
    station.mkdir()
    (station / "adb").symlink_to(FAKE_ADB)
    monkeypatch.setenv(
        "PATH", f"{station}:{Path(shutil.which('python3') or '').parent}:/usr/bin:/bin"
    )
    log = tmp_path / "adb.log"
    monkeypatch.setenv("FAKE_ADB_LOG", str(log))
    return log


def _loan(ws: Workspace) -> tuple[str, tuple[str, ...]]:
    ref, _ = loan_with_mailboxes(ws, [], 5)
    return ref, phones.loan_phones(ws, ref)


def test_provisioning_reconciles_the_identity_and_records_the_reset(
    ws: Workspace, adb_on_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref, tags = _loan(ws)
    assert len(tags) == 5
    first, second = (assets.get_asset(ws, t) for t in tags[:2])
    # The first phone reports the IMEI the inventory holds; the second one too, so the
    # second phone's record contradicts what it reports.
    monkeypatch.setenv("FAKE_ADB_IMEI", str(first.imei))
    run = phones.provision_phones(ws, ref)
    assert {h.host: h.status for h in run.hosts} == dict.fromkeys(tags, "changed")
    flagged = {h.host: h.contradictions for h in run.hosts}
    assert flagged[tags[0]] == ()
    assert flagged[tags[1]] == (f"imei: inventory {second.imei!r}, device {first.imei!r}",)
    # Never overwritten: the inventory keeps its value.
    assert assets.get_asset(ws, tags[1]).imei == second.imei
    resets = [e for e in journal.recent_events(ws, 40) if e.action == "phone.reset"]
    assert {e.entity_id for e in resets} == set(tags)
    reported = next(e for e in resets if e.entity_id == tags[1]).after
    assert reported["reported"]["imei"] == first.imei
    assert reported["reported"]["serial"] == second.serial
    assert "service call iphonesubinfo" in adb_on_path.read_text()


def test_the_holders_profile_is_standard_and_carries_no_password(
    ws: Workspace, tmp_path: Path
) -> None:
    ref, tags = _loan(ws)
    vault.init_vault(ws, VaultCredential(passphrase="phrase de passe du coffre"))
    address = f"crise01.{ref.lower()}@aubagne.crise.test"
    secret = vault_secrets.store_secret(
        ws, SecretRef("mailbox", address, "password"), kind=SecretKind.MAILBOX, login=address
    )
    password = vault_secrets.reveal(ws, SecretRef(secret.owner_type, secret.owner_id, "password"))
    profile = phones.holder_profile(ws, tags[0], "Marie Dupont")
    assert profile.mailbox == address
    import plistlib
    import xml.etree.ElementTree as ET

    plist = plistlib.loads(profile.mobileconfig)
    mail = plist["PayloadContent"][0]
    assert mail["PayloadType"] == "com.apple.mail.managed"
    assert mail["EmailAddress"] == address
    assert mail["IncomingMailServerHostName"] == "127.0.4.1"
    assert not [
        k for k in mail if "Password" in k and k != "OutgoingPasswordSameAsIncomingPassword"
    ]
    config = ET.fromstring(profile.autoconfig)
    assert config.tag == "clientConfig"
    assert config.find("emailProvider/incomingServer/username").text == address  # type: ignore[union-attr]
    assert config.find(".//password") is None
    for blob in (profile.mobileconfig, profile.autoconfig, profile.sheet):
        assert password.encode() not in blob
    # The sheet's QR codes decode to the two documents.
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(profile.sheet)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", *map(str, sorted(tmp_path.glob("page*.png")))],
        check=True,
        capture_output=True,
    ).stdout
    assert profile.autoconfig.strip() in decoded
    assert profile.mobileconfig.strip() in decoded
    event = journal.recent_events(ws, 1)[0]
    assert event.action == "phone.profile_issued"
    assert event.after["sha256"] == profile.sha256


def test_a_phone_without_a_holders_mailbox_gets_no_profile(ws: Workspace) -> None:
    ref, _ = loan_with_mailboxes(ws, [], 1)
    tags = phones.loan_phones(ws, ref)
    with pytest.raises(ValidationError, match="has no holder's mailbox"):
        phones.holder_profile(ws, tags[1])


def test_an_acceptance_row_per_phone(
    ws: Workspace, adb_on_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref, tags = _loan(ws)
    monkeypatch.setenv("FAKE_ADB_IMEI", str(assets.get_asset(ws, tags[0]).imei))
    phones.provision_phones(ws, ref)
    phones.holder_profile(ws, tags[0])
    phones.holder_profile(ws, tags[1])
    sheet = documents.issue_acceptance(ws, ref)
    # The signed rows hold codes; their words are chosen when the sheet is read.
    rows = {r["subject"]: r for r in sheet.data["tests"] if r["test"] == "acceptance.auto.phone"}
    assert sorted(rows) == sorted(tags)
    assert rows[tags[0]]["passed"] is True
    assert rows[tags[1]]["passed"] is False  # its IMEI contradicts the inventory
    assert "contradiction : imei" in row_words(rows[tags[1]], "fr").observed
    assert rows[tags[2]]["passed"] is False  # reset, but no profile handed over
    assert "aucun profil" in row_words(rows[tags[2]], "fr").observed


def test_a_stolen_phone_lists_its_steps_and_records_who_did_each(ws: Workspace) -> None:
    _, tags = _loan(ws)
    inc = incidents.report_loss(
        ws, "CYBER-INV", theft=True, declarant="DSI", channel=Channel.PHONE,
        description="volé dans un véhicule", asset_tags=[tags[0]], personal_data=True,
    )  # fmt: skip
    assert [(x.tag, x.step, x.done) for x in inc.steps] == [
        (tags[0], "line_suspension", False),
        (tags[0], "remote_wipe", False),
    ]
    done = loss_steps.record_step(ws, inc.id, tags[0], "line_suspension", "Orange n° 4521")
    assert done.done_by == "tester"
    assert done.done_at is not None
    event = journal.recent_events(ws, 1)[0]
    assert event.action == "incident.step_done"
    assert event.after["by"] == "tester"
    assert event.after["note"] == "Orange n° 4521"
    with pytest.raises(ValidationError, match="was recorded by tester"):
        loss_steps.record_step(ws, inc.id, tags[0], "line_suspension")
    with pytest.raises(ValidationError, match="asks no remote_wipe for AMP-PC"):
        loss_steps.record_step(ws, inc.id, "AMP-PC-0001", "remote_wipe")
    steps = loss_steps.steps_of(ws, inc.id)
    assert [(x.step, x.done) for x in steps] == [("line_suspension", True), ("remote_wipe", False)]


def test_phones_on_the_command_line(sqlite_ws: Workspace, tmp_path: Path) -> None:
    ws = sqlite_ws
    _, tags = _loan(ws)
    db = ws.db.url.removeprefix("sqlite:///")
    run = CliRunner().invoke
    r = run(app, ["--db", db, "--operator", "tester", "phones", "profile", tags[0],
                  "-o", str(tmp_path / "fiches"), "--holder", "Marie Dupont"])  # fmt: skip
    assert r.exit_code == 0, (r.stdout, r.stderr)
    written = sorted(p.name for p in (tmp_path / "fiches").iterdir())
    assert written == [
        f"{tags[0]}-config-v1.1.xml",
        f"{tags[0]}-fiche.pdf",
        f"{tags[0]}.mobileconfig",
    ]
    r = run(app, ["--db", db, "--operator", "tester", "incident", "loss", "CYBER-INV",
                  "--declarant", "DSI", "--description", "perdu", "--asset", tags[1]],
            env={"CRISIS_LANG": "en"})  # fmt: skip
    assert r.exit_code == 0, (r.stdout, r.stderr)
    todo = [line for line in r.stdout.splitlines() if "TO DO" in line]
    assert len(todo) == 2
    command = todo[0].split("(")[1].rstrip(")")
    assert command.startswith("crisis incident step ")
    r = run(app, ["--db", db, "--operator", "tester", *command.split()[1:], "--note", "SFR 77"],
            env={"CRISIS_LANG": "en"})  # fmt: skip
    assert r.exit_code == 0, (r.stdout, r.stderr)
    assert f"done {tags[1]}: line suspension with the carrier, by tester" in r.stdout
