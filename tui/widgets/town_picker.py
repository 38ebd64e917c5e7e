"""Where a town is typed: completions from the towns' short names, legal names and INSEE codes
(→ accepts one), and under the field the town what is typed names, or the matches, or the
close names. The matching is the service's (crisis.services.towns); this only shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from crisis.i18n import t
from crisis.services import towns
from tui.safe_text import escape

if TYPE_CHECKING:
    from crisis.services.towns import TownName
    from crisis.services.workspace import Workspace


class TownSuggester(Suggester):
    """Completes what is typed with the first name that starts with it, any case."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        folded = value.casefold()
        return next((n for n in self.names if n.casefold().startswith(folded)), None)


@dataclass
class TownsLoaded(Message):
    """The towns that can be named arrived."""

    names: tuple[TownName, ...]


class TownInput(Input):
    """An input for a town: suggestions as one types, the town found shown beneath."""

    DEFAULT_CSS = """
    TownInput { border-subtitle-color: $text-muted; }
    """
    #: Never compact (tui.screens.base): the town found is shown on its border.
    KEEPS_BORDER = True

    def __init__(
        self,
        ws: Workspace,
        lang: str,
        *,
        placeholder: str,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(placeholder=placeholder, id=id, classes=classes)
        self.ws = ws
        self.lang = lang
        self.names: tuple[TownName, ...] = ()

    def on_mount(self) -> None:
        self.load_towns()

    @work(thread=True, exclusive=True, group="town-names", exit_on_error=False)
    def load_towns(self) -> None:
        """The names, off the UI thread."""
        self.post_message(TownsLoaded(tuple(towns.town_names(self.ws))))

    def on_towns_loaded(self, message: TownsLoaded) -> None:
        message.stop()
        self.names = message.names
        self.suggester = TownSuggester(towns.suggestions(message.names))
        self._show_match()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input is self:
            self._show_match()

    def _show_match(self) -> None:
        text = self.value.strip()
        if not text or not self.names:
            self.border_subtitle = ""
            return
        found = towns.matching(self.names, text)
        if len(found) == 1:
            x = found[0]
            code = f" ({x.insee_code})" if x.insee_code else ""
            self.border_subtitle = escape(t("town.found", self.lang, town=f"{x.name}{code}"))
        elif found:
            self.border_subtitle = escape(t("town.several", self.lang, matches=towns.listed(found)))
        else:
            self.border_subtitle = escape(t("town.none", self.lang, town=text))
