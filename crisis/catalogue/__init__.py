"""New messages waiting to join the gettext catalogues (``crisis/locale``).

An engineer adds a module ``<branch>.py`` here with
``MESSAGES: dict[str, dict[str, str]] = {"area.key": {"fr": "...", "en": "..."}}``;
`crisis.i18n.t` reads it until ``python3 dev.py i18n absorb`` moves its messages into the .po
files and deletes it (a test fails while one is waiting).
"""
