"""A town is found by its short name as people say it, loosely typed, as well as by its INSEE
code or legal name; an ambiguous or unknown name is refused with the close names listed."""

from __future__ import annotations

import pytest

from crisis.errors import NotFoundError, ValidationError, describe
from crisis.services import incidents, loans, towns
from crisis.services.demo import seed_demo
from crisis.services.workspace import Workspace


@pytest.fixture
def demo(sqlite_ws: Workspace) -> Workspace:
    seed_demo(sqlite_ws, laptops=2, phones=2)
    return sqlite_ws


@pytest.mark.parametrize(
    "typed", ["Aubagne", "aubagne", " AUBAGNE ", "Aub", "13005", "Commune d'Aubagne", "d aubagne"]
)
def test_a_town_by_any_name_people_use(demo: Workspace, typed: str) -> None:
    with demo.db.session() as s:
        assert towns.find_town(s, typed).name == "Commune d'Aubagne"


def test_accents_and_articles_do_not_matter(demo: Workspace) -> None:
    with demo.db.session() as s:
        assert towns.find_town(s, "la ciotat").name == "Commune de La Ciotat"
        assert towns.find_town(s, "Ciotat").name == "Commune de La Ciotat"
        assert towns.find_town(s, "metropole").kind == "lender"
        with pytest.raises(NotFoundError):
            towns.find_town(s, "metropole", kind="borrower")


def test_ambiguous_and_unknown_names_list_the_close_ones(demo: Workspace) -> None:
    with demo.db.session() as s, pytest.raises(ValidationError) as ambiguous:
        towns.find_town(s, "Commune")
    text = describe(ambiguous.value, "en")
    assert "'Commune' matches several towns: " in text
    assert "Aubagne (13005)" in text
    assert "La Ciotat (13028)" in text
    with demo.db.session() as s, pytest.raises(NotFoundError) as typo:
        towns.find_town(s, "Aubgane")
    assert describe(typo.value, "en") == "no town 'Aubgane'; close names: Aubagne (13005)"
    assert "noms proches : Aubagne (13005)" in describe(typo.value, "fr")
    with demo.db.session() as s, pytest.raises(NotFoundError) as unknown:
        towns.find_town(s, "Paris")
    assert "no town 'Paris'" in describe(unknown.value, "en")


def test_a_crisis_is_declared_for_a_town_named_short(demo: Workspace) -> None:
    loans.declare_crisis(demo, "Vitrolles", "CYBER-V", "DGS")
    (line,) = incidents.dashboard(demo).crises
    assert (line.reference, line.town) == ("CYBER-V", "Commune de Vitrolles")
    names = towns.suggestions(towns.town_names(demo))
    assert names[:3] == ["Aubagne", "Commune d'Aubagne", "13005"]
    assert "Vitrolles" in names
    assert "13117" in names
