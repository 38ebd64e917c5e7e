"""Two technicians changing the inventory at once: the chain stays one chain (both backends)."""

from __future__ import annotations

import subprocess
import sys

from crisis.services import assets, journal
from crisis.services.workspace import Workspace

WRITER = """
import sys
from crisis.domain.asset_rows import AssetDraft
from crisis.domain.assets import Category
from crisis.services import assets
from crisis.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], sys.argv[2])
for i in range(int(sys.argv[3])):
    assets.add_asset(ws, AssetDraft(tag=f"{sys.argv[2]}-{i}", category=Category.PHONE))
"""


def test_parallel_writers_produce_one_intact_chain(ws: Workspace) -> None:
    assets.list_assets(ws)  # migrate before the writers start
    n = 25
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, ws.db.url, who, str(n)])
        for who in ("alice", "bob")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    v = journal.verify_journal(ws)
    assert v.ok, v.problems
    assert v.events == 2 * n
    assert assets.list_assets(ws, "alice").total == n
