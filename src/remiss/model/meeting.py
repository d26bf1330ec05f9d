"""The meeting file's models: items, groups and categories."""

from __future__ import annotations

from datetime import date
from typing import Any

from remiss.model.case import Confidential, _confidential
from remiss.model.kinds import Before, ListOf, Nested, Optional, Scalar
from remiss.model.minutes import Minutes
from remiss.model.schema import Invalid, field, model
from remiss.model.types import _SCALAR, BOOL, DATE, TEXT, TIME

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
        raise Invalid("remiss_not_text", "väntade ett nummer")
    text = str(value).strip()
    if not text:
        raise Invalid("remiss_empty", "text saknas")
    return text


NUMBER = Scalar(_number, _SCALAR)


OPTIONAL_TEXT = Optional(TEXT)


ITEM_KINDS = ("text", "rubrik", "ärende", "grupp")


@model(
    title="Punkt",
    schema={
        "oneOf": [
            {"required": ["text"]},
            {"required": ["rubrik"]},
            {"required": ["ärende"]},
            {"anyOf": [{"required": ["grupp"]}, {"required": ["punkter"]}]},
        ],
        "dependentRequired": {"diarienummer": ["text"], "underrubrik": ["text"]},
    },
)
class Item:
    """One line of the agenda: free text, a heading, a case, or a group."""

    text: str | None = field("text", OPTIONAL_TEXT, "fri text", default=None)
    heading: str | None = field("rubrik", OPTIONAL_TEXT, "kategorirubrik", default=None)
    case: str | None = field(
        "ärende", OPTIONAL_TEXT, "sökväg till ärendet", default=None
    )
    group: str | None = field(
        "grupp",
        OPTIONAL_TEXT,
        "gruppens rubrik; utan rubrik står underpunkterna direkt (15 a, 15 b …)",
        default=None,
    )
    items: list[Item] = field(
        "punkter",
        ListOf(Nested(lambda: Item)),
        "gruppens underpunkter",
        factory=list,
    )
    number: str | None = field("nummer", Optional(NUMBER), "eget nummer", default=None)
    confidential: Confidential | None = field(
        "sekretess",
        Before(_confidential, Optional(Nested(Confidential)), BOOL.schema),
        "sekretessärende: ja, eller {grund: text} med sekretessgrunden",
        default=None,
    )
    public_title: str | None = field(
        "offentlig_rubrik",
        OPTIONAL_TEXT,
        "rubrik i den offentliga versionen",
        default=None,
    )
    note: str | None = field(
        "anteckning", OPTIONAL_TEXT, "kort anteckning", default=None
    )
    reference: str | None = field(
        "diarienummer",
        OPTIONAL_TEXT,
        "Dnr för en punkt med 'text' (ett ärende har sitt eget)",
        default=None,
    )
    subtitle: str | None = field(
        "underrubrik",
        OPTIONAL_TEXT,
        "underrubrik för en punkt med 'text'",
        default=None,
    )

    @property
    def is_group(self) -> bool:
        """A group: it has a title under `grupp`, or only sub-items."""
        return bool(self.group) or (
            bool(self.items) and not (self.text or self.heading or self.case)
        )

    def _check(self) -> None:
        kinds = [k for k in (self.text, self.heading, self.case) if k]
        if len(kinds) + self.is_group != 1:
            raise Invalid(
                "remiss_item_kind",
                "en punkt ska ha precis en av 'text', 'rubrik', 'ärende' och 'grupp'",
            )
        if self.items and not self.is_group:
            raise Invalid("remiss_item_kind", "bara en 'grupp' kan ha underpunkter")
        if (self.reference or self.subtitle) and not self.text:
            raise Invalid(
                "remiss_item_kind",
                "'diarienummer' och 'underrubrik' hör till en punkt med 'text'; "
                "en punkt med 'ärende' visar ärendets egna",
            )


@model(title="Sammanträde")
class Meeting:
    """One sammanträde."""

    committee: str = field("nämnd", TEXT, "nämnden")
    date: date = field("datum", DATE, "sammanträdets datum")
    time: str | None = field(
        "tid", Optional(TIME), "klockslag, t.ex. 18.00", default=None
    )
    place: str | None = field("plats", OPTIONAL_TEXT, "plats", default=None)
    title: str = field(
        "rubrik", TEXT, "dokumentets rubrik", default="Föredragningslista"
    )
    reference: str | None = field("diarienummer", OPTIONAL_TEXT, "Dnr", default=None)
    administration: str | None = field("förvaltning", OPTIONAL_TEXT, "", default=None)
    items: list[Item] = field("punkter", ListOf(Nested(Item)), "punkterna i ordning")
    template: str = field("mall", TEXT, "mallnamn", default="foredragningslista")
    minutes: Minutes | None = field(
        "protokoll",
        Optional(Nested(Minutes)),
        "vad som hände på sammanträdet",
        default=None,
    )
