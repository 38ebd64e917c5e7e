"""Messages of the activation wizard."""

MESSAGES: dict[str, dict[str, str]] = {}
