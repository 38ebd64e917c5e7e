"""Upkeep of the gettext catalogues: extract the ids, update, compile, absorb waiting modules.

The catalogues are ``crisis/locale/<lang>/LC_MESSAGES/crisis.po`` (edited by translators with
the usual tools) compiled to ``crisis.mo`` beside them (read at run time by `crisis.i18n`).
Message ids are symbolic keys (``inventory.title``); French and English are both translations.

Run as ``python3 dev.py i18n extract|update|compile|absorb|init LANG``.
"""

from __future__ import annotations

import ast
import runpy
import sys
from collections.abc import Iterable, Mapping
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from crisis.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
#: Where engineers put new messages until they are absorbed: ``MESSAGES = {key: {lang: text}}``
#: (a tuple of texts for the plural forms of a message used with ``tn``).
WAITING_DIR = Path(__file__).resolve().parent / "catalogue"
#: The calls whose first argument is a message id (``t(key, lang)``, ``tn(key, n, lang)``...).
KEYWORDS = frozenset({"t", "tn", "Message", "msg"})
SOURCES = ("crisis", "tui")
_PO_WIDTH = 100


def po_path(lang: str) -> Path:
    """The editable catalogue of `lang`."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    """The compiled catalogue of `lang`, read at run time."""
    return po_path(lang).with_suffix(".mo")


def read(lang: str) -> Catalog:
    """The catalogue of `lang` as it is on disk."""
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """The .mo bytes of `catalog` (deterministic: a test compares them with the committed .mo)."""
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def write(lang: str, catalog: Catalog) -> None:
    """Write the .po of `lang` and compile its .mo."""
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=_PO_WIDTH, sort_output=True, ignore_obsolete=True)
    mo_path(lang).write_bytes(compiled(read(lang)))


def set_message(catalog: Catalog, key: str, text: str | tuple[str, ...]) -> None:
    """Set (or replace) the translation of `key`; a tuple is the plural forms."""
    if catalog.get(key) is not None:
        catalog.delete(key)
    msgid: str | tuple[str, str] = (key, key) if isinstance(text, tuple) else key
    catalog[key] = Message(msgid, text)


def literal_ids() -> list[tuple[str, tuple[str, int]]]:
    """The message ids written literally in calls of `KEYWORDS` in the code, with their place."""
    found: list[tuple[str, tuple[str, int]]] = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                first = node.args[0]
                if (
                    name in KEYWORDS
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                ):
                    found.append((first.value, (str(path.relative_to(ROOT)), node.lineno)))
    return found


def extract() -> Catalog:
    """The template: the ids the code names literally, plus every id of the source catalogue
    (ids built at run time, such as ``state.<value>``, are not found in the code).

    Each entry carries the French text as a comment, for a translator starting a language."""
    source = read(SOURCE_LANGUAGE)
    template = Catalog(domain=DOMAIN, project="crisis-kit", fuzzy=False)
    for key, location in literal_ids():
        found = template.get(key)
        if found is None:
            template.add(key, locations=[location])
        else:
            found.locations.append(location)
    for message in source:
        if not message.id:
            continue
        key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        text = str(message.string[0] if isinstance(message.string, tuple) else message.string)
        found = template.get(key)
        locations = found.locations if found is not None else []
        template.delete(key)
        template.add(
            message.id,
            locations=locations,
            auto_comments=[f"fr: {text}"] if text else [],
        )
    with TEMPLATE.open("wb") as f:
        write_po(f, template, width=_PO_WIDTH, sort_output=True, omit_header=False)
    return template


def _template() -> Catalog:
    with TEMPLATE.open("rb") as f:
        return read_po(f, domain=DOMAIN)


def update(languages: Iterable[str] = LANGUAGES) -> None:
    """Bring each language's catalogue in line with the template (new ids come in empty)."""
    template = _template()
    for lang in languages:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        write(lang, catalog)


def init(lang: str) -> Path:
    """Start the catalogue of a new language from the template."""
    template = _template()
    catalog = Catalog(locale=lang, domain=DOMAIN, project="crisis-kit", fuzzy=False)
    for message in template:
        if message.id:
            catalog.add(
                message.id, locations=message.locations, auto_comments=message.auto_comments
            )
    write(lang, catalog)
    return po_path(lang)


def compile_all(languages: Iterable[str] = LANGUAGES) -> None:
    """Compile every .po into its .mo."""
    for lang in languages:
        mo_path(lang).write_bytes(compiled(read(lang)))


def waiting_modules() -> list[Path]:
    """The catalogue modules not yet absorbed into the .po files."""
    return sorted(p for p in WAITING_DIR.glob("*.py") if p.name != "__init__.py")


def waiting_messages(path: Path) -> dict[str, dict[str, str | tuple[str, ...]]]:
    """The ``MESSAGES`` of a waiting module (a tuple of texts is a message's plural forms,
    in the order of the language's ``Plural-Forms``)."""
    found = runpy.run_path(str(path)).get("MESSAGES")
    if not isinstance(found, Mapping):
        raise SystemExit(f"{path}: no MESSAGES dict")
    return {
        str(k): {
            str(lang): tuple(str(x) for x in s) if isinstance(s, tuple) else str(s)
            for lang, s in v.items()
        }
        for k, v in found.items()
    }


def absorb() -> list[Path]:
    """Move the messages of every waiting module into the .po files, then delete the modules.

    A waiting module's text replaces the catalogue's (it is the newer wording).

    Raises:
        SystemExit: a message lacks a language (nothing is written).
    """
    modules = waiting_modules()
    if not modules:
        return []
    catalogs = {lang: read(lang) for lang in LANGUAGES}
    for path in modules:
        for key, texts in waiting_messages(path).items():
            missing = [lang for lang in LANGUAGES if not texts.get(lang)]
            if missing:
                raise SystemExit(f"{path}: {key!r} has no {', '.join(missing)} text")
            for lang in LANGUAGES:
                set_message(catalogs[lang], key, texts[lang])
    for lang, catalog in catalogs.items():
        write(lang, catalog)
    for path in modules:
        path.unlink()
    extract()
    return modules


def main(argv: list[str]) -> int:
    """The ``dev.py i18n`` command."""
    usage = "usage: python3 dev.py i18n extract|update|compile|absorb|init LANG"
    if not argv:
        print(usage, file=sys.stderr)
        return 2
    command = argv[0]
    if command == "extract":
        print(f"{TEMPLATE.relative_to(ROOT)}: {len(extract())} ids")
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "absorb":
        for path in absorb():
            print(f"absorbed and removed {path.relative_to(ROOT)}")
    elif command == "init" and len(argv) == 2:
        print(
            f"created {init(argv[1]).relative_to(ROOT)}; add {argv[1]!r} to crisis.i18n.LANGUAGES"
        )
    else:
        print(usage, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
