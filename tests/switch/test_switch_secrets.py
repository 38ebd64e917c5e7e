"""Secrets in switch configurations are redacted before they are stored or shown."""

from __future__ import annotations

from crisis.domain.switch_secrets import REDACTED, redact, restorable

RUNNING = """\
version 12.2
!
hostname AMP-SW-001
!
enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM
enable password 7 0822455D0A16
username admin privilege 15 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
username ops password cisco-clear-1
snmp-server community s3cr3t-community RO 10
snmp-server user mon grp v3 auth sha authpass123 priv aes 128 privpass456
tacacs-server host 10.0.0.5 key 7 045802150C2E
ntp authentication-key 1 md5 ntpkey99 7
!
vlan 100
 name CRISE
!
interface FastEthernet0/1
 description key to the kit
 switchport access vlan 100
!
line vty 0 4
 password 7 121A0C041104
 login
!
end
"""
SECRETS = (
    "$9$nhEmQVczB7dqsO", "0822455D0A16", "$1$mERr$", "cisco-clear-1", "s3cr3t-community",
    "authpass123", "privpass456", "045802150C2E", "ntpkey99", "121A0C041104",
)  # fmt: skip


def test_every_secret_value_is_redacted_and_every_other_line_kept() -> None:
    text = redact(RUNNING)
    for secret in SECRETS:
        assert secret not in text, secret
    assert "enable secret 9 <redacted>" in text
    assert "username admin privilege 15 secret 5 <redacted>" in text
    assert "snmp-server community <redacted> RO 10" in text
    assert "snmp-server user mon grp v3 auth sha <redacted> priv aes 128 <redacted>" in text
    assert "ntp authentication-key 1 md5 <redacted> 7" in text
    assert " password 7 <redacted>" in text
    kept = [line for line in RUNNING.split("\n") if not any(s in line for s in SECRETS)]
    assert [line for line in text.split("\n") if REDACTED not in line] == kept
    assert redact(text) == text  # redacting twice changes nothing


def test_a_restore_never_sends_a_redacted_line_and_says_which() -> None:
    text, skipped = restorable(redact(RUNNING))
    assert REDACTED not in text
    assert "interface FastEthernet0/1" in text
    assert " description key to the kit" in text
    assert "enable secret 9 <redacted>" in skipped
    assert len(skipped) == len(SECRETS) - 1  # the SNMPv3 user's two secrets share a line
