"""A journal whose head record was deleted: verify says so, every change is refused clearly
(both backends), no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.errors import ConfigurationError
from crisis.services import assets, audit, journal
from crisis.services.workspace import Workspace


def test_a_deleted_head_record_is_reported_and_blocks_changes(
    ws: Workspace, tmp_path: Path
) -> None:
    assets.add_asset(ws, AssetDraft("A-1", Category.LAPTOP))
    with ws.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM journal_head"))
    v = journal.verify_journal(ws, lang="en")
    assert not v.ok
    assert any("head record is gone" in p and "1 events" in p for p in v.problems)
    with pytest.raises(ConfigurationError, match="head record is gone"):
        assets.add_asset(ws, AssetDraft("A-2", Category.LAPTOP))
    with pytest.raises(ConfigurationError, match="head record is gone"):
        audit.export_bundle(ws, tmp_path / "bundle", ())
    if ws.db.dialect == "sqlite":
        r = CliRunner().invoke(app, ["--db", ws.url, "journal", "verify"])
        assert r.exit_code == 2
        assert "enregistrement de tête du journal a disparu" in r.stdout
        assert r.exception is None or isinstance(r.exception, SystemExit)
