"""Value kinds of the file formats: text, dates, yes/no and table cells.

Every scalar arrives as text (see `input.yaml`); these types decide what it
means, with messages a handläggare can act on."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from remiss.model.kinds import Scalar
from remiss.model.schema import Invalid

_MONTH_DAYS = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


# The largest figure a table cell may hold, as expressions allow (10^15):
# larger numbers are not statistics, and lose digits as decimals.
MAX_FIGURE = 10**15

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
        raise Invalid("remiss_empty", "text saknas")
    if isinstance(value, (dict, list)):
        raise Invalid(
            "remiss_not_text", "väntade text, fick {kind}", {"kind": _kind(value)}
        )
    text = str(value).strip()
    if not text:
        raise Invalid("remiss_empty", "text saknas")
    return text


def _markdown(value: Any) -> str:
    text = _text(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if value is None:
        raise Invalid("remiss_empty", "datum saknas")
    if isinstance(value, (dict, list)):
        raise Invalid(
            "remiss_not_date",
            "väntade ett datum (ÅÅÅÅ-MM-DD), fick {kind}",
            {"kind": _kind(value)},
        )
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        loose = _LOOSE_DATE.match(text)
        if loose:  # 2011-8-1: the date is clear, the form is not
            year, month, day = loose.groups()
            raise Invalid(
                "remiss_not_date",
                "'{text}' är inte ett datum på formen ÅÅÅÅ-MM-DD; skriv {fixed}",
                {"text": text, "fixed": f"{year}-{int(month):02}-{int(day):02}"},
            )
        raise Invalid(
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
        raise Invalid(
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
    raise Invalid(
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
        raise Invalid(
            "remiss_not_cell",
            "en tabellcell ska vara ett tal eller en text, fick {kind}",
            {"kind": _kind(value)},
        )
    if isinstance(value, PlainStr):
        number = parse_number(value)
        if number is not None:
            if abs(number) > MAX_FIGURE:
                raise Invalid(
                    "remiss_out_of_range",
                    "talet är för stort för en tabell (högst 15 siffror); skriv "
                    "det inom citattecken om det är en text",
                )
            return number
    return str(value).strip()


class PlainStr(str):
    """A scalar typed without quotes; it may be read as a number."""

    __slots__ = ()


# How each kind of value looks in the JSON Schema of the format. The loader
# reads every scalar as text, but an editor reading YAML 1.2 sees `12` as a
# number and `true` as a yes/no, so text fields accept those too.
_SCALAR = {"type": ["string", "number", "boolean"], "pattern": r"\S"}


def _any_case(words: set[str]) -> str:
    """An ECMA-262 pattern matching any of `words` in any case."""
    spelt = (
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in word)
        for word in sorted(words)
    )
    return r"^\s*(" + "|".join(spelt) + r")\s*$"


TEXT = Scalar(_text, _SCALAR)


MARKDOWN = Scalar(_markdown, _SCALAR)


DATE = Scalar(_date, {"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$"})


BOOL = Scalar(
    _bool,
    {
        "anyOf": [
            {"type": "boolean"},
            {"type": "string", "pattern": _any_case(_TRUE | _FALSE)},
        ]
    },
)


CELL = Scalar(_cell, {"type": ["string", "number", "boolean", "null"]})


_INTEGER = re.compile(r"^[+-]?\d+(?:_\d+)*(?:\.0*)?$")


_DECIMAL = re.compile(r"^[+-]?(?:\d+(?:_\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def number(
    integer: bool,
    *,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
) -> Scalar:
    """A whole or decimal number within limits, written with digits."""
    low = f"minst {ge}" if ge is not None else f"större än {gt}"
    allowed = f"{low} och högst {le}"

    def convert(value: Any) -> int | float:
        text = str(value).strip() if isinstance(value, (str, int, float)) else None
        pattern = _INTEGER if integer else _DECIMAL
        if text is None or isinstance(value, bool) or not pattern.match(text):
            raise Invalid(
                "remiss_not_int" if integer else "remiss_not_number",
                "väntade ett heltal, fick {kind}"
                if integer
                else "väntade ett tal, fick {kind}",
                {"kind": _kind(value)},
            )
        found = int(float(text)) if integer and "." in text else None
        result = found if found is not None else (int if integer else float)(text)
        if not math.isfinite(result) or abs(result) > MAX_FIGURE:
            raise Invalid(
                "remiss_out_of_range",
                "talet är för stort (högst 15 siffror)",
            )
        if (
            (le is not None and not result <= le)
            or (ge is not None and not result >= ge)
            or (gt is not None and not result > gt)
        ):
            raise Invalid(
                "remiss_out_of_range",
                "'{text}' är inget tillåtet värde (talet ska vara {allowed})",
                {"text": text, "allowed": allowed},
            )
        return result

    bounds: dict[str, Any] = {"type": "integer" if integer else "number"}
    if ge is not None:
        bounds["minimum"] = ge
    if gt is not None:
        bounds["exclusiveMinimum"] = gt
    if le is not None:
        bounds["maximum"] = le
    written = {
        "type": "string",
        "pattern": _INTEGER.pattern if integer else _DECIMAL.pattern,
    }
    return Scalar(convert, {"anyOf": [bounds, written]})


_TIME = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")


def _time(value: Any) -> str:
    """A time of day as the agenda prints it after "kl.": 18.00, 9.30."""
    text = _text(value)
    match = _TIME.match(text)
    if match:
        return text
    bare = re.sub(r"^(kl\.?|klockan)\s*", "", text, flags=re.I)
    if bare != text and _TIME.match(bare):
        raise Invalid(
            "remiss_not_time",
            "'{text}': skriv bara klockslaget, {bare} (\"kl.\" skriver remiss själv)",
            {"text": text, "bare": bare},
        )
    raise Invalid(
        "remiss_not_time",
        "'{text}' är inget klockslag; skriv t.ex. 18.00 eller 9.30",
        {"text": text},
    )


TIME = Scalar(_time, {"type": "string", "pattern": r"^([01]?\d|2[0-3])[.:][0-5]\d$"})
