"""Messages of the dashboard."""

MESSAGES: dict[str, dict[str, str]] = {}
