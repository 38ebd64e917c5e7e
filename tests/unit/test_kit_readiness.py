"""How many kits the ready stock makes: lines naming a model share their category with
generic lines, and what one more kit lacks is named per line."""

from __future__ import annotations

from crisis.domain.assets import Category
from crisis.domain.kit_assembly import AvailableAsset, KitTemplate, TemplateLine
from crisis.domain.kit_readiness import LineShortage, readiness

L, P, S = Category.LAPTOP, Category.PHONE, Category.SWITCH


def stock(
    category: Category, n: int, model: str | None = None, start: int = 1
) -> list[AvailableAsset]:
    return [AvailableAsset(f"{category.value[:2].upper()}-{i:03d}", category, model)
            for i in range(start, start + n)]  # fmt: skip


def test_whole_kits_and_what_the_next_one_lacks() -> None:
    kit = KitTemplate("Kit 2", (TemplateLine(L, 2), TemplateLine(P, 2), TemplateLine(S, 1)))
    r = readiness(kit, stock(L, 7) + stock(P, 5) + stock(S, 3))
    assert r.kits == 2  # 7 laptops, 5 phones, 3 switches: phones allow 2 kits
    assert r.short == (LineShortage(TemplateLine(P, 2), 1),)


def test_a_model_line_is_served_before_a_generic_one_of_its_category() -> None:
    kit = KitTemplate("Kit X1", (TemplateLine(L, 2), TemplateLine(L, 1, "X1")))
    # 4 X1 and 1 T14: two kits need 2 X1 for the model line and 4 laptops for the other,
    # 6 in all: one kit, and one laptop of any model short for the second.
    r = readiness(kit, stock(L, 4, "X1") + stock(L, 1, "T14", start=10))
    assert r.kits == 1
    assert r.short == (LineShortage(TemplateLine(L, 2), 1),)
    assert readiness(kit, stock(L, 6, "X1")).kits == 2
    assert readiness(kit, stock(L, 6, "T14")).short == (LineShortage(TemplateLine(L, 1, "X1"), 1),)


def test_empty_stock_makes_no_kit_and_names_every_line() -> None:
    kit = KitTemplate("Kit", (TemplateLine(L, 3), TemplateLine(P, 1)))
    r = readiness(kit, [])
    assert r.kits == 0
    assert [(x.line.category, x.missing) for x in r.short] == [(L, 3), (P, 1)]
