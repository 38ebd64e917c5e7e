"""Bench: a 48-port kit switch applied and verified in blocks vs one ``send_command`` per line.

Run from the repository root: ``.venv/bin/python -m bench.switch_apply [--runs N]``.

Each run starts two fresh lab simulators with the same past configuration:

- A: ``crisis.adapters.switch_ios.apply`` (backup, hier_config diff, the delta sent in blocks
  of ``BLOCK_LINES`` lines each read back once, the verification's show commands read back
  at once, ``write memory``);
- B: the same delta lines sent one ``send_command`` each and the same show commands read one
  each, then checked with ``apply`` (which must find nothing left to change, proving B reached
  the same configuration).

Round trips are SSH channel writes that wait for the switch's answer.
"""

from __future__ import annotations

import argparse
import ipaddress
import statistics
import time

from crisis.adapters.switch_ios import (
    SwitchCredentials,
    SwitchEvent,
    SwitchEventKind,
    SwitchState,
    SwitchTarget,
    apply,
    send_lines_one_by_one,
)
from crisis.domain.switch_config import (
    AccessPort,
    Management,
    SwitchConfig,
    Uplink,
    Vlan,
    render,
)
from crisis.lab.switch import running_switch

PAST = ["vlan 20", " name OLD-LOAN", "interface FastEthernet0/3", " switchport access vlan 20"]

KIT48 = SwitchConfig(
    management=Management(
        "kit-sw-48",
        Vlan(99, "MGMT"),
        ipaddress.IPv4Interface("10.99.0.2/24"),
        ipaddress.IPv4Address("10.99.0.1"),
    ),
    crisis_vlan=Vlan(30, "CRISE"),
    parking_vlan=Vlan(999, "PARKING"),
    # 40 laptops with port security bound to their MAC, 8 parked ports, 1 uplink, 1 parked.
    access_ports=tuple(
        AccessPort(f"Fa0/{i}", f"LAP-{i:04d}", (f"02:00:00:00:01:{i:02x}",)) for i in range(1, 41)
    ),
    unused_ports=(*tuple(f"Fa0/{i}" for i in range(41, 49)), "Gi0/2"),
    uplink=Uplink("Gi0/1", (30, 99)),
)


def run_once() -> tuple[dict[str, float], dict[str, float]]:
    """One run of A and B on fresh simulators; returns their figures."""
    intended = render(KIT48)
    stamps: list[tuple[SwitchEvent, float]] = []
    with running_switch(preload=PAST) as sw:
        target = SwitchTarget(sw.host, sw.port, host_keys=(sw.host_key,))
        creds = SwitchCredentials(sw.username, sw.password, sw.secret)
        start = time.perf_counter()
        result = apply(
            target, creds, intended, on_event=lambda e: stamps.append((e, time.perf_counter()))
        )
        total = time.perf_counter() - start
    assert result.state is SwitchState.APPLIED
    assert result.verification.ok
    at = {e.kind: (e, t) for e, t in stamps}
    applying, applied = at[SwitchEventKind.APPLYING], at[SwitchEventKind.APPLIED]
    verifying, verified = at[SwitchEventKind.VERIFYING], at[SwitchEventKind.VERIFIED]
    a = {
        "lines": len(result.sent),
        "send_s": applied[1] - applying[1],
        "send_trips": applied[0].round_trips - applying[0].round_trips,
        "verify_s": verified[1] - verifying[1],
        "verify_trips": verified[0].round_trips - verifying[0].round_trips,
        "total_s": total,
        "total_trips": result.round_trips,
    }
    with running_switch(preload=PAST) as sw:
        target = SwitchTarget(sw.host, sw.port, host_keys=(sw.host_key,))
        creds = SwitchCredentials(sw.username, sw.password, sw.secret)
        timing, read = send_lines_one_by_one(
            target, creds, result.sent, result.verification.commands
        )
        check = apply(target, creds, intended, save=False)
    assert check.state is SwitchState.UNCHANGED, "one-by-one did not reach the same config"
    b = {
        "lines": timing.lines,
        "send_s": timing.seconds,
        "send_trips": timing.round_trips,
        "verify_s": read.seconds,
        "verify_trips": read.round_trips,
    }
    return a, b


def main() -> None:
    """Run the bench and print both methods side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = [run_once() for _ in range(parser.parse_args().runs)]

    def med(side: int, key: str) -> float:
        return statistics.median(r[side][key] for r in runs)

    print(f"48-port kit switch, lab simulator, median of {len(runs)} runs")
    print(f"{'':34}{'blocks':>18}{'send_command x N':>18}")
    print(f"{'config lines sent':34}{med(0, 'lines'):>18.0f}{med(1, 'lines'):>18.0f}")
    print(f"{'send: wall time (s)':34}{med(0, 'send_s'):>18.2f}{med(1, 'send_s'):>18.2f}")
    print(f"{'send: round trips':34}{med(0, 'send_trips'):>18.0f}{med(1, 'send_trips'):>18.0f}")
    print(f"{'verify: wall time (s)':34}{med(0, 'verify_s'):>18.2f}{med(1, 'verify_s'):>18.2f}")
    print(
        f"{'verify: round trips':34}{med(0, 'verify_trips'):>18.0f}{med(1, 'verify_trips'):>18.0f}"
    )
    print(f"{'apply+verify+save: wall time (s)':34}{med(0, 'total_s'):>18.2f}{'-':>18}")
    print(f"{'apply+verify+save: round trips':34}{med(0, 'total_trips'):>18.0f}{'-':>18}")
    blocks = med(0, "send_trips") + med(0, "verify_trips")
    one_by_one = med(1, "send_trips") + med(1, "verify_trips")
    print(
        f"send + verify: {blocks:.0f} round trips in blocks vs {one_by_one:.0f} one by one "
        f"({blocks / one_by_one:.3f}; goal <= 0.2); "
        f"{(med(1, 'send_s') + med(1, 'verify_s')) / (med(0, 'send_s') + med(0, 'verify_s')):.1f}x "
        "faster"
    )


if __name__ == "__main__":
    main()
