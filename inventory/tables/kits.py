"""Kit templates: what a continuity kit is made of, before it is bound to serials."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class KitTemplate(SQLModel, table=True):
    """A named kit ("Kit continuité 10 postes") with its number of isolated mailboxes."""

    __tablename__ = "kit_template"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    description: str = ""
    mailboxes: int = 0


class KitTemplateLine(SQLModel, table=True):
    """One line of a template: a category (optionally one model) and how many."""

    __tablename__ = "kit_template_line"

    id: int | None = Field(default=None, primary_key=True)
    template_id: int = Field(foreign_key="kit_template.id", index=True)
    category: str
    model_id: int | None = Field(default=None, foreign_key="asset_model.id")
    quantity: int
    label: str = ""
