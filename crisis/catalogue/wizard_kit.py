"""Messages of the wizard's mailbox and substitution steps."""

MESSAGES: dict[str, dict[str, str]] = {}
