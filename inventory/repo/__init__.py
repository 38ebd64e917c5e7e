"""Repository queries: they read and write through a session and never commit."""
