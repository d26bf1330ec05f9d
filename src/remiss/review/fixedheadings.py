"""Which fixed section of a tjänsteutlåtande a heading of an earlier document
stands for.

Kommuner write the same sections under different headings: "Förslag till
beslut" (Upplands-Bro), "Kommunstyrelsen föreslår att kommunfullmäktige
beslutar följande" (Stockholm's utlåtanden), "Förvaltningens synpunkter",
"Beredning". A heading is known by the project's own `rubriker`, by the
built-in ones, or by one of the customary variants below; `remiss import
--ny` then keeps its text in the case's `rubriker` so the document renders
with the heading it had.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from remiss.model.case import HEADINGS

# The genitive of an administration or a body: "Förvaltningens",
# "Socialförvaltningens", "Stadsledningskontorets", "Nämndens".
_WHOSE = r"(?:\S*(?:förvaltningens|kontorets|nämndens|styrelsens)|förvaltningens)"

VARIANTS: dict[str, tuple[str, ...]] = {
    "förslag_till_beslut": (
        r"(?:\S+s )?förslag till beslut",
        r"beslutsförslag",
        r".+ föreslår (?:att )?.+ besluta(?:r)?(?: följande)?:?",
        r".+ beslutar följande:?",
    ),
    "sammanfattning": (
        r"sammanfattning(?: av ärendet)?",
        r"ärendet i korthet",
        r"kort sammanfattning",
    ),
    "bakgrund": (r"bakgrund", r"ärendets bakgrund", r"bakgrund till ärendet"),
    "ärendet": (r"ärendet", r"ärendebeskrivning", r"beskrivning av ärendet"),
    "beredning": (
        r"ärendets beredning",
        r"beredning(?: av ärendet)?",
        r"ärendets handläggning",
    ),
    "synpunkter": (
        _WHOSE + r" (?:synpunkter|bedömning|överväganden)(?: och förslag)?",
        r"(?:synpunkter|bedömning|överväganden)(?: och förslag)?",
    ),
    "bilagor": (r"bilag(?:a|or):?", r"bilageförteckning"),
    "beslut_sänds_till": (
        r"beslut(?:et)? (?:sänds|skickas|ska sändas|ska skickas) till:?",
        r"sändlista",
        r"expedieras till:?",
    ),
}
_PATTERNS = {
    key: re.compile("^(?:" + "|".join(texts) + ")$", re.I)
    for key, texts in VARIANTS.items()
}

# A heading over the decisions to one body: "Förslag till kommunfullmäktige",
# "Förslag till beslut i kommunstyrelsen", "Kommunstyrelsen föreslår
# kommunfullmäktige att besluta".
_GROUP = re.compile(
    r"^(?:förslag till (?!beslut$)\S.*|.+ föreslår .+ besluta.*|"
    r"förslag till beslut i .+|.+ beslutar följande:?)$",
    re.I,
)


def plain(text: str) -> str:
    """Return a heading's text with its spaces as a reader sees them."""
    return " ".join(text.split())


def project_headings(defaults: Mapping[str, object]) -> dict[str, str]:
    """Return the fixed headings a project's cases get unless they say
    otherwise: the built-in ones, with `rubriker` under `standard:` over them."""
    out = dict(HEADINGS)
    given = defaults.get("rubriker")
    if isinstance(given, Mapping):
        for key, value in given.items():
            if key in out and isinstance(value, str) and value.strip():
                out[key] = plain(value)
    return out


def heading_key(text: str, headings: Mapping[str, str]) -> str | None:
    """Return the key under `rubriker` of the fixed section a heading stands
    for, or None for any other heading."""
    text = plain(text)
    lowered = text.lower()
    for key, shown in headings.items():
        if lowered == shown.lower():
            return key
    for key, pattern in _PATTERNS.items():
        if pattern.match(text):
            return key
    return None


def is_group(text: str) -> bool:
    """Whether a heading names the decisions proposed to one body."""
    return _GROUP.match(plain(text)) is not None
