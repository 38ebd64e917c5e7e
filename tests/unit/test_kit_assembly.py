"""Kit assembly from ready assets and substitution."""

from __future__ import annotations

import random

import pytest

from crisis.domain.assets import Category
from crisis.domain.kit_assembly import (
    AvailableAsset,
    KitTemplate,
    TemplateLine,
    assemble_kit,
    substitute,
)
from crisis.errors import ValidationError

LAPTOP, PHONE, SWITCH = Category.LAPTOP, Category.PHONE, Category.SWITCH
TEMPLATE = KitTemplate(
    "Kit continuité 4 postes",
    (
        TemplateLine(LAPTOP, 3),
        TemplateLine(LAPTOP, 1, "X1 Carbon"),
        TemplateLine(PHONE, 2),
        TemplateLine(SWITCH, 1),
    ),
    mailboxes=4,
)
STOCK = (
    AvailableAsset("LAP-10", LAPTOP, "X1 Carbon"),
    AvailableAsset("LAP-2", LAPTOP, "T14"),
    AvailableAsset("LAP-1", LAPTOP, "T14"),
    AvailableAsset("LAP-3", LAPTOP, "x1 carbon "),
    AvailableAsset("LAP-20", LAPTOP, "T14"),
    AvailableAsset("PHN-3", PHONE),
    AvailableAsset("PHN-1", PHONE),
    AvailableAsset("PHN-2", PHONE),
    AvailableAsset("SW-1", SWITCH),
    AvailableAsset("lap-2", LAPTOP, "T14"),  # the same asset listed twice
)


def test_picks_are_deterministic_and_model_lines_are_served_first() -> None:
    kit = assemble_kit(TEMPLATE, STOCK)
    assert [p.tags for p in kit.picks] == [
        ("LAP-1", "LAP-2", "LAP-10"),
        ("LAP-3",),
        ("PHN-1", "PHN-2"),
        ("SW-1",),
    ]
    assert kit.complete
    assert tuple(m.render("en") for m in kit.shortages()) == ()
    assert len(set(kit.tags)) == len(kit.tags) == 7


def test_picks_do_not_depend_on_the_order_of_the_stock() -> None:
    expected = assemble_kit(TEMPLATE, STOCK)
    shuffler = random.Random(4)
    stock = list(STOCK)
    for _ in range(300):
        shuffler.shuffle(stock)
        assert assemble_kit(TEMPLATE, stock) == expected


def test_shortages_say_what_is_missing_per_line() -> None:
    template = KitTemplate(
        "K",
        (
            TemplateLine(LAPTOP, 10),
            TemplateLine(LAPTOP, 2, "X1 Carbon"),
            TemplateLine(SWITCH, 2),
            TemplateLine(PHONE, 1),
        ),
    )
    kit = assemble_kit(template, [a for a in STOCK if a.category is not PHONE])
    assert not kit.complete
    assert tuple(m.render("en") for m in kit.shortages()) == (
        "laptop: 7 of 10 missing",
        "switch: 1 of 2 missing",
        "phone: 1 of 1 missing",
    )
    assert kit.picks[1].tags == ("LAP-3", "LAP-10")  # the model line is full
    assert kit.picks[0].tags == ("LAP-1", "LAP-2", "LAP-20")


def test_substitution_keeps_the_place_and_checks_the_line() -> None:
    kit = assemble_kit(TEMPLATE, STOCK)
    swapped = substitute(kit, "lap-2", AvailableAsset("LAP-20", LAPTOP, "T14"))
    assert swapped.picks[0].tags == ("LAP-1", "LAP-20", "LAP-10")
    assert swapped.picks[1:] == kit.picks[1:]
    assert kit.picks[0].tags == ("LAP-1", "LAP-2", "LAP-10")  # the original is unchanged


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("LAP-99", AvailableAsset("LAP-20", LAPTOP), "LAP-99 is not in the kit"),
        ("LAP-1", AvailableAsset("lap-3", LAPTOP), "lap-3 is already in the kit"),
        (
            "LAP-1",
            AvailableAsset("PHN-3", PHONE),
            r"PHN-3 \(phone\) cannot replace LAP-1 on line 3 × laptop",
        ),
        (
            "LAP-3",
            AvailableAsset("LAP-20", LAPTOP, "T14"),
            r"LAP-20 \(laptop \(T14\)\) cannot replace LAP-3 on line 1 × laptop \(X1 Carbon\)",
        ),
    ],
)
def test_substitution_errors(old: str, new: AvailableAsset, message: str) -> None:
    kit = assemble_kit(TEMPLATE, STOCK)
    with pytest.raises(ValidationError, match=f"kit Kit continuité 4 postes: {message}"):
        substitute(kit, old, new)


def test_template_lines_need_a_positive_quantity() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        TemplateLine(LAPTOP, 0)
