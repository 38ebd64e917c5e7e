"""Secrets in a switch configuration: redacted before a configuration is stored or shown.

A running configuration may hold the enable secret, local users' passwords, SNMP communities
and shared keys (TACACS+, RADIUS, NTP, key chains). The kit never needs them: the sections it
restores (hostname, VTP, VLANs, SVIs, its ports, the default gateway) hold none. So a stored
backup keeps every line but with the secret value replaced by :data:`REDACTED`, and a
restore skips any line that carries the marker rather than push it to a switch.
"""

from __future__ import annotations

import re

#: What replaces a secret value in a stored or shown configuration.
REDACTED = "<redacted>"

_TYPE = r"(?: [0-9])?"  # IOS's encryption type digit (0, 5, 7, 8, 9) before the value
_PATTERNS = (
    # enable secret [level N] [type] VALUE / enable password ...
    re.compile(rf"^(\s*enable (?:secret|password)(?: level \d+)?{_TYPE} )(\S+)(.*)$"),
    # username NAME [privilege N] password|secret [type] VALUE
    re.compile(rf"^(\s*username \S+(?: \S+)*? (?:password|secret){_TYPE} )(\S+)(.*)$"),
    # snmp-server community VALUE [RO|RW] [acl]
    re.compile(r"^(\s*snmp-server community )(\S+)(.*)$"),
    # snmp-server user NAME GROUP v3 auth sha VALUE priv aes 128 VALUE
    re.compile(r"^(\s*snmp-server user .*? auth \S+ )(\S+)(.*)$"),
    re.compile(r"^(\s*snmp-server user .*? priv (?:\S+ )*?)(\S+)()$"),
    # password/secret under "line vty" or "line con"
    re.compile(rf"^(\s+(?:password|secret){_TYPE} )(\S+)(.*)$"),
    # tacacs-server key, radius-server key, "key" under tacacs/radius servers
    re.compile(rf"^(\s*(?:tacacs-server|radius-server)(?: \S+)*? key{_TYPE} )(\S+)(.*)$"),
    re.compile(rf"^(\s+(?:key|key-string){_TYPE} )(\S+)(.*)$"),
    # ntp authentication-key N md5 VALUE [type]
    re.compile(r"^(\s*ntp authentication-key \d+ \S+ )(\S+)(.*)$"),
)


def redact_line(line: str) -> str:
    """`line` with its secret value, if any, replaced by :data:`REDACTED`."""
    for pattern in _PATTERNS:
        match = pattern.match(line)
        if match and match.group(2) != REDACTED:
            head, _, tail = match.groups()
            return redact_line(f"{head}{REDACTED}{tail}")
    return line


def redact(text: str) -> str:
    """A configuration (or a diff of one) with every secret value redacted, line by line."""
    return "\n".join(redact_line(line) for line in text.split("\n"))


def is_redacted(line: str) -> bool:
    """Whether a line of a stored configuration lost its secret (it must not be sent)."""
    return REDACTED in line


def restorable(text: str) -> tuple[str, tuple[str, ...]]:
    """A stored configuration without its redacted lines, and the lines left out."""
    lines = text.split("\n")
    skipped = tuple(line.strip() for line in lines if is_redacted(line))
    return "\n".join(line for line in lines if not is_redacted(line)), skipped
