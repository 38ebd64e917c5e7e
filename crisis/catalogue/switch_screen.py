"""Messages of the switch screen."""

MESSAGES: dict[str, dict[str, str]] = {}
