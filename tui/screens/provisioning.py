"""Laptop cleaning with live per-host progress, cancel, and a re-run of the failed hosts."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, Input, ProgressBar, RichLog, Static
from textual.worker import Worker

from crisis.i18n import t, worded
from crisis.services import provisioning, vault
from crisis.services.workspace import VaultCredential
from tui.messages import PlaybookProgressed, RunFinished, VaultUnlocked
from tui.screens.base import CHANGES, CrisisScreen
from tui.widgets.host_progress import HostProgress

if TYPE_CHECKING:
    from crisis.adapters.ansible_run import PlaybookEvent
    from crisis.services.provisioning import RunView
    from crisis.services.workspace import Workspace


class ProvisioningScreen(CrisisScreen):
    """Clean laptops in parallel and watch each one."""

    def __init__(self, ws: Workspace, lang: str) -> None:
        super().__init__(ws, lang)
        self._cancel = threading.Event()
        self.last_run: RunView | None = None
        #: Laptop tags handed over by the activation wizard (its loan's laptops).
        self.prefilled: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="provisioning"):
            with Horizontal(classes="row"):
                yield Input(placeholder=t("prov.tags", lang), id="tags", classes=CHANGES)
                yield Input(
                    placeholder=t("prov.passphrase", lang),
                    password=True,
                    id="passphrase",
                    classes=CHANGES,
                )
            with Horizontal(classes="row"):
                yield Button(t("prov.unlock", lang), id="unlock", classes=CHANGES)
                yield Button(t("prov.run", lang), id="run", variant="primary", classes=CHANGES)
                yield Button(t("prov.cancel", lang), id="cancel", variant="error", disabled=True)
                yield Button(t("prov.rerun", lang), id="rerun", classes=CHANGES, disabled=True)
            yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="problem")
            yield Static(id="summary")
            yield HostProgress(lang, id="hosts")
            yield RichLog(id="log", max_lines=2000, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("prov.title", self.lang)
        self.show_problem("")
        self._fill_tags()

    def prefill(self, tags: tuple[str, ...]) -> None:
        """Put a loan's laptops in the tags field (now, or once the screen is composed)."""
        self.prefilled = tags
        self._fill_tags()

    def _fill_tags(self) -> None:
        for field in self.query("#tags").results(Input):
            if self.prefilled:
                field.value = " ".join(self.prefilled)

    @on(Button.Pressed, "#unlock")
    def _unlock(self) -> None:
        field = self.query_one("#passphrase", Input)
        passphrase, field.value = field.value, ""
        self.unlock(passphrase)

    @work(thread=True, exclusive=True, group="provisioning-vault", exit_on_error=False)
    def unlock(self, passphrase: str) -> None:
        """Open the vault with the passphrase (kept in memory by the workspace only)."""
        vault.unlock(self.ws, VaultCredential(passphrase=passphrase))
        self.post_message(VaultUnlocked())

    def on_vault_unlocked(self, _: VaultUnlocked) -> None:
        self.show_problem("")
        self.query_one("#summary", Static).update(t("prov.unlocked", self.lang))

    @on(Button.Pressed, "#run")
    def _run(self) -> None:
        tags = self.query_one("#tags", Input).value.replace(",", " ").split()
        self._start(tuple(tags), None)

    @on(Button.Pressed, "#rerun")
    def _rerun(self) -> None:
        if self.last_run is not None and self.last_run.failed_hosts:
            tags = self.query_one("#tags", Input).value.replace(",", " ").split()
            self._start(tuple(tags), self.last_run.failed_hosts)

    def _start(self, tags: tuple[str, ...], limit: tuple[str, ...] | None) -> None:
        hosts = limit or tags
        self.query_one(HostProgress).start(hosts)
        # One step per device: it advances as each one finishes.
        self.query_one("#progress", ProgressBar).update(total=max(len(hosts), 1), progress=0)
        self._cancel.clear()
        self.query_one("#cancel", Button).disabled = False
        self.query_one("#run", Button).disabled = True
        self.query_one("#rerun", Button).disabled = True
        self.clean(tags, limit)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self._cancel.set()
        self.query_one("#summary", Static).update(t("prov.cancelling", self.lang))

    @work(thread=True, exclusive=True, group="provisioning-run", exit_on_error=False)
    def clean(self, tags: tuple[str, ...], limit: tuple[str, ...] | None) -> None:
        """Run the cleaning; each Ansible event crosses to the UI as a message."""
        run = provisioning.rotate_and_clean(
            self.ws,
            tags,
            on_event=self._event,
            should_cancel=self._cancel.is_set,
            limit=limit,
        )
        self.post_message(RunFinished(run))

    def _event(self, event: PlaybookEvent) -> None:
        # Called from the runner's event thread: post_message is thread-safe.
        self.post_message(PlaybookProgressed(event))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.worker.group == "provisioning-run" and event.worker.is_finished:
            self.query_one("#cancel", Button).disabled = True
            self.query_one("#run", Button).disabled = self.host.read_only

    def on_playbook_progressed(self, message: PlaybookProgressed) -> None:
        e = message.event
        progress = self.query_one(HostProgress)
        progress.event(e)
        self.query_one("#progress", ProgressBar).update(progress=len(progress.finished))
        self.query_one("#log", RichLog).write(f"{e.host} {e.kind}: {e.task} {e.message}".rstrip())

    def on_run_finished(self, message: RunFinished) -> None:
        run = self.last_run = message.run
        self.show_problem("")
        progress = self.query_one(HostProgress)
        progress.finish(run)
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(len(progress.tasks), 1), progress=len(progress.finished))
        self.query_one("#summary", Static).update(
            t(
                "prov.finished",
                self.lang,
                status=worded("runstatus.", run.status, self.lang),
                failed=", ".join(run.failed_hosts) or "—",
            )
        )
        self.query_one("#rerun", Button).disabled = self.host.read_only or not run.failed_hosts
