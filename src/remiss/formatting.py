"""Swedish dates, numbers, percentages and lists, as Jinja filters.

Formatting never goes through `locale`: the same input gives the same text on
every machine.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NBSP = "\u00a0"


MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def iso_date(value: Any) -> str:
    """Return `2011-08-31`."""
    return _as_date(value).isoformat()


def prose_date(value: Any, *, article: bool = True) -> str:
    """Return `den 31 augusti 2011` (without `den` when article is false)."""
    d = _as_date(value)
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"den {text}" if article else text


def weekday(value: Any) -> str:
    """Return the Swedish weekday, `onsdag`."""
    return WEEKDAYS[_as_date(value).weekday()]


def _round(value: Any, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value: Any, decimals: int | None = None) -> str:
    """Return `1 277` (non-breaking space) or `4,9` (decimal comma)."""
    if isinstance(value, str):
        return value
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            decimals = 0
        else:
            exponent = Decimal(str(value)).normalize().as_tuple().exponent
            decimals = min(-int(exponent), 6) if isinstance(exponent, int) else 2
    rounded = _round(value, decimals)
    sign = "−" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = NBSP.join(groups)
    if frac:
        out += "," + frac
    return sign + out


def percent(value: Any, decimals: int = 0, *, sign: bool = False) -> str:
    """Return `25 procent`, or `25 %` with sign=True (for tables)."""
    unit = "%" if sign else "procent"
    return f"{number(value, decimals)}{NBSP}{unit}"


def share(part: Any, whole: Any, decimals: int = 0, *, sign: bool = False) -> str:
    """Return part of whole as a percentage, `4,9 procent`."""
    if not whole:
        return "–"
    return percent(Decimal(str(part)) * 100 / Decimal(str(whole)), decimals, sign=sign)


def name_list(items: Any, conjunction: str = "och") -> str:
    """Return `A, B och C`."""
    names = [str(item) for item in items if str(item)]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def with_party(people: Any) -> list[str]:
    """Return names with party in capitals: `Karin Rågsjö (V)`."""
    out = []
    for p in people:
        name, party = p.get("namn"), p.get("parti")
        out.append(f"{name} ({party.upper()})" if party else str(name))
    return out


def lower_first(text: str) -> str:
    """Return the text with a lower-case first letter (`Socialnämnden` ...)."""
    return text[:1].lower() + text[1:] if text else text


def genitive(text: str) -> str:
    """Return the Swedish genitive: `Socialnämndens`, `Östermalms`."""
    if not text or text[-1] in "sxz":
        return text
    return text + "s"


_SAFE = re.compile(r"[^0-9A-Za-zÅÄÖåäöÉéÜü._-]+")


def safe_name(text: str, limit: int = 80) -> str:
    """Return a readable file name part: `325-827-2011` for `325-827/2011`."""
    cleaned = _SAFE.sub("-", text.strip()).strip("-.")
    return cleaned[:limit].rstrip("-.") or "namnlos"


FILTERS = {
    "datum": iso_date,
    "datum_text": prose_date,
    "veckodag": weekday,
    "tal": number,
    "procent": percent,
    "andel": share,
    "lista": name_list,
    "gemen": lower_first,
    "med_parti": with_party,
    "genitiv": genitive,
}


# Characters that cannot be seen, or that look like others, in a key or name.
_INVISIBLE = {
    "\u200b": "ett osynligt mellanslag",
    "\u200c": "ett osynligt tecken",
    "\u200d": "ett osynligt tecken",
    "\u2060": "ett osynligt tecken",
    "\ufeff": "ett osynligt tecken",
    "\u00ad": "ett mjukt bindestreck",
    "\u00a0": "ett hårt mellanslag",
    "\u202f": "ett smalt hårt mellanslag",
}


def invisible_note(text: str) -> str:
    """Return a note naming the first invisible or look-alike character in
    text ("innehåller ett osynligt mellanslag (U+200B) på plats 5"), or ""."""
    for index, char in enumerate(text, 1):
        name = _INVISIBLE.get(char)
        if name is None and not char.isascii() and not char.isprintable():
            name = "ett osynligt tecken"
        if name is not None:
            return f"innehåller {name} (U+{ord(char):04X}) på plats {index}"
    return ""


CONFIDENTIAL_MARK = "SEKRETESS"


def confidential_marking(ground: str | None) -> str:
    """Return the visible marking of a confidential document: "SEKRETESS
    enligt 26 kap. 1 § OSL", or "SEKRETESS" alone when no ground is given."""
    ground = (ground or "").strip()
    return f"{CONFIDENTIAL_MARK} enligt {ground}" if ground else CONFIDENTIAL_MARK
