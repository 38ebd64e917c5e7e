"""Messages of mailbox commands."""

MESSAGES: dict[str, dict[str, str]] = {}
