"""The catalogue: gettext .po files, every message in every language, French by default."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crisis import i18n, translations
from crisis.domain.assets import AssetState, Category, Condition
from crisis.i18n import LANGUAGES, default_language, keys, languages_of, msg, t


def test_every_key_is_in_every_language() -> None:
    missing = sorted(k for k in keys() if languages_of(k) != set(LANGUAGES))
    assert missing == []


def test_every_id_named_in_the_code_is_in_the_catalogue() -> None:
    known = keys()
    unknown = sorted(f"{k} ({p}:{n})" for k, (p, n) in translations.literal_ids() if k not in known)
    assert unknown == []


def test_compiled_catalogues_match_their_po_files() -> None:
    for lang in LANGUAGES:
        committed = translations.mo_path(lang).read_bytes()
        assert committed == translations.compiled(translations.read(lang)), (
            f"{translations.mo_path(lang)} is stale: run python3 dev.py i18n compile"
        )


def test_no_message_waits_outside_the_po_files() -> None:
    waiting = [p.name for p in translations.waiting_modules()]
    assert waiting == [], f"run python3 dev.py i18n absorb to move {waiting} into the .po files"


def test_no_translation_is_its_own_id() -> None:
    for lang in LANGUAGES:
        same = [m.id for m in translations.read(lang) if m.id and m.string == m.id]
        assert same == []


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
    assert t("inventory.count", "en", shown=2, total=5) == "2 shown of 5"


def test_an_unknown_id_is_an_error_not_a_key_on_screen() -> None:
    with pytest.raises(KeyError):
        t("no.such.message", "fr")


def test_a_message_value_is_rendered_in_the_same_language() -> None:
    assert t("error.worker", "fr", error=msg("state.on_loan")) == "Erreur : " + t(
        "state.on_loan", "fr"
    )
    assert t("error.worker", "en", error=msg("state.on_loan")) == "Error: " + t(
        "state.on_loan", "en"
    )


@pytest.fixture
def scratch_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the catalogues and an empty waiting folder, for the upkeep commands."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    waiting = tmp_path / "catalogue"
    waiting.mkdir()
    monkeypatch.setattr(translations, "LOCALE_DIR", locale)
    monkeypatch.setattr(translations, "TEMPLATE", locale / "crisis.pot")
    monkeypatch.setattr(translations, "WAITING_DIR", waiting)
    return tmp_path


def test_absorb_moves_a_branch_module_into_the_po_files(scratch_catalogue: Path) -> None:
    module = scratch_catalogue / "catalogue" / "h9_feature.py"
    module.write_text(
        "MESSAGES: dict[str, dict[str, str]] = {\n"
        '    "h9.hello": {"fr": "Bonjour {name}", "en": "Hello {name}"},\n'
        '    "app.title": {"fr": "Kit de crise (nouveau)", "en": "Crisis kit (new)"},\n'
        "}\n",
        encoding="utf-8",
    )
    assert translations.absorb() == [module]
    assert not module.exists()
    fr, en = translations.read("fr"), translations.read("en")
    assert fr["h9.hello"].string == "Bonjour {name}"
    assert en["h9.hello"].string == "Hello {name}"
    assert fr["app.title"].string == "Kit de crise (nouveau)"  # the newer wording wins
    mo = translations.mo_path("fr").read_bytes()
    assert mo == translations.compiled(fr)
    assert b"Bonjour {name}" in mo
    template = (scratch_catalogue / "locale" / "crisis.pot").read_text(encoding="utf-8")
    assert 'msgid "h9.hello"' in template


def test_absorb_keeps_the_plural_forms_of_a_waiting_message(scratch_catalogue: Path) -> None:
    module = scratch_catalogue / "catalogue" / "h9_feature.py"
    module.write_text(
        'MESSAGES = {"h9.items": {"fr": ("{n} objet", "{n} objets", "{n} objets"),\n'
        '                         "en": ("{n} item", "{n} items")}}\n',
        encoding="utf-8",
    )
    translations.absorb()
    assert translations.read("fr")["h9.items"].string == ("{n} objet", "{n} objets", "{n} objets")
    assert translations.read("en")["h9.items"].string == ("{n} item", "{n} items")


def test_a_waiting_plural_is_chosen_by_the_languages_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    forms = {"fr": ("{n} objet", "{n} objets", "{n} objets"), "en": ("{n} item", "{n} items")}
    monkeypatch.setitem(i18n._waiting(), "h9.items", forms)
    assert [i18n.tn("h9.items", n, "fr") for n in (0, 1, 2)] == ["0 objet", "1 objet", "2 objets"]
    assert [i18n.tn("h9.items", n, "en") for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]


def test_absorb_refuses_a_message_without_english(scratch_catalogue: Path) -> None:
    module = scratch_catalogue / "catalogue" / "h9_feature.py"
    module.write_text('MESSAGES = {"h9.only_fr": {"fr": "Seulement"}}\n', encoding="utf-8")
    before = translations.po_path("fr").read_bytes()
    with pytest.raises(SystemExit, match=r"h9\.only_fr.*en"):
        translations.absorb()
    assert module.exists()
    assert translations.po_path("fr").read_bytes() == before


def test_a_new_language_starts_from_the_template(scratch_catalogue: Path) -> None:
    translations.extract()
    po = translations.init("de")
    catalog = translations.read("de")
    assert po.exists()
    assert catalog["inventory.title"].string == ""
    assert any("Inventaire" in c for c in catalog["inventory.title"].auto_comments)


def test_an_error_is_worded_in_the_readers_language() -> None:
    from crisis.errors import CrisisError, NotFoundError, ValidationError, describe

    missing = NotFoundError(msg("error.asset.not_found", tag="NOPE"))
    assert str(missing) == "no asset with tag 'NOPE'"  # English for logs and older tests
    assert describe(missing, "fr") == "aucun matériel d'étiquette « NOPE »"
    assert describe(missing, "en") == "no asset with tag 'NOPE'"
    placed = ValidationError(
        msg("error.asset.tag_used", tag="PC-1"), where=msg("error.field", field="tag")
    )
    assert str(placed) == "field 'tag': asset tag PC-1 is already used"
    assert placed.where == "field 'tag'"
    assert describe(placed, "fr") == "champ « tag » : l'étiquette PC-1 est déjà utilisée"
    legacy = ValidationError("bad row", where="in.csv:3")
    assert describe(legacy, "fr") == "in.csv:3 : bad row"
    assert describe(CrisisError("as written"), "fr") == "as written"
    assert describe(ValueError("not ours"), "fr") == "not ours"
