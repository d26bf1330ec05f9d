"""The meeting file's models: items, groups and categories."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from remiss.model.types import Bool, Date, Text, _Model

CATEGORIES = (
    "Sekretessärenden",
    "Remissärenden",
    "Övriga beslutsärenden",
    "Anmälningsärenden",
    "Informationsärenden",
    "Övriga frågor",
)


NEUTRAL_TITLE = "Sekretessärende"


def _number(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise PydanticCustomError("remiss_not_text", "väntade ett nummer")
    text = str(value).strip()
    if not text:
        raise PydanticCustomError("remiss_empty", "text saknas")
    return text


Number = Annotated[str, BeforeValidator(_number)]


class Item(_Model):
    """One line of the agenda: free text, a heading, a case, or a group."""

    text: Text | None = Field(None, alias="text", description="fri text")
    heading: Text | None = Field(None, alias="rubrik", description="kategorirubrik")
    case: Text | None = Field(None, alias="ärende", description="sökväg till ärendet")
    group: Text | None = Field(
        None, alias="grupp", description="grupp med underpunkter"
    )
    items: list[Item] = Field(
        default_factory=list, alias="punkter", description="gruppens underpunkter"
    )
    number: Number | None = Field(None, alias="nummer", description="eget nummer")
    confidential: Bool = Field(False, alias="sekretess", description="sekretessärende")
    public_title: Text | None = Field(
        None, alias="offentlig_rubrik", description="rubrik i den offentliga versionen"
    )
    note: Text | None = Field(None, alias="anteckning", description="kort anteckning")

    @model_validator(mode="after")
    def _one_kind(self) -> Item:
        kinds = [k for k in (self.text, self.heading, self.case, self.group) if k]
        if len(kinds) != 1:
            raise PydanticCustomError(
                "remiss_item_kind",
                "en punkt ska ha precis en av 'text', 'rubrik', 'ärende' och 'grupp'",
            )
        if self.items and not self.group:
            raise PydanticCustomError(
                "remiss_item_kind", "bara en 'grupp' kan ha underpunkter"
            )
        return self


class Meeting(_Model):
    """One sammanträde."""

    committee: Text = Field(alias="nämnd", description="nämnden")
    date: Date = Field(alias="datum", description="sammanträdets datum")
    time: Text | None = Field(None, alias="tid", description="klockslag, t.ex. 18.00")
    place: Text | None = Field(None, alias="plats", description="plats")
    title: Text = Field(
        "Föredragningslista", alias="rubrik", description="dokumentets rubrik"
    )
    reference: Text | None = Field(None, alias="diarienummer", description="Dnr")
    administration: Text | None = Field(None, alias="förvaltning", description="")
    items: list[Item] = Field(alias="punkter", description="punkterna i ordning")
    template: Text = Field("foredragningslista", alias="mall", description="mallnamn")


Item.model_rebuild()
