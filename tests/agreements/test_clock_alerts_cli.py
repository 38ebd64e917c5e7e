"""Clock alerts through the command line: ``crisis clocks relay``, ``crisis clocks watch
--once`` (exit 3 when an alert could not be sent) and the alert shown on the dashboard until
a pass sends it (the TUI's: tests/tui/test_clock_alerts_dashboard.py). The relay here refuses
(a loopback port nobody listens on); delivery through the lab's Postfix is tested in
tests/mail/test_clock_alerts.py."""

from __future__ import annotations

import json
import shutil
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from crisis.services import journal
from crisis.services.workspace import open_workspace
from inventory.tables import SlaClock
from tests.cli.test_cli import crisis


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "a.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _three_quarters_gone(db: Path) -> None:
    """The loss was reported 19 h ago: its 24 h clock is past three quarters of its time."""
    ws = open_workspace(str(db), "tester")
    try:
        with ws.db.session(write=True) as s:
            for c in s.scalars(select(SlaClock)).all():
                c.started_at -= timedelta(hours=19)
                c.due_at -= timedelta(hours=19)
                s.add(c)
    finally:
        ws.db.dispose()


@pytest.fixture
def unsent(db: Path) -> Path:
    """A loss whose 24 h clock is at three quarters, and a relay that refuses."""
    code, out, err = crisis(
        db, "agreements", "contact", "07-2024-06", "lender", "Astreinte DSI",
        "--email", "astreinte@ampmetropole.fr",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = crisis(
        db, "clocks", "relay", "127.0.0.1", "--port", str(_closed_port()),
        "--sender", "alertes@ampmetropole.fr", "--security", "none",
    )  # fmt: skip
    assert code == 0, err
    assert "Relais SMTP des alertes : 127.0.0.1:" in out
    assert crisis(db, "crisis", "declare", "13005", "CYBER-9", "--declarant", "Maire")[0] == 0
    code, _, err = crisis(
        db, "incident", "loss", "CYBER-9", "--declarant", "Accueil", "--description", "Perdu",
        "--asset", "AMP-PC-0002",
    )  # fmt: skip
    assert code == 0, err
    _three_quarters_gone(db)
    return db


def test_watch_once_reports_the_alert_it_could_not_send(unsent: Path) -> None:
    code, out, err = crisis(unsent, "clocks", "watch", "--once")
    assert code == 3, (out, err)
    assert "ALERTE NON ENVOYÉE : délai 1 (Déclaration perte/vol, trois quarts)" in out
    assert "SMTP relay 127.0.0.1" in out
    code, out, _ = crisis(unsent, "dashboard")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("ALERTE NON ENVOYÉE"))
    assert "au correspondant du prêteur astreinte@ampmetropole.fr" in line
    assert "1 essai(s)" in line
    code, out, _ = crisis(unsent, "dashboard", "--json")
    (alert,) = json.loads(out)["alerts_failed"]
    assert alert["threshold"] == "three_quarters"
    assert alert["role"] == "lender"
    # Not journaled again at the next failed pass; the attempts go up.
    assert crisis(unsent, "clocks", "watch", "--once")[0] == 3
    ws = open_workspace(str(unsent), "tester")
    try:
        events = journal.recent_events(ws, 20)
    finally:
        ws.db.dispose()
    assert [e.action for e in events].count("clock.alert_failed") == 1


def test_a_bad_relay_is_refused_plainly(db: Path) -> None:
    code, _, err = crisis(db, "clocks", "relay", "smtp.example", "--sender", "pas une adresse")
    assert code == 1
    assert "not an e-mail address" in err
    code, _, err = crisis(
        db, "clocks", "relay", "smtp.example", "--sender", "a@b.fr", "--security", "ssl"
    )
    assert code == 1
    assert "sécurité « ssl » inconnue (au choix : none, starttls, tls)" in err
    assert "Traceback" not in err
