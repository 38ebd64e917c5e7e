"""A party's correspondent or DPO: a name and an e-mail address."""

from __future__ import annotations

from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address


@dataclass(frozen=True, slots=True)
class Contact:
    """Who to write to; empty strings when not named yet."""

    name: str = ""
    email: str = ""

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email


def checked_email(value: str) -> str:
    """`value` stripped, when it is a plain e-mail address (``local@domain``); empty allowed.

    Raises:
        ValueError: it is not one (the message says why).
    """
    text = value.strip()
    if not text:
        return ""
    try:
        address = Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError) as exc:
        raise ValueError(f"{text!r} is not an e-mail address ({exc})") from None
    if not address.username or "." not in address.domain or address.addr_spec != text:
        raise ValueError(f"{text!r} is not an e-mail address (local@domain.tld)")
    return text
