"""The playbooks leave privilege escalation to whoever runs them (``-b``, ansible.cfg)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

PLAYBOOKS = sorted((Path(__file__).parents[2] / "playbooks").glob("*.yml"))


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=lambda p: p.name)
def test_no_play_pins_become(playbook: Path) -> None:
    plays = yaml.safe_load(playbook.read_text())
    pinned = [p.get("name", "?") for p in plays if "become" in p]
    # A play saying 'become: false' would ignore the technician's -b on a laptop where
    # Ansible logs in as an unprivileged user; the lab logs in as root and needs neither.
    assert not pinned, f"{playbook.name}: plays {pinned} set become"
