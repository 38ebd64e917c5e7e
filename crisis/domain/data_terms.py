"""What an agreement says of the town's data at the end of a loan: the clause cited, the
dispositions it allows (return to the town, destruction) and, when it has one, the annex on
the fate of the data that asks for every copy to be destroyed with written proof."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Dispositions an agreement may allow, as recorded on a mailbox.
DISPOSITIONS = ("returned", "destroyed")


@dataclass(frozen=True, slots=True)
class DataTerms:
    """The data clause of an agreement.

    Attributes:
        article: the clause cited on the certificate ("art. 10 « Réversibilité »").
        options: the dispositions it allows, among "returned" and "destroyed".
        annex: the annex on the fate of the data, "" when the agreement has none (seed 002's
            "Annexe 1, IV « Sort des données »").
    """

    article: str
    options: tuple[str, ...]
    annex: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The stored form (the agreement's ``data_terms``)."""
        return {"article": self.article, "options": list(self.options), "annex": self.annex}


#: Seed 001's Métropole offer: article 10, the town's data returned to it, or destroyed.
METROPOLE_OFFER = DataTerms("art. 10 « Réversibilité »", DISPOSITIONS)


def data_terms(article: str, options: Sequence[str], annex: str = "") -> DataTerms:
    """Checked data terms.

    Raises:
        ValueError: no article, no option, or an option not among :data:`DISPOSITIONS`.
    """
    article, annex = article.strip(), annex.strip()
    if not article:
        raise ValueError("name the agreement's article on the town's data")
    chosen = tuple(dict.fromkeys(o.strip() for o in options if o.strip()))
    if not chosen:
        raise ValueError("name at least one disposition the agreement allows")
    wrong = [o for o in chosen if o not in DISPOSITIONS]
    if wrong:
        raise ValueError(f"dispositions {', '.join(wrong)}: one of {', '.join(DISPOSITIONS)}")
    return DataTerms(article, chosen, annex)


def stored_terms(value: Mapping[str, Any] | None) -> DataTerms | None:
    """The terms recorded on an agreement, None when it records none."""
    if not value or not value.get("article"):
        return None
    return DataTerms(
        str(value["article"]),
        tuple(str(o) for o in value.get("options") or ()),
        str(value.get("annex") or ""),
    )
