"""Finding a town the way people name it: its INSEE code, its full legal name ("Commune
d'Aubagne"), or its short name ("Aubagne", "aubagne", "La Ciotat"); what is typed is
compared without case, accents or the "Commune de" in front. Several towns matching, or
none, is an error that lists the close names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from crisis.errors import NotFoundError, ValidationError
from crisis.i18n import msg
from crisis.services.workspace import Workspace
from inventory.repo import parties as parties_repo
from inventory.tables import Organisation

#: What stands before a town's name in its legal name ("Commune d'Aubagne", "Ville de ...").
PREFIX = re.compile(r"^(?:commune|ville|mairie)\s+(?:des|du|de|d)\s+")
#: How many close names an error lists at most.
CLOSE = 5


@dataclass(frozen=True, slots=True)
class TownName:
    """A party as it can be typed: its legal name, short name and INSEE code."""

    name: str
    short: str
    insee_code: str | None
    kind: str


def folded(text: str) -> str:
    """`text` compared loosely: lower case, no accents, words split on anything else."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[0-9a-z]+", plain))


def short_name(name: str) -> str:
    """The name people use: "Commune d'Aubagne" → "Aubagne", "Commune de La Ciotat" →
    "La Ciotat" (the words after the prefix, as written)."""
    match = PREFIX.match(folded(name))
    if match is None:
        return name
    words = name.replace("'", " ").replace("’", " ").split()
    skip = len(match.group(0).split())
    return " ".join(words[skip:]) or name


def town_names(ws: Workspace) -> list[TownName]:
    """Every party that can be named (borrowers first, then by name), for suggestions."""
    with ws.db.session() as s:
        orgs = parties_repo.organisations(s)
        named = [TownName(o.name, short_name(o.name), o.insee_code, o.kind) for o in orgs]
    return sorted(named, key=lambda x: (x.kind != "borrower", folded(x.short)))


def suggestions(names: Sequence[TownName]) -> list[str]:
    """What a suggester completes: each short name, legal name and INSEE code."""
    out: list[str] = []
    for x in names:
        out += [x.short, x.name, *([x.insee_code] if x.insee_code else [])]
    return list(dict.fromkeys(out))


def matching(names: Sequence[TownName], text: str) -> list[TownName]:
    """The parties `text` names, by the first rule that finds any: the exact legal name or
    INSEE code; the name without case, accents or prefix; a name starting with it; a word
    of the name starting with it."""
    wanted = text.strip()
    key = folded(wanted)
    if not key:
        return []
    rules: tuple[Callable[[TownName], bool], ...] = (
        lambda x: wanted in (x.name, x.insee_code),
        lambda x: key in (folded(x.name), folded(x.short)),
        lambda x: folded(x.short).startswith(key) or folded(x.name).startswith(key),
        lambda x: f" {key}" in f" {folded(x.name)}",
    )
    for rule in rules:
        found = [x for x in names if rule(x)]
        if found:
            return found
    return []


def find_town(s: Session, text: str, *, kind: str | None = None) -> Organisation:
    """The organisation `text` names (INSEE code, legal name or short name, loosely).

    Args:
        s: the session.
        text: what was typed.
        kind: only this kind of party ("borrower"), when given.

    Raises:
        NotFoundError: nothing matches; the close names are listed.
        ValidationError: nothing typed, or several towns match (they are listed).
    """
    wanted = text.strip()
    orgs = {o.name: o for o in parties_repo.organisations(s) if kind is None or o.kind == kind}
    names = [TownName(o.name, short_name(o.name), o.insee_code, o.kind) for o in orgs.values()]
    if not folded(wanted):
        raise ValidationError(msg("error.town.empty"), where="town")
    found = matching(names, wanted)
    if len(found) == 1 or (found and found[0].name == wanted):
        return orgs[found[0].name]
    if found:
        raise ValidationError(
            msg("error.town.ambiguous", town=wanted, matches=listed(found)), where="town"
        )
    by_key = {folded(x.short): x for x in names}
    close = difflib.get_close_matches(folded(wanted), list(by_key), n=CLOSE, cutoff=0.6)
    if close:
        matches = listed([by_key[c] for c in close])
        raise NotFoundError(msg("error.town.unknown_close", town=wanted, matches=matches))
    raise NotFoundError(msg("error.town.unknown", town=wanted))


def listed(names: Sequence[TownName]) -> str:
    """Towns as an error or a hint lists them: "Aubagne (13005), La Ciotat (13028)"."""
    return ", ".join(
        f"{x.short} ({x.insee_code})" if x.insee_code else x.name for x in names[:CLOSE]
    ) + (", …" if len(names) > CLOSE else "")
