"""Alembic migrations of the inventory schema."""

#: The newest revision; checked against Alembic's own view by a test.
SCHEMA_HEAD = "0014_clock_alerts"
