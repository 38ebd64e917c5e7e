"""Asset tags as people read them: normalised for matching, sorted in natural order."""

from __future__ import annotations

import re
from collections.abc import Iterable

_DIGITS = re.compile(r"(\d+)")


def normalise_tag(tag: str) -> str:
    """The form used to match tags: no surrounding blanks, upper case.

    A barcode scanner types what the label says, but a hand-typed tag may come in lower
    case or with a trailing space; both must still find the item.
    """
    return tag.strip().upper()


def tag_key(tag: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting ``LAP-2`` before ``LAP-10`` (numbers compared as numbers).

    Ties between equal numbers written differently (``07`` and ``7``) fall back to the text,
    so the order stays total and deterministic.
    """
    parts: list[tuple[int, int | str]] = []
    for index, piece in enumerate(_DIGITS.split(normalise_tag(tag))):
        if index % 2:
            parts.append((1, int(piece)))
            parts.append((1, len(piece)))
        elif piece:
            parts.append((0, piece))
    return tuple(parts)


def sorted_tags(tags: Iterable[str]) -> list[str]:
    """Tags in natural order (exact text breaks ties, so the order never depends on input)."""
    return sorted(tags, key=lambda t: (tag_key(t), t))
