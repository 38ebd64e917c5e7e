"""Lab switch: fake-switches' Cisco IOS over SSH, patched to fail loudly where it was silent.

Run as ``python -m crisis.lab.switch_sim --port 0``; credentials come from the environment
(``CRISIS_SIM_USER``, ``CRISIS_SIM_PASSWORD``, ``CRISIS_SIM_SECRET``) so they never show in
``ps``. The process prints ``READY <port>`` once it accepts connections, and listens on a
loopback address only (``--address``, 127.0.0.1 by default). ``--model 2960x-48`` gives the
ports of the demo's Catalyst 2960-X 48 (GigabitEthernet1/0/1-52) instead of a 2960-48TT's
(FastEthernet0/1-48, GigabitEthernet0/1-2).

What the patches change, each because real IOS behaves so and a test relies on it:

- ``end`` leaves configuration mode (Netmiko leaves config mode with ``end``);
- ``terminal length/width`` are accepted in user mode (Netmiko's session preparation);
- any command the fake does not implement answers ``% Invalid input detected at '^' marker.``
  instead of an empty output or "No such command";
- ``write memory`` and ``copy running-config startup-config`` save to a startup-config that
  ``show startup-config`` prints; ``write erase`` erases it;
- ``hostname``, ``vtp mode``, ``ip default-gateway`` and ``switchport port-security ...`` are
  implemented and shown in the running configuration;
- ``switchport access vlan N`` on a missing VLAN creates it with IOS's own warning;
- VLAN 1 cannot be deleted.

Its SSH host key is its own (``--host-key FILE``, a PEM private key; fake-switches ships one
key shared by every simulator), so a test can restart the same switch with a new key. Every
SSH login attempt is written to stderr (``lab: login attempt``), so a test can prove a client
refused the key before sending any credential.

Test hooks (lab only): ``--reject REGEX`` answers ``% Invalid input`` to matching lines without
applying them; ``--drop REGEX`` closes the SSH session on the first matching line, before it
is applied (a connection lost half-way through a change); ``--ignore REGEX`` accepts matching
lines without applying them (a silent no-op, for the verification step to catch).
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import re
import sys
from typing import Any

from crisis.i18n import default_language, t
from crisis.lab.switch import SIMULATOR_PACKAGES, simulator_missing

try:
    from fake_switches.cisco import cisco_core
    from fake_switches.cisco.command_processor import enabled as ios_enabled
    from fake_switches.cisco.command_processor.config import ConfigCommandProcessor
    from fake_switches.cisco.command_processor.config_interface import (
        ConfigInterfaceCommandProcessor,
    )
    from fake_switches.cisco.command_processor.config_vlan import ConfigVlanCommandProcessor
    from fake_switches.cisco.command_processor.config_vrf import ConfigVRFCommandProcessor
    from fake_switches.cisco.command_processor.default import DefaultCommandProcessor
    from fake_switches.cisco.command_processor.enabled import EnabledCommandProcessor
    from fake_switches.cisco.command_processor.piping import PipingProcessor
    from fake_switches.command_processing.piping_processor_base import NotPipingProcessor
    from fake_switches.switch_configuration import Port
    from fake_switches.switch_factory import SwitchFactory
    from fake_switches.terminal import LoggingTerminalController, NoopTerminalController
    from fake_switches.transports.ssh_service import SSHDemoRealm, SwitchSshService
    from twisted.conch.ssh import factory, keys
    from twisted.cred import checkers, credentials, portal
    from zope.interface import implementer
except ModuleNotFoundError as exc:  # an installed tool: the lab's libraries are for development
    if (exc.name or "").split(".")[0] not in SIMULATOR_PACKAGES:
        raise
    if __name__ == "__main__":  # run by the lab: one clear line, no traceback
        raise SystemExit(
            t("lab.switch.missing_packages", default_language(), packages=exc.name)
        ) from None
    raise simulator_missing([str(exc.name)]) from exc

INVALID = "% Invalid input detected at '^' marker."
RESERVED_VLANS = {1, 1002, 1003, 1004, 1005}


def _invalid(processor: Any) -> None:
    processor.write_line("              ^")
    processor.write_line(INVALID)
    processor.write_line("")


class LabDefault(DefaultCommandProcessor):  # type: ignore[misc]
    """User mode (``>``): accepts Netmiko's ``terminal length/width``."""

    def do_terminal(self, *_: str) -> None:
        """Accept and ignore terminal settings (the fake has no pager)."""


class LabConfig(ConfigCommandProcessor):  # type: ignore[misc]
    """Global configuration mode."""

    sub_processor: Any
    is_done: bool

    def parse_and_execute_command(self, line: str) -> bool:
        """A line the sub-mode did not know: IOS runs it in global mode and leaves the
        sub-mode (the fake stayed in it, with no prompt, when the line succeeded)."""
        previous: Any = self.sub_processor
        self.sub_processor = None
        processed: bool = super().parse_and_execute_command(line)
        if not processed:
            self.sub_processor = previous  # invalid input keeps the current mode
        return processed

    def do_end(self, *_: str) -> None:
        """Leave configuration mode from any sub-mode, as IOS does."""
        self.sub_processor = None
        self.is_done = True

    def do_hostname(self, name: str, *rest: str) -> None:
        """Rename the switch (the prompt follows)."""
        if rest:
            _invalid(self)
            return
        self.switch_configuration.name = name

    def do_vtp(self, *args: str) -> None:
        """Only ``vtp mode transparent|server|client``."""
        if len(args) == 2 and args[0] == "mode" and args[1] in ("transparent", "server", "client"):
            self.switch_configuration.lab_vtp_mode = args[1]
            self.write_line(f"Setting device to VTP {args[1].upper()} mode for VLANS.")
        else:
            _invalid(self)

    def do_no_vtp(self, *args: str) -> None:
        """``no vtp mode`` returns to the default (server)."""
        if args[:1] == ("mode",):
            self.switch_configuration.lab_vtp_mode = None
            self.write_line("Setting device to VTP SERVER mode for VLANS.")
        else:
            _invalid(self)

    def do_ip(self, cmd: str, *args: str) -> None:
        """Adds ``ip default-gateway``; other ``ip`` commands as the fake does."""
        if "default-gateway".startswith(cmd) and len(cmd) > 2 and len(args) == 1:
            self.switch_configuration.lab_default_gateway = args[0]
        elif "vrf".startswith(cmd) or "route".startswith(cmd):
            super().do_ip(cmd, *args)
        else:
            _invalid(self)

    def do_no_ip(self, cmd: str, *args: str) -> None:
        """Adds ``no ip default-gateway``."""
        if "default-gateway".startswith(cmd) and len(cmd) > 2:
            self.switch_configuration.lab_default_gateway = None
        elif "vrf".startswith(cmd) or "route".startswith(cmd):
            super().do_no_ip(cmd, *args)
        else:
            _invalid(self)

    def do_no_vlan(self, *args: str) -> None:
        """IOS refuses to delete the default VLAN."""
        if args and args[0].isdigit() and int(args[0]) in RESERVED_VLANS:
            self.write_line(f"%Default VLAN {args[0]} may not be deleted.")
            return
        super().do_no_vlan(*args)


class LabInterface(ConfigInterfaceCommandProcessor):  # type: ignore[misc]
    """Interface configuration mode, with port security and loud errors."""

    _IP_INTERFACE_WORDS = (
        "address",
        "access-group",
        "vrf",
        "redirects",
        "proxy-arp",
        "verify",
        "helper-address",
    )

    def get_command_func(self, line: str) -> Any:
        """Global ``ip ...`` commands typed in interface mode go back to global mode (as on
        IOS); the fake's interface ``do_ip`` would swallow them silently."""
        words = line.split()
        if words[:1] == ["no"]:
            words = words[1:]
        if words[:1] == ["ip"] and (
            len(words) < 2 or not any(w.startswith(words[1]) for w in self._IP_INTERFACE_WORDS)
        ):
            return None, []
        return super().get_command_func(line)

    def _security(self) -> dict[str, Any]:
        sec: dict[str, Any] = self.port.vendor_specific.setdefault(
            "port_security", {"enabled": False, "maximum": None, "violation": None, "macs": []}
        )
        return sec

    def do_switchport(self, *args: str) -> None:
        """Known ``switchport`` forms; ``% Invalid input`` for the rest."""
        if args[:1] == ("port-security",):
            self._port_security(args[1:], negate=False)
        elif len(args) == 3 and args[:2] == ("access", "vlan") and args[2].isdigit():
            number = int(args[2])
            if self.switch_configuration.get_vlan(number) is None:
                self.write_line(f"% Access VLAN does not exist. Creating vlan {number}")
                self.switch_configuration.add_vlan(self.switch_configuration.new("Vlan", number))
            self.port.access_vlan = number
        elif (len(args) == 2 and args[0] == "mode" and args[1] in ("access", "trunk")) or (
            len(args) >= 3 and args[:2] in (("trunk", "allowed"), ("trunk", "native"))
        ):
            super().do_switchport(*args)
        else:
            _invalid(self)

    def do_no_switchport(self, *args: str) -> None:
        """Known ``no switchport`` forms; ``% Invalid input`` for the rest."""
        if args[:1] == ("port-security",):
            self._port_security(args[1:], negate=True)
        elif (
            args[:2] == ("access", "vlan")
            or args[:1] == ("mode",)
            or args[:2]
            == (
                "trunk",
                "allowed",
            )
        ):
            super().do_no_switchport(*args)
        else:
            _invalid(self)

    def _port_security(self, args: tuple[str, ...], *, negate: bool) -> None:
        sec = self._security()
        if not args:
            sec["enabled"] = not negate
        elif args[0] == "maximum" and (negate or (len(args) == 2 and args[1].isdigit())):
            # Like IOS, the default maximum (1) is not shown in the configuration.
            sec["maximum"] = None if negate or int(args[1]) == 1 else int(args[1])
        elif args[0] == "violation" and (
            negate or (len(args) == 2 and args[1] in ("protect", "restrict", "shutdown"))
        ):
            sec["violation"] = None if negate else args[1]
        elif args[0] == "mac-address" and len(args) == 2:
            mac = args[1].lower()
            if negate:
                if mac in sec["macs"]:
                    sec["macs"].remove(mac)
            elif mac not in sec["macs"]:
                if len(sec["macs"]) >= (sec["maximum"] or 1):
                    self.write_line("Total secure mac-addresses on interface has reached maximum")
                    self.write_line("% Invalid input: secure MAC limit")
                    return
                sec["macs"].append(mac)
        else:
            _invalid(self)


def _interface_lines(port: Any) -> list[str]:
    lines: list[str] = ios_enabled.build_running_interface(port)
    sec = port.vendor_specific.get("port_security")
    if sec:
        if sec["maximum"] is not None:
            lines.append(f" switchport port-security maximum {sec['maximum']}")
        if sec["enabled"]:
            lines.append(" switchport port-security")
        if sec["violation"] is not None:
            lines.append(f" switchport port-security violation {sec['violation']}")
        lines += [f" switchport port-security mac-address {m}" for m in sec["macs"]]
    return lines


def running_lines(conf: Any) -> list[str]:
    """The running configuration as IOS prints it (VLANs sorted, reserved ones hidden)."""
    out = ["version 12.2", "!", f"hostname {conf.name}", "!"]
    vtp = getattr(conf, "lab_vtp_mode", None)
    if vtp:
        out += [f"vtp mode {vtp}", "!"]
    for vlan in sorted(conf.vlans, key=lambda v: v.number):
        if vlan.number not in RESERVED_VLANS:
            out += [*ios_enabled.build_running_vlan(vlan), "!"]
    for port in conf.get_physical_ports() + conf.get_vlan_ports():
        out += [*_interface_lines(port), "!"]
    gateway = getattr(conf, "lab_default_gateway", None)
    if gateway:
        out += [f"ip default-gateway {gateway}", "!"]
    for route in conf.static_routes:
        out.append(ios_enabled.build_static_routes(route))
    return [*out, "end", ""]


class LabEnabled(EnabledCommandProcessor):  # type: ignore[misc]
    """Privileged mode: saving for real, loud errors for what is not implemented.

    ``CRISIS_SIM_ENABLED_PROMPT`` (a test mode) replaces the ``#`` that ends the privileged
    prompt, e.g. ``#(maint)>``: a switch whose prompt the kit does not recognise.
    """

    def get_prompt(self) -> str:
        """``hostname#``, or the test mode's odd ending."""
        ending = os.environ.get("CRISIS_SIM_ENABLED_PROMPT", "#")
        return f"{self.switch_configuration.name}{ending}"

    def do_show(self, *args: str) -> None:
        """``show running-config [interface X]``, ``startup-config``, ``vlan [brief]``,
        ``version``; anything else is invalid input (never a silent empty output)."""
        word = args[0] if args else ""
        conf = self.switch_configuration
        try:
            if len(word) >= 2 and "running-config".startswith(word) and len(args) == 1:
                self._print_config(running_lines(conf))
            elif len(word) >= 2 and "running-config".startswith(word) and len(args) >= 3:
                if not "interface".startswith(args[1]):
                    _invalid(self)
                    return
                port = conf.get_port_by_partial_name("".join(args[2:]))
                if port is None:
                    _invalid(self)
                    return
                self._print_config(["!", *_interface_lines(port), "end", ""])
            elif len(word) >= 2 and "startup-config".startswith(word) and len(args) == 1:
                startup = getattr(conf, "lab_startup", None)
                if startup is None:
                    self.write_line("startup-config is not present")
                else:
                    self.write_line(f"Using {len(chr(10).join(startup))} out of 524288 bytes")
                    for line in startup:
                        self.write_line(line)
            elif (word and "vlan".startswith(word) and args[1:] in ((), ("brief",))) or (
                len(word) >= 3 and "version".startswith(word) and len(args) == 1
            ):
                super().do_show(*args)
            else:
                _invalid(self)
        except Exception:  # the fake's own show code crashing must not kill the session
            logging.getLogger(__name__).exception("show %s", args)
            _invalid(self)

    def _print_config(self, lines: list[str]) -> None:
        self.write_line("Building configuration...")
        self.write_line("")
        self.write_line(f"Current configuration : {len(chr(10).join(lines)) + 1} bytes")
        for line in lines:
            self.write_line(line)

    def do_write(self, *args: str) -> None:
        """``write [memory]`` saves, ``write erase`` erases the startup-config."""
        if not args or (len(args) == 1 and "memory".startswith(args[0])):
            self.write_line("Building configuration...")
            self.switch_configuration.lab_startup = running_lines(self.switch_configuration)
            self.write_line("[OK]")
        elif len(args) == 1 and "erase".startswith(args[0]):
            self.switch_configuration.lab_startup = None
            self.write_line("[OK]")
        else:
            _invalid(self)

    def do_copy(self, *args: str) -> None:
        """Only ``copy running-config startup-config`` (with IOS's confirmation prompt)."""
        if (
            len(args) == 2
            and "running-config".startswith(args[0])
            and "startup-config".startswith(args[1])
        ):
            self.write("Destination filename [startup-config]? ")
            self.continue_to(self._continue_copy)
        else:
            _invalid(self)

    def _continue_copy(self, _answer: str) -> None:
        self.write_line("Building configuration...")
        self.switch_configuration.lab_startup = running_lines(self.switch_configuration)
        self.write_line("[OK]")


class LabShellSession(cisco_core.CiscoShellSession):  # type: ignore[misc]
    """Session with loud unknown commands and the lab's reject/drop hooks."""

    def __init__(self, processor: Any, core: LabSwitchCore) -> None:
        self.core = core
        super().__init__(processor)

    def receive(self, line: str) -> bool:
        """Apply the hooks, then let the fake process the line."""
        hooks = self.core
        if hooks.drop is not None and not hooks.dropped and hooks.drop.search(line):
            hooks.dropped = True
            logging.getLogger(__name__).warning("lab: dropping the session on %r", line)
            return False
        if hooks.ignore is not None and hooks.ignore.search(line):
            # The original fake's failure mode, kept on demand: accepted, not applied.
            self.command_processor.show_prompt()
            return True
        if hooks.reject is not None and hooks.reject.search(line):
            _invalid(self.command_processor)
            self.command_processor.show_prompt()
            return True
        result: bool = super().receive(line)
        return result

    def handle_unknown_command(self, line: str) -> None:
        """Unknown commands are errors on IOS, never silence."""
        _invalid(self.command_processor)


class LabSwitchCore(cisco_core.Cisco2960_48TT_L_SwitchCore):  # type: ignore[misc]
    """A 48+2 port Catalyst 2960 wired to the lab processors."""

    reject: re.Pattern[str] | None = None
    drop: re.Pattern[str] | None = None
    ignore: re.Pattern[str] | None = None
    dropped = False

    def new_command_processor(self) -> Any:
        """Privileged mode with the lab's configuration processors."""
        return LabEnabled(
            config=LabConfig(
                config_vlan=ConfigVlanCommandProcessor(),
                config_vrf=ConfigVRFCommandProcessor(),
                config_interface=LabInterface(),
            )
        )

    def launch(self, protocol: str, terminal_controller: Any) -> Any:
        """Same as the fake's, with the lab session and user mode."""
        self.last_connection_id += 1
        self.logger = logging.getLogger(f"fake_switches.lab.{self.last_connection_id}")
        processor = LabDefault(self.new_command_processor())
        processor.init(
            self.switch_configuration,
            LoggingTerminalController(self.logger, terminal_controller),
            self.logger,
            PipingProcessor(self.logger),
        )
        return LabShellSession(processor, self)

    def preload(self, lines: list[str]) -> None:
        """Apply configuration lines at start-up (a switch with a past), then save them."""
        config = LabConfig(
            config_vlan=ConfigVlanCommandProcessor(),
            config_vrf=ConfigVRFCommandProcessor(),
            config_interface=LabInterface(),
        )
        config.init(
            self.switch_configuration,
            NoopTerminalController(),
            logging.getLogger(__name__),
            NotPipingProcessor(),
        )
        for line in lines:
            if line.strip() and not line.startswith("!"):
                config.process_command(line)
        self.switch_configuration.lab_startup = running_lines(self.switch_configuration)


@implementer(checkers.ICredentialsChecker)
class LoggedPasswords:
    """The users' passwords, with every attempt logged (never the password)."""

    credentialInterfaces = (credentials.IUsernamePassword,)  # noqa: N815 (Twisted's interface)

    def __init__(self, users: dict[str, bytes]) -> None:
        self.inner: Any = checkers.InMemoryUsernamePasswordDatabaseDontUse(**users)

    def requestAvatarId(self, creds: Any) -> Any:  # noqa: N802 (Twisted's interface)
        """Log the attempt, then check it."""
        logging.getLogger(__name__).warning("lab: login attempt by %r", creds.username)
        return self.inner.requestAvatarId(creds)


class LabSshService(SwitchSshService):  # type: ignore[misc]
    """The fake's SSH service with the switch's own host key and logged logins."""

    def __init__(self, host_key: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.host_key = host_key

    def hook_to_reactor(self, reactor: Any) -> Any:
        """Listen with this switch's key."""
        ssh_factory: Any = factory.SSHFactory()
        ssh_factory.portal = portal.Portal(SSHDemoRealm(self.switch_core))
        ssh_factory.portal.registerChecker(LoggedPasswords(self.users))
        name = self.host_key.sshType()
        ssh_factory.publicKeys = {name: self.host_key.public()}
        ssh_factory.privateKeys = {name: self.host_key}
        return reactor.listenTCP(port=self.port, factory=ssh_factory, interface=self.ip)


class LabSwitchCore2960X(LabSwitchCore):
    """A Catalyst 2960-X 48: 48 copper ports and 4 SFP uplinks, GigabitEthernet1/0/1-52
    (the demo switches' ``ports`` and ``uplink`` attributes name these)."""

    @staticmethod
    def get_default_ports() -> list[Any]:
        """GigabitEthernet1/0/1 to GigabitEthernet1/0/52."""
        return [Port(f"GigabitEthernet1/0/{n}") for n in range(1, 53)]


#: ``--model`` choices: the switch core each one runs.
MODELS: dict[str, type[LabSwitchCore]] = {
    "2960-48tt": LabSwitchCore,
    "2960x-48": LabSwitchCore2960X,
}


def main(argv: list[str] | None = None) -> int:
    """Start the simulator and run until SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: any free port)")
    parser.add_argument("--address", default="127.0.0.1", help="loopback address to listen on")
    parser.add_argument("--model", choices=sorted(MODELS), default="2960-48tt")
    parser.add_argument("--hostname", default="lab-switch")
    parser.add_argument("--host-key", required=True, help="PEM private key: the SSH host key")
    parser.add_argument("--preload", help="file of configuration lines applied at start")
    parser.add_argument("--reject", help="regex: matching lines answer %% Invalid input")
    parser.add_argument("--drop", help="regex: the first matching line closes the session")
    parser.add_argument("--ignore", help="regex: matching lines are accepted but not applied")
    args = parser.parse_args(argv)
    if not ipaddress.ip_address(args.address).is_loopback:
        parser.error(f"the lab switch listens on loopback only, not {args.address}")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    user = os.environ.get("CRISIS_SIM_USER", "admin")
    password = os.environ.get("CRISIS_SIM_PASSWORD", "")
    secret = os.environ.get("CRISIS_SIM_SECRET", "")
    if not password or not secret:
        parser.error("CRISIS_SIM_PASSWORD and CRISIS_SIM_SECRET must be set")

    factory = SwitchFactory(mapping={"lab_switch": MODELS[args.model]})
    # The enable password is a str and the SSH password bytes; mixing them denies `enable`.
    core: LabSwitchCore = factory.get("lab_switch", args.hostname, secret)
    core.reject = re.compile(args.reject) if args.reject else None
    core.drop = re.compile(args.drop) if args.drop else None
    core.ignore = re.compile(args.ignore) if args.ignore else None
    if args.preload:
        with open(args.preload, encoding="utf-8") as fh:
            core.preload(fh.read().splitlines())

    from twisted.internet import reactor as _reactor

    reactor: Any = _reactor  # twisted installs the reactor as a module attribute

    with open(args.host_key, "rb") as fh:
        key_class: Any = keys.Key
        host_key = key_class.fromString(fh.read())
    service = LabSshService(
        host_key,
        ip=args.address,
        port=args.port,
        switch_core=core,
        users={user: password.encode()},
    )
    listening = service.hook_to_reactor(reactor)
    print(f"READY {listening.getHost().port}", flush=True)
    reactor.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
