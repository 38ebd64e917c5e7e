"""Reading asset rows from CSV: our own columns and Snipe-IT's asset export.

Pure functions: a header chooses a format, each row becomes an :class:`AssetDraft` or a
:class:`ValidationError` naming the line and the field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from crisis.domain.assets import INITIAL_STATES, AssetState, Category, Condition
from crisis.domain.free_text import (
    CONTROL,
    LINE_MAX,
    TEXT_MAX,
    neutralise_formula,
    restore_formula,
    text_problem,
)
from crisis.errors import ValidationError

#: Our own CSV columns, in export order.
COLUMNS: tuple[str, ...] = (
    "tag",
    "serial",
    "category",
    "manufacturer",
    "model",
    "imei",
    "iccid",
    "phone_number",
    "mac_addresses",
    "mgmt_address",
    "state",
    "condition",
    "location",
    "purchase_date",
    "notes",
    "attributes",
)
REQUIRED = ("tag", "category")

_MAC = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")
_IMEI = re.compile(r"^\d{15}$")
_ICCID = re.compile(r"^\d{18,22}$")
_TAG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")


class AssetDraft(NamedTuple):
    """A validated asset, not yet stored.

    A named tuple rather than a frozen dataclass: as immutable, and an import builds 100,000
    of them, where a frozen dataclass's ``__init__`` would cost a quarter of the import.
    """

    tag: str
    category: Category
    serial: str | None = None
    manufacturer: str = ""
    model: str = ""
    imei: str | None = None
    iccid: str | None = None
    phone_number: str | None = None
    mac_addresses: tuple[str, ...] = ()
    mgmt_address: str | None = None
    state: AssetState = AssetState.IN_STOCK
    condition: Condition = Condition.GOOD
    location: str = ""
    purchase_date: date | None = None
    notes: str = ""
    attributes: Mapping[str, Any] = MappingProxyType({})


def normalise_mac(value: str) -> str:
    """``AA-BB-CC-DD-EE-FF``, ``aabb.ccdd.eeff`` or ``aa:bb:...`` to ``aa:bb:cc:dd:ee:ff``."""
    hexdigits = re.sub(r"[^0-9a-fA-F]", "", value).lower()
    mac = ":".join(hexdigits[i : i + 2] for i in range(0, len(hexdigits), 2))
    if not _MAC.match(mac):
        raise ValueError(f"not a MAC address: {value!r}")
    return mac


def _text(limit: int = LINE_MAX, *, lines: bool = False) -> Callable[[str], str]:
    """A free-text cell: stripped, bounded, no control character."""

    def parse(v: str) -> str:
        v = v.strip()
        problem = text_problem(v, limit=limit, lines=lines)
        if problem is not None:
            raise ValueError(problem)
        return v

    def parse_clean(v: str) -> str:
        v = v.strip()
        if len(v) > limit:
            raise ValueError(f"{len(v)} characters, {limit} at most")  # as text_problem says
        return v

    _IN_CLEAN_ROW[parse] = parse_clean
    return parse


#: Parsers that check for control characters, and their equivalent for a row already known
#: to hold none (one search over the whole row instead of one per cell).
_IN_CLEAN_ROW: dict[Callable[[str], Any], Callable[[str], Any]] = {}


_line = _text()
_short = _text(100)


def _opt(v: str) -> str | None:
    return _short(v) or None


def _opt_clean(v: str) -> str | None:
    return _IN_CLEAN_ROW[_short](v) or None


_IN_CLEAN_ROW[_opt] = _opt_clean


def _date(v: str) -> date | None:
    v = v.strip()
    if not v:
        return None
    if len(v) == 10 and v[4] == "-":
        try:
            return date.fromisoformat(v)  # the common case, far cheaper than strptime
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d %H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.strptime(v, fmt).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
    raise ValueError(f"not a date (expected YYYY-MM-DD or DD/MM/YYYY): {v!r}")


def _macs(v: str) -> tuple[str, ...]:
    v = v.strip()
    if not v:
        return ()
    if _MAC.match(v):
        return (v,)  # already canonical: the common case in our own exports
    return tuple(normalise_mac(m) for m in re.split(r"[;,\s]+", v) if m)


def _tag(v: str) -> str:
    v = v.strip()
    if not v:
        raise ValueError("is empty")
    if not _TAG.match(v):
        raise ValueError(f"not a valid asset tag (letters, digits, . _ / -; 64 max): {v!r}")
    return v


def _pattern(rx: re.Pattern[str], what: str) -> Callable[[str], str | None]:
    def parse(v: str) -> str | None:
        v = "".join(v.split())
        if not v:
            return None
        if not rx.match(v):
            raise ValueError(f"not {what}: {v!r}")
        return v

    return parse


def _enum(kind: type[Category] | type[AssetState] | type[Condition]) -> Callable[[str], str]:
    """A parser giving the member's plain value (what is stored; an enum's ``.value`` and
    a str subclass both cost more per row than a dict lookup)."""
    members = {m.value: str(m.value) for m in kind}

    def parse(v: str) -> str:
        v = v.strip().lower()
        try:
            return members[v]
        except KeyError:
            options = ", ".join(members)
            raise ValueError(f"unknown value {v!r} (expected one of: {options})") from None

    return parse


_state = _enum(AssetState)


_INITIAL = {str(s.value): str(s.value) for s in INITIAL_STATES}


def _initial_state(v: str) -> str:
    state = _INITIAL.get(v)  # the common case: written as stored
    if state is not None:
        return state
    state = _state(v) if v.strip() else AssetState.IN_STOCK.value
    if state not in INITIAL_STATES:
        allowed = ", ".join(sorted(INITIAL_STATES))
        raise ValueError(f"an imported asset cannot start as {state} (allowed: {allowed})")
    return state


def _no_number(name: str) -> Any:
    raise ValueError(f"{name} is not a number a database stores (JSON has no {name})")


def _attributes(v: str) -> dict[str, Any]:
    if not v.strip():
        return {}
    value = json.loads(v, parse_constant=_no_number)
    if not isinstance(value, dict):
        raise ValueError("must be a JSON object")
    _no_nul(value)
    return value


def _no_nul(value: Any) -> None:
    """Refuse a NUL character anywhere in parsed JSON (no database stores it in text)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("holds a NUL character (U+0000), which is not text")
    elif isinstance(value, dict):
        for k, v in value.items():
            _no_nul(k)
            _no_nul(v)
    elif isinstance(value, list):
        for v in value:
            _no_nul(v)


def _problem(v: str) -> str | None:
    return text_problem(v, limit=TEXT_MAX, lines=True)


def _long(v: str) -> str | None:
    return f"{len(v)} characters, {TEXT_MAX} at most" if len(v) > TEXT_MAX else None


_PARSERS: dict[str, Callable[[str], Any]] = {
    "tag": _tag,
    "serial": _opt,
    "category": _enum(Category),
    "manufacturer": _line,
    "model": _line,
    "imei": _pattern(_IMEI, "an IMEI (15 digits)"),
    "iccid": _pattern(_ICCID, "an ICCID (18 to 22 digits)"),
    "phone_number": _opt,
    "mac_addresses": _macs,
    "mgmt_address": _opt,
    "state": _initial_state,
    "condition": _enum(Condition),
    "location": _line,
    "purchase_date": _date,
    "notes": _text(TEXT_MAX, lines=True),
    "attributes": _attributes,
}


# --- Snipe-IT -------------------------------------------------------------------------------

#: Snipe-IT column titles (see :func:`header_key`) and the field each fills: the English
#: export, and the French one (Snipe-IT's fr-FR labels, whose "Catégorie" is spelt with a
#: Cyrillic "С" in some releases).
_SNIPE_FIELDS: dict[str, str] = {
    "asset tag": "tag",
    "serial": "serial",
    "serial number": "serial",
    "category": "category",
    "manufacturer": "manufacturer",
    "model": "model",
    "model name": "model",
    "location": "location",
    "notes": "notes",
    "purchase date": "purchase_date",
    "status": "state",
    "mac address": "mac_addresses",
    "imei": "imei",
    "iccid": "iccid",
    "phone number": "phone_number",
    # French
    "numero d'inventaire": "tag",
    "etiquette de l'actif": "tag",
    "numero de serie": "serial",
    "serie": "serial",
    "categorie": "category",
    "\u0441ategorie": "category",
    "fabricant": "manufacturer",
    "modele": "model",
    "nom du modele": "model",
    "lieu": "location",
    "emplacement": "location",
    "remarques": "notes",
    "date d'achat": "purchase_date",
    "achete": "purchase_date",
    "statut": "state",
    "adresse mac": "mac_addresses",
    "numero de telephone": "phone_number",
}
_SNIPE_TAG_TITLES = frozenset(k for k, v in _SNIPE_FIELDS.items() if v == "tag")


def header_key(title: str) -> str:
    """A column title as compared: lower case, no accents, single spaces, straight quotes."""
    decomposed = unicodedata.normalize("NFKD", title.strip().casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("\u2019", "'").split())


_SNIPE_CATEGORIES: tuple[tuple[tuple[str, ...], Category], ...] = (
    (("laptop", "notebook", "portable", "ordinateur"), Category.LAPTOP),
    (("phone", "mobile", "smartphone", "téléphone", "telephone"), Category.PHONE),
    (("switch", "commutateur"), Category.SWITCH),
    (("accessor", "charger", "chargeur", "cable", "câble", "dock"), Category.ACCESSORY),
)

_SNIPE_STATUS: dict[str, AssetState] = {
    "ready to deploy": AssetState.IN_STOCK,
    "deployable": AssetState.IN_STOCK,
    # A deployed device comes from use elsewhere: it is sanitised before it is lent.
    "deployed": AssetState.QUARANTINE,
    "pending": AssetState.QUARANTINE,
    "broken": AssetState.DAMAGED,
    "out for repair": AssetState.DAMAGED,
    "archived": AssetState.RETIRED,
    "undeployable": AssetState.DAMAGED,
    # French
    "pret a etre deploye": AssetState.IN_STOCK,
    "deploye": AssetState.QUARANTINE,
    "en attente": AssetState.QUARANTINE,
    "non deployable": AssetState.DAMAGED,
    "en reparation": AssetState.DAMAGED,
    "archive": AssetState.RETIRED,
}


def _snipe_category(v: str) -> str:
    low = v.strip().lower()
    for words, cat in _SNIPE_CATEGORIES:
        if any(w in low for w in words):
            return cat.value
    raise ValueError(f"unknown category {v.strip()!r} (no laptop, phone, switch or accessory)")


def _snipe_status(v: str) -> str:
    low = header_key(v)
    if not low:
        return ""
    if low not in _SNIPE_STATUS:
        raise ValueError(f"unknown Snipe-IT status {v.strip()!r}")
    return _SNIPE_STATUS[low].value


@dataclass(frozen=True, slots=True)
class _Column:
    """One column of a file: its title, the field it fills (None: a free attribute), how."""

    title: str
    name: str | None
    parser: Callable[[str], Any]

    @property
    def index(self) -> int | None:
        """The field's place in COLUMNS (None: a free attribute)."""
        return _INDEX[self.name] if self.name is not None else None


_INDEX = {c: i for i, c in enumerate(COLUMNS)}
#: Where each field sits in the values `RowFormat.values` gives.
TAG, SERIAL, CATEGORY, MANUFACTURER, MODEL, IMEI, ICCID, PHONE, MACS, MGMT = range(10)
STATE, CONDITION, LOCATION, PURCHASE_DATE, NOTES, ATTRIBUTES = range(10, 16)
#: The values of a row whose optional cells are all empty (in COLUMNS order).
DEFAULTS: tuple[Any, ...] = (
    "", None, "", "", "", None, None, None, (), None,
    AssetState.IN_STOCK.value, Condition.GOOD.value, "", None, "", MappingProxyType({}),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RowFormat:
    """How to turn the cells of a row into a draft, chosen from the header line."""

    name: str
    columns: tuple[_Column, ...]
    #: Cells were written by :func:`draft_to_row` (formula starts behind an apostrophe).
    restores_formulas: bool = False
    #: Each column with its field's place in COLUMNS and whether it is required.
    _plan: tuple[tuple[_Column, int | None, bool], ...] = field(
        init=False, repr=False, compare=False
    )

    _clean_plan: tuple[tuple[_Column, int | None, bool], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        plan = tuple((c, c.index, c.name in REQUIRED) for c in self.columns)
        object.__setattr__(self, "_plan", plan)
        clean = tuple(
            (_Column(c.title, c.name, _IN_CLEAN_ROW.get(c.parser, c.parser)), i, r)
            for c, i, r in plan
        )
        object.__setattr__(self, "_clean_plan", clean)

    def parse(self, cells: Sequence[str], where: str) -> AssetDraft:
        """Validate one row into a draft; empty optional cells take the draft's defaults.

        Raises:
            ValidationError: naming `where` and the column at fault.
        """
        v = self.values(cells, where)
        return AssetDraft(
            tag=v[TAG],
            category=Category(v[CATEGORY]),
            serial=v[SERIAL],
            manufacturer=v[MANUFACTURER],
            model=v[MODEL],
            imei=v[IMEI],
            iccid=v[ICCID],
            phone_number=v[PHONE],
            mac_addresses=v[MACS],
            mgmt_address=v[MGMT],
            state=AssetState(v[STATE]),
            condition=Condition(v[CONDITION]),
            location=v[LOCATION],
            purchase_date=v[PURCHASE_DATE],
            notes=v[NOTES],
            attributes=v[ATTRIBUTES],
        )

    def values(self, cells: Sequence[str], where: str) -> list[Any]:
        """Validate one row into its values in COLUMNS order (plain text for the category,
        state and condition; DEFAULTS for empty optional cells): what an import stores.

        Raises:
            ValidationError: naming `where` and the column at fault.
        """
        if len(cells) != len(self.columns):
            raise ValidationError(
                f"has {len(cells)} columns, the header has {len(self.columns)}", where=where
            )
        out = list(DEFAULTS)
        extra: dict[str, Any] | None = None
        restores = self.restores_formulas
        # Most rows hold no control character at all: one search says so for every cell.
        clean = CONTROL.search("".join(cells)) is None
        plan = self._clean_plan if clean else self._plan
        for (col, index, required), raw in zip(plan, cells, strict=True):
            if restores and raw[:1] == "'":
                raw = restore_formula(raw)
            if not raw or raw.isspace():
                if required:
                    raise ValidationError(
                        "required field is empty", where=f"{where}, field '{col.title}'"
                    )
                continue
            if index is None:
                problem = _long(raw.strip()) if clean else _problem(raw.strip())
                if problem is not None:
                    raise ValidationError(problem, where=f"{where}, field '{col.title}'")
                extra = extra or {}
                extra[col.title] = raw.strip()
                continue
            try:
                out[index] = col.parser(raw)
            except (ValueError, json.JSONDecodeError) as exc:
                raise ValidationError(str(exc), where=f"{where}, field '{col.title}'") from None
        if extra:
            out[ATTRIBUTES] = {**extra, **out[ATTRIBUTES]}
        return out


def canonical_line(
    tag: str,
    serial: str | None,
    category: str,
    manufacturer: str,
    model: str,
    imei: str | None,
    iccid: str | None,
    phone_number: str | None,
    location: str,
    purchase_date: str | None,
    notes: str,
) -> str:
    """An imported asset's identity as hashed into its import's digest: the values no later
    action changes (state, condition, addresses and attributes do), unit-separated, ended
    by a record separator (stored text never holds either control character)."""
    return "\x1f".join(
        (tag, serial or "", category, manufacturer, model, imei or "", iccid or "",
         phone_number or "", location, purchase_date or "", notes)
    ) + "\x1e"  # fmt: skip


def _snipe_parser(name: str) -> Callable[[str], Any]:
    if name == "category":
        return _snipe_category
    if name == "state":
        return lambda v: _initial_state(_snipe_status(v))
    return _PARSERS[name]


def detect_format(header: Sequence[str], where: str) -> RowFormat:
    """Choose the format from the header line.

    Raises:
        ValidationError: when the header is neither ours nor Snipe-IT's (English or French),
            misses a column, or has two columns for the same field (naming both).
    """
    cols = tuple(h.strip() for h in header)
    keys = [header_key(c) for c in cols]
    if _SNIPE_TAG_TITLES.intersection(keys):
        fields = [_SNIPE_FIELDS.get(k) for k in keys]
        if "category" not in fields:
            raise ValidationError(
                "Snipe-IT export has no 'Category' ('Catégorie') column", where=where
            )
        _once_each(cols, [f or k for f, k in zip(fields, keys, strict=True)], where)
        return RowFormat(
            "snipe-it",
            tuple(
                _Column(title, name, _snipe_parser(name) if name else str.strip)
                for title, name in zip(cols, fields, strict=True)
            ),
        )
    unknown = [c for c in cols if c not in _PARSERS]
    if unknown:
        raise ValidationError(
            f"unknown column '{unknown[0]}' (expected our columns: {', '.join(COLUMNS)}; "
            "or a Snipe-IT export with an 'Asset Tag' column)",
            where=where,
        )
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise ValidationError(f"missing required column '{missing[0]}'", where=where)
    _once_each(cols, list(cols), where)
    return RowFormat(
        "crisis", tuple(_Column(c, c, _PARSERS[c]) for c in cols), restores_formulas=True
    )


def _once_each(titles: Sequence[str], fields: Sequence[str], where: str) -> None:
    """Refuse two columns filling the same field: one value would be silently dropped."""
    first: dict[str, int] = {}
    for i, (title, name) in enumerate(zip(titles, fields, strict=True)):
        j = first.setdefault(name, i)
        if j != i:
            raise ValidationError(
                f"column {i + 1} '{title}' fills the same field as column {j + 1} "
                f"'{titles[j]}' ('{name}'): keep one of them",
                where=where,
            )


def draft_to_row(d: AssetDraft) -> list[str]:
    """The cells of our own CSV format for a draft (the inverse of parsing).

    A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return first) is written behind an apostrophe, which parsing removes again.
    """
    values: dict[str, str] = {
        "tag": d.tag,
        "serial": d.serial or "",
        "category": d.category.value,
        "manufacturer": d.manufacturer,
        "model": d.model,
        "imei": d.imei or "",
        "iccid": d.iccid or "",
        "phone_number": d.phone_number or "",
        "mac_addresses": ";".join(d.mac_addresses),
        "mgmt_address": d.mgmt_address or "",
        "state": d.state.value,
        "condition": d.condition.value,
        "location": d.location,
        "purchase_date": d.purchase_date.isoformat() if d.purchase_date else "",
        "notes": d.notes,
        "attributes": json.dumps(dict(d.attributes), ensure_ascii=False, sort_keys=True)
        if d.attributes
        else "",
    }
    return [neutralise_formula(values[c]) for c in COLUMNS]
