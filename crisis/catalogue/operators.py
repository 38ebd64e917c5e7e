"""Messages of operator sign-in."""

MESSAGES: dict[str, dict[str, str]] = {}
