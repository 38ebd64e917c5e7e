"""Alembic migrations of the inventory schema."""

#: The newest revision; checked against Alembic's own view by a test.
SCHEMA_HEAD = "0012_clock_alerts"
