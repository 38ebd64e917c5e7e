"""The set-up screen installs Postfix and Dovecot on the lab's real mail host, as
`crisis mailboxes setup` does, and shows the run per host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from crisis.services import mailboxes
from crisis.services.provisioning import recent_runs
from crisis.services.workspace import Workspace
from tests.lab import lab_mail_host
from tests.tui.helpers import settle
from tests.tui.test_tui_alone import press, text_of
from tui.app import CrisisApp

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def mail_host() -> Iterator[Any]:
    yield from lab_mail_host(subnet=14)


async def test_the_mail_host_is_set_up_from_the_tui(demo_ws: Workspace, mail_host: Any) -> None:
    mailboxes.configure_mail_host(
        demo_ws,
        mail_host.address,
        mail_host.inventory_vars(),
        ["aubagne.crise.example"],
        # The lab's chroot has no init system: the lab starts the daemons itself.
        {"mail_manage_services": False, "mail_hostname": "mail.aubagne.crise.example"},
    )
    app = CrisisApp(demo_ws.url, "tester", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        assert mail_host.address in text_of(app, "#mail-state")
        await press(pilot, "#mail-setup")
        result = text_of(app, "#setup-result")
        assert "mail: " in result, text_of(app, "#problem")
        assert "mail: failed" not in result, result
        assert "mail: unreachable" not in result, result
        assert not text_of(app, "#problem")
    [run] = [r for r in recent_runs(demo_ws) if r.playbook == "mail_server.yml"]
    assert run.status == "successful"
    assert [h.status for h in run.hosts] in (["changed"], ["ok"])
