"""The words users read, from the gettext catalogues: French by default, English complete.

Message ids are symbolic keys (``inventory.title``); each language, French included, is a
translation of the id in ``crisis/locale/<lang>/LC_MESSAGES/crisis.po``, compiled to ``.mo``
(``python3 dev.py i18n compile``). Texts are Python format strings (``{name}``).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from gettext import GNUTranslations
from pathlib import Path
from typing import Any

from crisis import catalogue

#: The languages every message is translated into; the first is the default.
LANGUAGES = ("fr", "en")
SOURCE_LANGUAGE = "fr"
DOMAIN = "crisis"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@dataclass(frozen=True)
class Message:
    """A message id and its values, rendered later in the reader's language.

    A value may itself be a `Message` (a state, a category...): it is rendered in the same
    language. `count` selects the plural form.
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict)
    count: int | None = None

    def render(self, lang: str) -> str:
        """The message in `lang`."""
        if self.count is None:
            return t(self.key, lang, **self.values)
        return tn(self.key, self.count, lang, **self.values)


@dataclass(frozen=True)
class Joined:
    """Messages shown one after the other (the conditions a refusal lists)."""

    parts: tuple[Message, ...]
    separator: str = "; "

    def render(self, lang: str) -> str:
        """The messages in `lang`, joined by the separator."""
        return self.separator.join(m.render(lang) for m in self.parts)


def msg(key: str, /, **values: object) -> Message:
    """A `Message` for `key` with `values`."""
    return Message(key, values)


@cache
def _translations(lang: str) -> GNUTranslations:
    if lang not in LANGUAGES:
        raise KeyError(f"no catalogue for language {lang!r}")
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as f:
        return GNUTranslations(f)


@cache
def _waiting() -> dict[str, dict[str, Any]]:
    """Messages of ``crisis/catalogue/*.py`` modules not yet absorbed into the .po files
    (``python3 dev.py i18n absorb``); they win over the .po (they are newer)."""
    found: dict[str, dict[str, Any]] = {}
    for m in pkgutil.iter_modules(catalogue.__path__):
        part = importlib.import_module(f"{catalogue.__name__}.{m.name}")
        found.update(part.MESSAGES)
    return found


def _fill(text: str, lang: str, values: Mapping[str, object]) -> str:
    if not values:
        return text
    return text.format(**{k: _shown(v, lang) for k, v in values.items()})


def _shown(value: object, lang: str) -> object:
    """A value as filled in: a `Message` (or `Joined` ones) rendered, a tuple of them listed."""
    if isinstance(value, Message | Joined):
        return value.render(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return ", ".join(v.render(lang) for v in value)
    return value


def default_language() -> str:
    """``CRISIS_LANG`` when it names a known language, else French."""
    lang = os.environ.get("CRISIS_LANG", SOURCE_LANGUAGE)
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def t(key: str, lang: str, /, **values: object) -> str:
    """The message `key` in `lang`, with `values` filled in (a `Message` value is rendered).

    Raises:
        KeyError: for a key missing from the catalogue (a test checks every language has all).
    """
    waiting = _waiting().get(key)
    if waiting is not None:
        return _fill(waiting[lang], lang, values)
    text = _translations(lang).gettext(key)
    if text == key:
        raise KeyError(key)
    return _fill(text, lang, values)


def tn(key: str, n: int, lang: str, /, **values: object) -> str:
    """The plural form of `key` for the count `n` in `lang`; ``{n}`` is filled with `n`.

    Raises:
        KeyError: for a key missing from the catalogue or without plural forms.
    """
    waiting = _waiting().get(key)
    if isinstance(waiting, Mapping) and isinstance(waiting.get(lang), tuple):
        forms: tuple[str, ...] = waiting[lang]
        index = _translations(lang).plural(n)  # type: ignore[attr-defined]
        return _fill(forms[min(index, len(forms) - 1)], lang, {"n": n, **values})
    text = _translations(lang).ngettext(key, key, n)
    if text == key:
        raise KeyError(key)
    return _fill(text, lang, {"n": n, **values})


def keys() -> frozenset[str]:
    """Every message id of the catalogue (of the source language)."""
    return frozenset(ids(SOURCE_LANGUAGE)) | frozenset(_waiting())


@cache
def ids(lang: str) -> frozenset[str]:
    """The message ids `lang` translates (plural ids included)."""
    found: set[str] = set()
    for k in _translations(lang)._catalog:  # type: ignore[attr-defined]
        found.add(k[0] if isinstance(k, tuple) else k)
    found.discard("")
    return frozenset(found) | frozenset(k for k, v in _waiting().items() if lang in v)


def languages_of(key: str) -> frozenset[str]:
    """The languages a key is translated into."""
    return frozenset(lang for lang in LANGUAGES if key in ids(lang))


def worded(prefix: str, code: str, lang: str) -> str:
    """The wording of a stored code (``action.`` + ``loan.opened``), or the code itself when
    the catalogue has none (a code added since)."""
    key = f"{prefix}{code}"
    return t(key, lang) if key in ids(lang) else code


def doc_label(key: str, lang: str, /, **values: object) -> str:
    """The wording of a joint document's label (``doc.<key>``) in `lang`."""
    return t(f"doc.{key}", lang, **values)


def doc_value(text: str, lang: str) -> str:
    """A stored value of a document (condition, category...) in words, or as it is when it
    has no wording (a serial number, a name)."""
    key = f"doc.v.{text}"
    return t(key, lang) if key in ids(lang) else text
