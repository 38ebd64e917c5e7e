"""Messages of the joint documents' services and commands."""

MESSAGES: dict[str, dict[str, str]] = {}
