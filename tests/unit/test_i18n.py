"""The catalogue: every message in every language; French by default."""

from __future__ import annotations

import pytest

from crisis.domain.assets import AssetState, Category, Condition
from crisis.i18n import LANGUAGES, default_language, keys, languages_of, t


def test_every_key_is_in_every_language() -> None:
    missing = [k for k in keys() if languages_of(k) != set(LANGUAGES)]
    assert missing == []


def test_every_state_category_and_condition_has_a_label() -> None:
    for prefix, enum in (("state", AssetState), ("category", Category), ("condition", Condition)):
        for member in enum:
            assert f"{prefix}.{member.value}" in keys()


def test_french_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_language() == "fr"
    monkeypatch.setenv("CRISIS_LANG", "en")
    assert default_language() == "en"
    monkeypatch.setenv("CRISIS_LANG", "xx")
    assert default_language() == "fr"
    assert t("inventory.count", "fr", shown=2, total=5) == "2 affichés sur 5"
