"""Messages of the return desk's quarantine and sanitisation."""

MESSAGES: dict[str, dict[str, str]] = {}
