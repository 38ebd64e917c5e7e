"""Binding a kit template to concrete ready assets, and substituting one asset for another."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from crisis.domain.assets import Category
from crisis.domain.tags import normalise_tag, tag_key
from crisis.errors import ValidationError
from crisis.i18n import Message, msg


def line_words(category: str, model: str | None = None) -> Message:
    """A category in words, with its model when one is named: ``laptop (X1 Carbon)``."""
    what = msg(f"doc.v.{category}")
    return msg("kit.model", what=what, model=model) if model else what


def _same_model(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


@dataclass(frozen=True, slots=True)
class TemplateLine:
    """A line of a kit template: so many items of a category, optionally of one model."""

    category: Category
    quantity: int
    model: str | None = None

    def __post_init__(self) -> None:
        if self.quantity < 1:
            raise ValueError(f"template line {self.category}: quantity must be at least 1")

    def accepts(self, asset: AvailableAsset) -> bool:
        """Whether `asset` can fill this line."""
        return asset.category == self.category and (
            self.model is None or _same_model(self.model, asset.model)
        )

    def __str__(self) -> str:
        model = f" ({self.model})" if self.model else ""
        return f"{self.quantity} × {self.category}{model}"


@dataclass(frozen=True, slots=True)
class KitTemplate:
    """A kit's make-up, e.g. "Kit continuité 10 postes".

    Attributes:
        name: the template's name.
        lines: the items to pick from stock.
        mailboxes: isolated mailboxes to create (not picked from stock).
    """

    name: str
    lines: tuple[TemplateLine, ...]
    mailboxes: int = 0


@dataclass(frozen=True, slots=True)
class AvailableAsset:
    """An asset that is ready to be lent (the caller selects only those)."""

    tag: str
    category: Category
    model: str | None = None


@dataclass(frozen=True, slots=True)
class LinePick:
    """The assets picked for one template line.

    Attributes:
        line: the template line.
        tags: the picked tags (natural tag order, a substitute takes the replaced place).
    """

    line: TemplateLine
    tags: tuple[str, ...]

    @property
    def short(self) -> int:
        """How many items are still missing for this line."""
        return self.line.quantity - len(self.tags)


@dataclass(frozen=True, slots=True)
class KitAssembly:
    """The result of assembling a kit: one pick per template line, in template order."""

    template: KitTemplate
    picks: tuple[LinePick, ...]

    @property
    def complete(self) -> bool:
        """Every line is filled."""
        return all(p.short == 0 for p in self.picks)

    @property
    def tags(self) -> tuple[str, ...]:
        """Every picked tag, line by line."""
        return tuple(t for p in self.picks for t in p.tags)

    def shortages(self) -> tuple[Message, ...]:
        """One sentence per line that is short, e.g. "laptop (X1 Carbon): 2 of 10 missing"."""
        return tuple(
            Message(
                "kit.shortage",
                {"line": line_words(p.line.category, p.line.model), "quantity": p.line.quantity},
                count=p.short,
            )
            for p in self.picks
            if p.short
        )


def assemble_kit(template: KitTemplate, available: Iterable[AvailableAsset]) -> KitAssembly:
    """Pick assets for every line of `template`, deterministically.

    Lines naming a model are served before lines of the same category that take any model,
    so that a generic line does not use up the only assets a specific line can take. Within a
    line, assets are taken in natural tag order. An asset is never picked twice.

    Args:
        template: the kit template.
        available: ready assets; a tag listed twice counts once.

    Returns:
        The assembly; check :attr:`KitAssembly.complete` and :meth:`KitAssembly.shortages`.
    """
    pool: dict[str, AvailableAsset] = {}
    for asset in available:
        key = normalise_tag(asset.tag)
        # The same asset listed twice: keep one spelling chosen by content, not by position.
        if key not in pool or repr(asset) < repr(pool[key]):
            pool[key] = asset
    ordered = sorted(pool.values(), key=lambda a: (tag_key(a.tag), a.tag))
    taken: set[str] = set()
    chosen: dict[int, tuple[str, ...]] = {}
    serving_order = sorted(
        range(len(template.lines)), key=lambda i: (template.lines[i].model is None, i)
    )
    for index in serving_order:
        line = template.lines[index]
        tags: list[str] = []
        for asset in ordered:
            if len(tags) == line.quantity:
                break
            key = normalise_tag(asset.tag)
            if key not in taken and line.accepts(asset):
                taken.add(key)
                tags.append(asset.tag)
        chosen[index] = tuple(tags)
    picks = tuple(LinePick(line, chosen[i]) for i, line in enumerate(template.lines))
    return KitAssembly(template, picks)


def substitute(assembly: KitAssembly, old_tag: str, new: AvailableAsset) -> KitAssembly:
    """Replace a picked asset by another that fits the same line (same place in the list).

    Raises:
        ValidationError: `old_tag` is not in the kit, `new` is already in it, or `new` does
            not fit the line (naming the line and the asset).
    """
    old_key, new_key = normalise_tag(old_tag), normalise_tag(new.tag)
    if new_key in {normalise_tag(t) for t in assembly.tags}:
        raise ValidationError(msg("error.kit.already_in", kit=assembly.template.name, tag=new.tag))
    for index, pick in enumerate(assembly.picks):
        keys = [normalise_tag(t) for t in pick.tags]
        if old_key not in keys:
            continue
        if not pick.line.accepts(new):
            raise ValidationError(
                msg(
                    "error.kit.does_not_fit",
                    kit=assembly.template.name,
                    tag=new.tag,
                    what=line_words(new.category, new.model),
                    old=old_tag,
                    line=msg(
                        "kit.line",
                        quantity=pick.line.quantity,
                        what=line_words(pick.line.category, pick.line.model),
                    ),
                )
            )
        tags = list(pick.tags)
        tags[keys.index(old_key)] = new.tag
        picks = list(assembly.picks)
        picks[index] = replace(pick, tags=tuple(tags))
        return replace(assembly, picks=tuple(picks))
    raise ValidationError(msg("error.kit.not_in", kit=assembly.template.name, tag=old_tag))
