"""The validated case: pydantic models with the Swedish keys of the case format.

Every scalar arrives as text (see `loading`); the field types below decide what
it means, with messages a handläggare can act on.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from remiss.model.types import Bool, Cell, Date, Markdown, Text, _bool, _Model


class Person(_Model):
    name: Text = Field(alias="namn", description="för- och efternamn")
    title: Text | None = Field(None, alias="titel", description="befattning")
    phone: Text | None = Field(None, alias="telefon", description="telefonnummer")
    email: Text | None = Field(None, alias="e-post", description="e-postadress")


class Referral(_Model):
    sender: Text = Field(alias="från", description="den som skickat remissen")
    title: Text | None = Field(
        None, alias="titel", description="det som remitterats, om ingen motion"
    )
    reference: Text | None = Field(
        None, alias="diarienummer", description="avsändarens diarienummer"
    )
    reply_by: Date | None = Field(
        None, alias="svar_senast", description="sista dag för svar"
    )
    also_to: list[Text] = Field(
        default_factory=list, alias="även_till", description="andra remissinstanser"
    )


class Mover(_Model):
    name: Text = Field(alias="namn", description="motionärens namn")
    party: Text | None = Field(None, alias="parti", description="partiförkortning")

    @field_validator("party")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class Motion(_Model):
    number: Text = Field(alias="nummer", description="motionens nummer, ÅÅÅÅ:N")
    title: Text | None = Field(None, alias="titel", description="motionens titel")
    movers: list[Mover] = Field(
        default_factory=list, alias="motionärer", description="motionärer"
    )
    demands: list[Text] = Field(
        default_factory=list, alias="yrkanden", description="motionens att-satser"
    )

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        if not re.fullmatch(r"\d{4}:\d+", value):
            raise PydanticCustomError(
                "remiss_motion_number",
                "'{text}' är inget motionsnummer på formen ÅÅÅÅ:N",
                {"text": value},
            )
        return value


class Section(_Model):
    heading: Text = Field(alias="rubrik", description="avsnittets rubrik")
    text: Markdown = Field(alias="text", description="avsnittets text (Markdown)")


class Computed(_Model):
    """A column remiss computes: a share of the total, or a change."""

    kind: Literal["andel", "förändring"] = Field(
        alias="typ", description="andel av summan, eller förändring mellan kolumner"
    )
    column: Text | None = Field(None, alias="kolumn", description="kolumnen (andel)")
    start: Text | None = Field(None, alias="från", description="från kolumn")
    end: Text | None = Field(None, alias="till", description="till kolumn")
    heading: Text | None = Field(None, alias="rubrik", description="kolumnrubrik")
    decimals: Annotated[int, Field(ge=0, le=4)] = Field(
        0, alias="decimaler", description="antal decimaler"
    )
    percent: Bool = Field(False, alias="procent", description="förändring i procent")


class Table(_Model):
    heading: Text = Field(alias="rubrik", description="tabellens rubrik")
    columns: list[Text] = Field(alias="kolumner", description="kolumnrubriker")
    rows: list[list[Cell]] = Field(alias="rader", description="tabellens rader")
    source: Text | None = Field(None, alias="källa", description="källa under tabellen")
    total: Bool = Field(False, alias="summa", description="lägg till en summarad")
    unit: Text | None = Field(None, alias="enhet", description="enhet för talen")
    section: Text = Field(
        "ärendet", alias="avsnitt", description="avsnittet tabellen står sist i"
    )
    computed: list[Computed] = Field(
        default_factory=list,
        alias="beräknade_kolumner",
        description="kolumner som remiss räknar ut",
    )
    chart: Literal["stapel", "linje"] | None = Field(
        None, alias="diagram", description="diagram: stapel eller linje"
    )

    @model_validator(mode="after")
    def _shape(self) -> Table:
        if len(self.columns) < 1:
            raise PydanticCustomError("remiss_empty", "kolumner saknas")
        return self

    def row_lengths_ok(self) -> list[int]:
        """Return the indexes of rows whose cell count differs from the columns."""
        width = len(self.columns)
        return [i for i, row in enumerate(self.rows) if len(row) != width]

    def numeric_columns(self) -> list[bool]:
        """Return, per column, whether every filled cell in it is a number."""
        out = []
        for index in range(len(self.columns)):
            cells = [row[index] for row in self.rows if index < len(row)]
            filled = [c for c in cells if c != ""]
            out.append(
                bool(filled) and all(isinstance(c, (int, float)) for c in filled)
            )
        return out


class Confidential(_Model):
    ground: Text | None = Field(None, alias="grund", description="sekretessgrund")


def _confidential(value: Any) -> Any:
    """Read `sekretess: ja` as {} (secret, no ground given), `nej` as None."""
    if isinstance(value, dict) or value is None:
        return value
    return {} if _bool(value) else None


Status = Literal["utkast", "klar", "beslutad"]


Stance = Literal["tillstyrker", "avstyrker", "delvis", "ingen_erinran"]


SECTION_KEYS = ("sammanfattning", "bakgrund", "ärendet", "beredning", "synpunkter")


class Case(_Model):
    """One ärende, as the case format describes it."""

    reference: Text = Field(alias="diarienummer", description="nämndens Dnr")
    date: Date = Field(alias="datum", description="dokumentets datum")
    committee: Text = Field(alias="nämnd", description="nämnden som får ärendet")
    meeting: Date | None = Field(None, alias="sammanträde", description="mötesdatum")
    administration: Text = Field(alias="förvaltning", description="förvaltningen")
    unit: Text | None = Field(None, alias="avdelning", description="avdelningen")
    doc_type: Text = Field(
        "Tjänsteutlåtande", alias="dokumenttyp", description="etikett i sidhuvudet"
    )
    template: Text = Field("tjansteutlatande", alias="mall", description="mallnamn")
    status: Status = Field("utkast", alias="status", description="ärendets status")
    confidential: Annotated[Confidential | None, BeforeValidator(_confidential)] = (
        Field(None, alias="sekretess", description="sekretessärende")
    )
    officers: list[Person] = Field(alias="handläggare", description="handläggare")
    signatories: list[Person] = Field(
        default_factory=list, alias="underskrifter", description="underskrifter"
    )
    title: Text = Field(alias="rubrik", description="ärendets rubrik")
    subtitle: Text | None = Field(None, alias="underrubrik", description="underrubrik")
    referral: Referral | None = Field(None, alias="remiss", description="remissen")
    motion: Motion | None = Field(None, alias="motion", description="motionen")
    stance: Stance | None = Field(
        None, alias="ställningstagande", description="förvaltningens ställningstagande"
    )
    decisions: list[Text] = Field(
        alias="förslag_till_beslut", description="förslag till beslut"
    )
    summary: Markdown = Field(alias="sammanfattning", description="sammanfattning")
    background: Markdown | None = Field(None, alias="bakgrund", description="bakgrund")
    matter: Markdown | None = Field(None, alias="ärendet", description="ärendet")
    preparation: Markdown | None = Field(
        None, alias="beredning", description="ärendets beredning"
    )
    views: Markdown | None = Field(
        None, alias="synpunkter", description="förvaltningens synpunkter och förslag"
    )
    sections: list[Section] = Field(
        default_factory=list, alias="avsnitt", description="fler avsnitt"
    )
    statistics: dict[str, Table] = Field(
        default_factory=dict, alias="statistik", description="tabeller"
    )
    attachments: list[Text] = Field(
        default_factory=list, alias="bilagor", description="bilagor"
    )
    send_to: list[Text] = Field(
        default_factory=list,
        alias="beslut_sänds_till",
        description="mottagare av beslutet",
    )

    @field_validator("decisions", "officers")
    @classmethod
    def _not_empty(cls, value: list[Any]) -> list[Any]:
        if not value:
            raise PydanticCustomError("remiss_empty_list", "listan är tom")
        return value

    @property
    def is_confidential(self) -> bool:
        return self.confidential is not None


CASE_FIELDS: dict[str, str] = {
    (f.alias or name): (f.description or "") for name, f in Case.model_fields.items()
}
