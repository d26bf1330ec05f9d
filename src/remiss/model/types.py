"""Field types of the case format: text, dates, yes/no and table cells.

Every scalar arrives as text (see `input.yaml`); these types decide what it
means, with messages a handläggare can act on."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
)
from pydantic_core import PydanticCustomError

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


class PlainStr(str):
    """A scalar typed without quotes; it may be read as a number."""

    __slots__ = ()
