"""Where the tool keeps its data and which database it opens."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "crisis-kit"


def data_dir() -> Path:
    """The user data directory (``CRISIS_DATA_DIR`` overrides it)."""
    override = os.environ.get("CRISIS_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME)


def database_url(option: str | None = None) -> str:
    """The database to open: ``--db``, else ``CRISIS_DATABASE_URL``, else SQLite in the data dir."""
    if option:
        return option
    env = os.environ.get("CRISIS_DATABASE_URL")
    if env:
        return env
    return str(data_dir() / "inventory.sqlite3")


def demo_database_path() -> Path:
    """The embedded demo inventory, kept apart from real data."""
    return data_dir() / "demo.sqlite3"


def tsa_url() -> str:
    """The RFC 3161 time-stamping authority's URL (``CRISIS_TSA_URL``), "" when none is set."""
    return os.environ.get("CRISIS_TSA_URL", "").strip()


def tsa_ca_file() -> str:
    """The time-stamping authority's root certificate, a PEM file (``CRISIS_TSA_CA``)."""
    return os.environ.get("CRISIS_TSA_CA", "").strip()
