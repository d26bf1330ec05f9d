"""The validated case: pydantic models with the Swedish keys of the case format.

Every scalar arrives as text (see `loading`); the field types below decide what
it means, with messages a handläggare can act on.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .loading import PlainStr

_MONTH_DAYS = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMBER = re.compile(
    r"^[-+−]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$|^[-+−]?\d+(?:[.,]\d+)?$"
)
_TRUE = {"true", "ja", "yes", "sant", "on"}
_FALSE = {"false", "nej", "no", "falskt", "off"}


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "nycklar (en mappning)"
    if isinstance(value, list):
        return "en lista"
    if value is None:
        return "inget värde"
    return f"texten '{value}'"


def _text(value: Any) -> str:
    if value is None:
        raise PydanticCustomError("remiss_empty", "text saknas")
    if isinstance(value, (dict, list)):
        raise PydanticCustomError(
            "remiss_not_text", "väntade text, fick {kind}", {"kind": _kind(value)}
        )
    text = str(value).strip()
    if not text:
        raise PydanticCustomError("remiss_empty", "text saknas")
    return text


def _markdown(value: Any) -> str:
    text = _text(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if value is None:
        raise PydanticCustomError("remiss_empty", "datum saknas")
    if isinstance(value, (dict, list)):
        raise PydanticCustomError(
            "remiss_not_date",
            "väntade ett datum (ÅÅÅÅ-MM-DD), fick {kind}",
            {"kind": _kind(value)},
        )
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise PydanticCustomError(
            "remiss_not_date",
            "'{text}' är inte ett datum på formen ÅÅÅÅ-MM-DD",
            {"text": text},
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            detail = f"månad {month} finns inte"
        else:
            last = _MONTH_DAYS.get(month, 31)
            if month == 2:
                leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
                last = 29 if leap else 28
            detail = f"månaden har {last} dagar"
        raise PydanticCustomError(
            "remiss_bad_date",
            "'{text}' är inget giltigt datum ({detail})",
            {"text": text, "detail": detail},
        ) from None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise PydanticCustomError(
        "remiss_not_bool", "väntade ja eller nej, fick {kind}", {"kind": _kind(value)}
    )


def parse_number(text: str) -> int | float | None:
    """Return the number a Swedish or plain figure stands for, or None."""
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    cleaned = (
        text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    ).replace("−", "-")
    cleaned = cleaned.replace(",", ".")
    if "." in cleaned:
        return float(cleaned)
    return int(cleaned)


def _cell(value: Any) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise PydanticCustomError(
            "remiss_not_cell",
            "en tabellcell ska vara ett tal eller en text, fick {kind}",
            {"kind": _kind(value)},
        )
    if isinstance(value, PlainStr):
        number = parse_number(value)
        if number is not None:
            return number
    return str(value).strip()


Text = Annotated[str, BeforeValidator(_text)]
Markdown = Annotated[str, BeforeValidator(_markdown)]
Date = Annotated[date, BeforeValidator(_date)]
Bool = Annotated[bool, BeforeValidator(_bool)]
Cell = Annotated[int | float | str, BeforeValidator(_cell)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        hide_input_in_errors=True,
    )


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
