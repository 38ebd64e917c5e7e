"""Pinned SSH host keys as data: parsing, fingerprints, known-hosts lines."""

from __future__ import annotations

import pytest

from crisis.domain.host_keys import (
    HostKey,
    known_hosts_name,
    known_hosts_text,
    parse_host_keys,
    same_fingerprint,
)
from crisis.errors import ValidationError

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIojojbrHHR9QBE57lDQaCR8rzLmTaWL09j4DMnIhAGy"
FINGERPRINT = "SHA256:heHkzOIk4cP1nwO1rOObIwgxI/ENIRzfHsvlVLUuUmI"


def test_an_attribute_holds_a_list_or_lines_and_duplicates_count_once() -> None:
    key = HostKey.parse(KEY + " root@laptop")
    assert key.line == KEY
    assert key.fingerprint == FINGERPRINT
    assert parse_host_keys([KEY, KEY]) == (key,)
    assert parse_host_keys(f"{KEY};{KEY}\n") == (key,)
    assert parse_host_keys(None) == parse_host_keys("") == ()
    with pytest.raises(ValidationError, match=r"ssh_host_keys\[1\]"):
        parse_host_keys([KEY, 42])


def test_a_fingerprint_is_confirmed_with_or_without_its_prefix() -> None:
    key = HostKey.parse(KEY)
    assert same_fingerprint(FINGERPRINT, key)
    assert same_fingerprint(" " + FINGERPRINT.removeprefix("SHA256:") + "=", key)
    assert not same_fingerprint(FINGERPRINT[:-1] + "A", key)


def test_known_hosts_lines_name_the_port_and_refuse_an_injected_address() -> None:
    key = HostKey.parse(KEY)
    assert known_hosts_text({known_hosts_name("10.0.0.2", 22): [key]}) == f"10.0.0.2 {KEY}\n"
    assert known_hosts_name("127.0.0.1", 2222) == "[127.0.0.1]:2222"
    for bad in ("10.0.0.2\n* ssh-ed25519 AAAA", "a,b", "*", ""):
        with pytest.raises(ValidationError, match="not an address SSH can pin"):
            known_hosts_name(bad, 22)
