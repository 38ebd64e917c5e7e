"""Messages of the command line's reports and the verification output."""

MESSAGES: dict[str, dict[str, str]] = {}
