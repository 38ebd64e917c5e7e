"""The kit switch: its plan, the diff against the running configuration, apply and rollback
(each after a confirmation), live progress, and the stored configurations."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Input, RichLog, Select, Static
from textual.worker import Worker, get_current_worker

from crisis.domain.switch_config import Vlan
from crisis.errors import ValidationError, describe
from crisis.i18n import t
from crisis.l10n import format_datetime
from crisis.services import host_keys, switch, vault
from crisis.services.switch import LoanSwitch, SwitchEvent, SwitchPlan
from crisis.services.workspace import VaultCredential, Workspace
from tui.messages import VaultUnlocked
from tui.screens.base import CHANGES, CrisisScreen
from tui.widgets.switch_confirm import ConfirmSwitchChange
from tui.widgets.switch_diff import SwitchDiffView
from tui.widgets.switch_messages import (
    RollbackPointFound,
    SwitchChanged,
    SwitchDiffed,
    SwitchesListed,
    SwitchHistoryLoaded,
    SwitchKeyPinned,
    SwitchKeyUnpinned,
    SwitchPlanned,
    SwitchProgressed,
)

COLUMNS = ("switch.col.version", "switch.col.kind", "switch.col.taken", "switch.col.sha")
#: Buttons that talk to the switch: one operation at a time.
ACTIONS = ("diff", "apply", "rollback")
EVENT_STYLE = {"failed": "bold red", "rolling_back": "yellow", "saved": "green"}


class SwitchScreen(CrisisScreen):
    """Configure a loan's switch: plan, diff, apply, rollback, history."""

    BINDINGS = [Binding("f5", "refresh", "key.refresh")]

    DEFAULT_CSS = """
    SwitchScreen #switch-form Input {
        width: 1fr;
    }
    SwitchScreen #loan {
        width: 2fr;
    }
    SwitchScreen #plan, SwitchScreen #outcome {
        height: auto;
        padding: 0 1;
    }
    SwitchScreen #diff-pane {
        height: 1fr;
        border: round $primary;
    }
    SwitchScreen #switch-log {
        height: 8;
    }
    SwitchScreen #snapshots {
        height: 8;
    }
    """

    def __init__(self, ws: Workspace, lang: str) -> None:
        super().__init__(ws, lang)
        self._switches: dict[str, LoanSwitch] = {}

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="switch-form"):
            with Horizontal(classes="row"):
                yield Select[str]([], prompt=t("switch.pick", lang), id="loan")
                yield Input(placeholder=t("switch.host", lang), id="host")
                yield Input(placeholder=t("switch.ssh_port", lang), id="ssh-port", type="integer")
            with Horizontal(classes="row"):
                yield Input(placeholder=t("switch.ports", lang), id="ports")
                yield Input(placeholder=t("switch.uplink", lang), id="uplink")
                yield Input(placeholder=t("switch.vlan", lang), id="vlan", type="integer")
            with Horizontal(classes="row"):
                yield Input(
                    placeholder=t("switch.passphrase", lang),
                    password=True,
                    id="passphrase",
                    classes=CHANGES,
                )
                yield Button(t("switch.unlock", lang), id="unlock", classes=CHANGES)
            with Horizontal(classes="row"):
                yield Button(t("switch.diff", lang), id="diff", classes=CHANGES)
                yield Button(
                    t("switch.apply", lang), id="apply", variant="primary", classes=CHANGES
                )
                yield Button(
                    t("switch.rollback", lang), id="rollback", variant="error", classes=CHANGES
                )
                yield Button(t("switch.history", lang), id="history")
            yield Static(id="problem")
            yield Static(id="plan")
            yield Static(id="outcome")
            with VerticalScroll(id="diff-pane"):
                yield SwitchDiffView(lang, id="diff-lines")
            yield RichLog(id="switch-log", max_lines=1000, markup=False)
            yield DataTable(id="snapshots", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("switch.title", self.lang)
        self.show_problem("")
        table = self.query_one("#snapshots", DataTable)
        table.add_columns(*(t(c, self.lang) for c in COLUMNS), t("switch.col.action", self.lang))
        self.action_refresh()

    # ------------------------------------------------------------------ picking a switch

    def action_refresh(self) -> None:
        self.list_switches()

    @work(thread=True, exclusive=True, group="switch-list", exit_on_error=False)
    def list_switches(self) -> None:
        """The switches of the open loans, off the UI thread."""
        found = tuple(switch.loan_switches(self.ws))
        if not get_current_worker().is_cancelled:
            self.post_message(SwitchesListed(found))

    def on_switches_listed(self, message: SwitchesListed) -> None:
        self._switches = {f"{x.loan} {x.switch_tag}": x for x in message.switches}
        select = self.query_one("#loan", Select)
        current = select.value
        select.set_options(
            (
                t(
                    "switch.option",
                    self.lang,
                    loan=x.loan,
                    tag=x.switch_tag,
                    borrower=x.borrower,
                    state=t(f"loanstate.{x.state}", self.lang),
                ),
                key,
            )
            for key, x in self._switches.items()
        )
        if not self._switches:
            self.query_one("#plan", Static).update(t("switch.none", self.lang))
        elif isinstance(current, str) and current in self._switches:
            select.value = current
        elif len(self._switches) == 1:
            select.value = next(iter(self._switches))

    @property
    def picked(self) -> LoanSwitch | None:
        """The loan's switch picked, if any."""
        value = self.query_one("#loan", Select).value
        return self._switches.get(value) if isinstance(value, str) else None

    @on(Select.Changed, "#loan")
    def _picked(self) -> None:
        x = self.picked
        if x is None:
            return
        self.query_one("#host", Input).value = x.host or ""
        self.query_one("#ssh-port", Input).value = "22"
        self.query_one("#ports", Input).value = x.ports or ""
        self.query_one("#uplink", Input).value = x.uplink or ""
        self.query_one("#vlan", Input).value = str(switch.DEFAULT_CRISIS_VLAN.id)
        self.query_one(SwitchDiffView).show_diff("")
        self.query_one("#outcome", Static).update("")
        self.query_one("#snapshots", DataTable).clear()
        self._replan()

    @on(Input.Submitted, "#host, #ssh-port, #ports, #uplink, #vlan")
    def _replan(self) -> None:
        plan = self._plan()
        if plan is not None:
            self.load_plan(plan)

    def _number(self, field: str, label: str) -> int:
        value = self.query_one(f"#{field}", Input).value.strip()
        try:
            return int(value)
        except ValueError:
            raise ValidationError(
                t("switch.bad_number", self.lang, field=t(label, self.lang), value=value),
                where=field,
            ) from None

    def _plan(self) -> SwitchPlan | None:
        """The plan the form describes; None (and the reason shown) when it cannot."""
        x = self.picked
        if x is None:
            self.show_problem(t("switch.no_switch", self.lang))
            return None
        try:
            vlan = self._number("vlan", "switch.vlan")
            port = self._number("ssh-port", "switch.ssh_port")
        except ValidationError as exc:
            self.show_problem(describe(exc, self.lang))
            return None
        self.show_problem("")
        return SwitchPlan(
            switch_tag=x.switch_tag,
            laptop_tags=(),
            crisis_vlan=Vlan(vlan, switch.DEFAULT_CRISIS_VLAN.name),
            ports=self.query_one("#ports", Input).value.strip() or None,
            uplink=self.query_one("#uplink", Input).value.strip() or None,
            host=self.query_one("#host", Input).value.strip() or None,
            ssh_port=port,
            loan=x.loan,
        )

    @work(thread=True, exclusive=True, group="switch-plan", exit_on_error=False)
    def load_plan(self, plan: SwitchPlan) -> None:
        """The plan from the inventory (no contact with the switch)."""
        view = switch.plan_view(self.ws, plan)
        if not get_current_worker().is_cancelled:
            self.post_message(SwitchPlanned(view))

    def on_switch_planned(self, message: SwitchPlanned) -> None:
        p = message.plan
        head = t(
            "switch.plan",
            self.lang,
            tag=p.switch_tag,
            vlan=p.crisis_vlan.id,
            vlan_name=p.crisis_vlan.name,
            access=len(p.access),
            unused=len(p.unused),
            parking=p.parking_vlan.id,
            uplink=p.uplink or t("switch.no_uplink", self.lang),
        )
        ports = ", ".join(t("switch.port_line", self.lang, port=i, tag=a) for i, a in p.access)
        self.query_one("#plan", Static).update(f"{head}\n{ports}")

    # ------------------------------------------------------------------ vault

    @on(Button.Pressed, "#unlock")
    def _unlock(self) -> None:
        field = self.query_one("#passphrase", Input)
        passphrase, field.value = field.value, ""
        self.unlock(passphrase)

    @work(thread=True, exclusive=True, group="switch-vault", exit_on_error=False)
    def unlock(self, passphrase: str) -> None:
        """Open the vault with the passphrase (kept in memory by the workspace only)."""
        vault.unlock(self.ws, VaultCredential(passphrase=passphrase))
        self.post_message(VaultUnlocked())

    def on_vault_unlocked(self, _: VaultUnlocked) -> None:
        self.show_problem("")
        self.query_one("#outcome", Static).update(t("switch.unlocked", self.lang))

    # ------------------------------------------------------------------ diff and apply

    @on(Button.Pressed, "#diff")
    def _diff(self) -> None:
        self._read(confirm=False)

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        # The switch is read first: the confirmation shows what would really be sent.
        self._read(confirm=True)

    def _read(self, *, confirm: bool) -> None:
        if (plan := self._plan()) is not None:
            self._busy()
            self.load_plan(plan)  # the plan shown is the one the switch is compared with
            self.diff(plan, confirm=confirm)

    @work(thread=True, exclusive=True, group="switch-op", exit_on_error=False)
    def diff(self, plan: SwitchPlan, confirm: bool) -> None:
        """Read the switch and compute what applying the plan would change (journaled)."""
        creds = switch.vault_credentials(self.ws, plan.switch_tag, purpose="switch diff (TUI)")
        try:
            text = switch.diff_switch(self.ws, plan, creds, self._event)
        except host_keys.HostKeyNotPinnedError as exc:
            self._ask_to_pin(plan, exc)
            return
        self.post_message(SwitchDiffed(plan, text, confirm))

    def _ask_to_pin(self, plan: SwitchPlan, exc: host_keys.HostKeyNotPinnedError) -> None:
        """First contact (from a worker): ask whether the fingerprint shown is the switch's."""
        if exc.presented is None:
            raise exc
        key = exc.presented
        self.post_message(
            SwitchKeyUnpinned(plan, exc.host, exc.port, key.key_type, key.fingerprint)
        )

    def on_switch_key_unpinned(self, message: SwitchKeyUnpinned) -> None:
        tag = message.plan.switch_tag
        question = t(
            "switch.hostkey.body",
            self.lang,
            tag=tag,
            address=f"{message.host}:{message.port}",
            key_type=message.key_type,
            fingerprint=message.fingerprint,
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._busy()
                self.pin_key(tag, message.fingerprint, message.host, message.port)
            else:
                self._declined()

        self._busy()  # until the answer
        self.app.push_screen(ConfirmSwitchChange(question, None, self.lang), answered)

    @work(thread=True, exclusive=True, group="switch-op", exit_on_error=False)
    def pin_key(self, tag: str, fingerprint: str, host: str, port: int) -> None:
        """Pin the key the operator confirmed, if the switch still presents it (journaled)."""
        pinned = host_keys.confirm_host_key(self.ws, tag, fingerprint, host=host, port=port)
        self.post_message(SwitchKeyPinned(tag, pinned.fingerprint))

    def on_switch_key_pinned(self, message: SwitchKeyPinned) -> None:
        self.show_problem("")
        self.query_one("#outcome", Static).update(
            t("switch.hostkey.pinned", self.lang, fingerprint=message.fingerprint)
        )

    def on_switch_diffed(self, message: SwitchDiffed) -> None:
        self.show_problem("")
        self.query_one(SwitchDiffView).show_diff(message.diff)
        if not message.confirm:
            return
        # What is confirmed is what was diffed, whatever the form says by now.
        plan = message.plan
        question = t("switch.confirm_apply", self.lang, tag=plan.switch_tag)

        def answered(yes: bool | None) -> None:
            if yes:
                self._busy()
                self.apply(plan)
            else:
                self._declined()

        self._busy()  # until the answer
        self.app.push_screen(ConfirmSwitchChange(question, message.diff, self.lang), answered)

    @work(thread=True, exclusive=True, group="switch-op", exit_on_error=False)
    def apply(self, plan: SwitchPlan) -> None:
        """Apply the delta, verify, save; the service rolls back on failure."""
        creds = switch.vault_credentials(self.ws, plan.switch_tag, purpose="switch apply (TUI)")
        out = switch.apply_switch(self.ws, plan, creds, self._event)
        self.post_message(SwitchChanged("apply", out))

    # ------------------------------------------------------------------ rollback

    @on(Button.Pressed, "#rollback")
    def _rollback(self) -> None:
        if (plan := self._plan()) is not None:
            self._busy()
            self.find_rollback_point(plan)

    @work(thread=True, exclusive=True, group="switch-op", exit_on_error=False)
    def find_rollback_point(self, plan: SwitchPlan) -> None:
        """The backup a rollback would restore (no contact with the switch)."""
        point = switch.rollback_point(self.ws, plan.switch_tag)
        self.post_message(RollbackPointFound(plan, point))

    def on_rollback_point_found(self, message: RollbackPointFound) -> None:
        p, plan = message.point, message.plan
        question = t(
            "switch.confirm_rollback",
            self.lang,
            tag=plan.switch_tag,
            version=p.version,
            kind=t(f"switch.kind.{p.kind}", self.lang),
            when=format_datetime(p.taken_at, self.lang, seconds=True),
            sha=p.sha256[:12],
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._busy()
                self.rollback(plan, p.version)
            else:
                self._declined()

        self.app.push_screen(ConfirmSwitchChange(question, None, self.lang), answered)

    @work(thread=True, exclusive=True, group="switch-op", exit_on_error=False)
    def rollback(self, plan: SwitchPlan, version: int) -> None:
        """Put the stored configuration back (delta only, verified, saved)."""
        tag = plan.switch_tag
        creds = switch.vault_credentials(self.ws, tag, purpose="switch rollback (TUI)")
        try:
            out = switch.rollback_switch(
                self.ws,
                tag,
                creds,
                version=version,
                host=plan.host,
                ssh_port=plan.ssh_port,
                on_event=self._event,
            )
        except host_keys.HostKeyNotPinnedError as exc:
            self._ask_to_pin(plan, exc)
            return
        self.post_message(SwitchChanged("rollback", out))

    # ------------------------------------------------------------------ progress and outcome

    def _event(self, event: SwitchEvent) -> None:
        # Called from the worker thread: post_message is thread-safe.
        self.post_message(SwitchProgressed(event))

    def on_switch_progressed(self, message: SwitchProgressed) -> None:
        e = message.event
        line = t(f"switch.event.{e.kind.value}", self.lang, target=e.target, detail=e.detail)
        self.query_one("#switch-log", RichLog).write(
            Text(line, style=EVENT_STYLE.get(e.kind.value, ""))
        )

    def on_switch_changed(self, message: SwitchChanged) -> None:
        out = message.outcome
        self.show_problem("")
        yes, no = t("switch.yes_word", self.lang), t("switch.no_word", self.lang)
        self.query_one("#outcome", Static).update(
            t(
                "switch.outcome",
                self.lang,
                operation=t(f"switch.op.{message.operation}", self.lang),
                tag=out.switch_tag,
                state=t(f"switch.state.{out.state}", self.lang),
                lines=len(out.sent),
                trips=out.round_trips,
                verified=no if out.problems else yes,
                saved=yes if out.saved else no,
                seq=out.journal_seq,
            )
        )
        self.query_one(SwitchDiffView).show_diff(out.changes)
        if (x := self.picked) is not None and x.switch_tag == out.switch_tag:
            self.load_history(out.switch_tag)

    def _declined(self) -> None:
        self._idle()
        self.query_one("#outcome", Static).update(t("switch.declined", self.lang))

    def _busy(self) -> None:
        for name in ACTIONS:
            self.query_one(f"#{name}", Button).disabled = True

    def _idle(self) -> None:
        for name in ACTIONS:
            self.query_one(f"#{name}", Button).disabled = self.host.read_only

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        worker = event.worker
        # A diff that opens the confirmation keeps the buttons off until the answer.
        if worker.group == "switch-op" and worker.is_finished and not self._asking():
            self._idle()

    def _asking(self) -> bool:
        return isinstance(self.app.screen, ConfirmSwitchChange)

    # ------------------------------------------------------------------ history

    @on(Button.Pressed, "#history")
    def _history(self) -> None:
        if (x := self.picked) is not None:
            self.load_history(x.switch_tag)
        else:
            self.show_problem(t("switch.no_switch", self.lang))

    @work(thread=True, exclusive=True, group="switch-history", exit_on_error=False)
    def load_history(self, tag: str) -> None:
        """The switch's stored configurations, off the UI thread."""
        snaps = tuple(switch.switch_history(self.ws, tag))
        if not get_current_worker().is_cancelled:
            self.post_message(SwitchHistoryLoaded(tag, snaps))

    def on_switch_history_loaded(self, message: SwitchHistoryLoaded) -> None:
        table = self.query_one("#snapshots", DataTable)
        table.clear()
        for x in reversed(message.snapshots):  # newest first
            table.add_row(
                str(x.version),
                t(f"switch.kind.{x.kind}", self.lang),
                format_datetime(x.taken_at, self.lang, seconds=True),
                x.sha256[:12],
                x.action,
                key=str(x.version),
            )
        if not message.snapshots:
            self.query_one("#outcome", Static).update(
                t("switch.history_empty", self.lang, tag=message.tag)
            )
