"""What text a person may store: bounded in length, no control characters a terminal or a
database would act on; and how spreadsheet formulas are kept from running."""

from __future__ import annotations

import re
import unicodedata

from crisis.errors import ValidationError
from crisis.i18n import Message, msg

#: A name (operator, signer, declarant): one printable line.
NAME_MAX = 100
#: A short single-line value (model, location, reason, purpose...).
LINE_MAX = 500
#: A note or description (several lines).
TEXT_MAX = 10_000

#: Characters that start a formula in a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Characters a terminal acts on rather than shows: C0 and C1 controls and DEL (Unicode
#: category Cc), line and paragraph separators, and the invisible bidirectional overrides
#: that reorder what is shown.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: The same, but for text of several lines (newline, tab and carriage return allowed).
_CONTROL_IN_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def text_problem(text: str, *, limit: int = LINE_MAX, lines: bool = False) -> str | None:
    """What is wrong with `text` as stored text (too long, a control character), or None."""
    if len(text) > limit:
        return f"{len(text)} characters, {limit} at most"
    bad = (_CONTROL_IN_LINES if lines else CONTROL).search(text)
    if bad is not None:
        return f"holds the control character U+{ord(bad.group()):04X}, which is not text"
    return None


def problem_of(text: str, *, limit: int = LINE_MAX, lines: bool = False) -> Message | None:
    """`text_problem` as a message, worded in the reader's language."""
    if len(text) > limit:
        return msg("error.text.too_long", length=len(text), limit=limit)
    bad = (_CONTROL_IN_LINES if lines else CONTROL).search(text)
    if bad is not None:
        return msg("error.text.control", code=f"U+{ord(bad.group()):04X}")
    return None


def checked_text(value: str, what: str, *, limit: int = LINE_MAX, lines: bool = False) -> str:
    """`value` stripped, refused when too long or holding a control character.

    Args:
        value: the text as given.
        what: the field's name, for the error.
        limit: the most characters allowed.
        lines: several lines allowed (newline and tab accepted, other controls refused).

    Raises:
        ValidationError: naming the field, the limit or the character.
    """
    text = value.strip()
    problem = problem_of(text, limit=limit, lines=lines)
    if problem is not None:
        raise ValidationError(problem, where=msg("error.field", field=what))
    return text


def checked_name(value: str, what: str) -> str:
    """A person's name: one printable line of at most :data:`NAME_MAX` characters.

    Raises:
        ValidationError: empty, too long, or not printable.
    """
    name = checked_text(value, what, limit=NAME_MAX)
    if not name:
        raise ValidationError(msg("error.text.empty"), where=msg("error.field", field=what))
    bad = next((c for c in name if not (c.isprintable() or unicodedata.category(c) == "Zs")), None)
    if bad is not None:
        raise ValidationError(
            msg("error.text.not_printable", code=f"U+{ord(bad):04X}"),
            where=msg("error.field", field=what),
        )
    return name


def neutralise_formula(cell: str) -> str:
    """A cell a spreadsheet shows as text: one apostrophe before a formula start.

    Cells already starting with apostrophes before a formula start get one more, so
    :func:`restore_formula` gives back exactly what was exported.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def restore_formula(cell: str) -> str:
    """The inverse of :func:`neutralise_formula`."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _escaped(match: re.Match[str]) -> str:
    ch = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def shown(value: object) -> str:
    """`value` as one safe line for a screen: every control character written out as an
    escape (``\\x1b``, ``\\n``...), so stored text can neither drive the terminal nor forge a
    line of output."""
    return CONTROL.sub(_escaped, str(value))


def shown_lines(value: object) -> str:
    """Like :func:`shown`, but newlines and tabs kept: text of several lines."""
    return _CONTROL_IN_LINES.sub(_escaped, str(value))


#: A search filter: enough for any real search, far below what a database refuses.
FILTER_MAX = 500
FILTER_WORDS = 32


def checked_filter(text: str) -> str:
    """A search filter: one line of at most :data:`FILTER_MAX` characters and
    :data:`FILTER_WORDS` words.

    Raises:
        ValidationError: naming the filter and the limit.
    """
    problem = problem_of(text, limit=FILTER_MAX)
    if problem is None and len(text.split()) > FILTER_WORDS:
        problem = msg("error.text.too_many_words", words=len(text.split()), limit=FILTER_WORDS)
    if problem is not None:
        raise ValidationError(problem, where="filter")
    return text
