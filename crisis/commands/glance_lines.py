"""The dashboard's kit readiness in lines of text (``crisis dashboard``)."""

from __future__ import annotations

from crisis.i18n import t
from crisis.services.glance import Glance, KitStock


def short_items(k: KitStock, lang: str) -> str:
    """What one more kit lacks: "3 × phone (X1), 1 × switch"."""
    return ", ".join(
        t(
            "glance.short_item",
            lang,
            missing=s.missing,
            category=t(f"category.{s.category}", lang),
            model=f" ({s.model})" if s.model else "",
        )
        for s in k.short
    )


def kit_lines(g: Glance, lang: str) -> list[str]:
    """One line per kit template: kits that can be assembled now, and what one more lacks."""
    out = []
    for k in g.kits:
        line = t("glance.kit_line", lang, template=k.template, kits=k.kits)
        if k.short:
            line += " — " + t("glance.short", lang, items=short_items(k, lang))
        out.append(line)
    return out
