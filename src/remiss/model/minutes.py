"""What happened at a sammanträde: the protokoll's part of a meeting file."""

from __future__ import annotations

from datetime import date
from typing import Any

from remiss.model.kinds import DictOf, ListOf, Nested, Optional
from remiss.model.schema import field, model
from remiss.model.types import DATE, MARKDOWN, TEXT, number

OPTIONAL_TEXT = Optional(TEXT)
TEXTS = ListOf(TEXT)
COUNT = number(True, ge=0, le=10_000)

# The decision of a § whose case the nämnd decided as proposed.
AS_PROPOSED = "enligt förvaltningens förslag"


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


@model(title="Person i protokollet")
class Attendee:
    """A ledamot, ersättare or tjänsteman present at the meeting."""

    name: str = field("namn", TEXT, "för- och efternamn")
    party: str | None = field(
        "parti", OPTIONAL_TEXT, "partiets förkortning, t.ex. S", default=None
    )
    role: str | None = field(
        "roll", OPTIONAL_TEXT, "t.ex. ordförande, tjänstgörande ersättare", default=None
    )


@model(title="Yrkande")
class Proposal:
    """A yrkande made at the meeting."""

    by: str = field("av", TEXT, "vem som yrkade, t.ex. Karin Rågsjö (V)")
    text: str = field("text", TEXT, "yrkandet")


@model(title="Omröstning")
class Vote:
    """A vote: how many said ja, nej, and abstained."""

    yes: int = field("ja", COUNT, "röster för ordförandens förslag")
    no: int = field("nej", COUNT, "röster mot")
    abstained: int = field("avstår", COUNT, "de som avstod", default=0)
    text: str | None = field(
        "text", OPTIONAL_TEXT, "vad omröstningen gällde", default=None
    )


@model(title="Reservation eller protokollsanteckning")
class Statement:
    """A reservation or protokollsanteckning, by whom and (optionally) why."""

    by: str = field("av", TEXT, "vem, t.ex. Vänsterpartiets ledamöter")
    text: str | None = field("text", OPTIONAL_TEXT, "texten", default=None)


@model(title="Paragraf")
class Outcome:
    """What the nämnd did with one agenda item."""

    decision: str | None = field(
        "beslut",
        Optional(MARKDOWN),
        f"beslutet; för ett ärende annars '{AS_PROPOSED}'",
        default=None,
    )
    proposals: list[Proposal] = field(
        "yrkanden", ListOf(Nested(Proposal)), "yrkanden", factory=list
    )
    vote: Vote | None = field(
        "omröstning", Optional(Nested(Vote)), "omröstning", default=None
    )
    dissents: list[Statement] = field(
        "reservationer", ListOf(Nested(Statement)), "reservationer", factory=list
    )
    notes: list[Statement] = field(
        "protokollsanteckningar",
        ListOf(Nested(Statement)),
        "protokollsanteckningar",
        factory=list,
    )
    send_to: list[str] = field(
        "sänds_till",
        TEXTS,
        "vart utdraget skickas; för ett ärende annars dess beslut_sänds_till",
        factory=list,
    )


@model(title="Protokoll")
class Minutes:
    """Who was there, who checks the protokoll, and each item's decision."""

    members: list[Attendee] = field(
        "ledamöter", ListOf(Nested(Attendee)), "närvarande ledamöter", factory=list
    )
    substitutes: list[Attendee] = field(
        "ersättare", ListOf(Nested(Attendee)), "närvarande ersättare", factory=list
    )
    officials: list[Attendee] = field(
        "tjänstemän", ListOf(Nested(Attendee)), "närvarande tjänstemän", factory=list
    )
    secretary: str | None = field(
        "sekreterare", OPTIONAL_TEXT, "protokollförare", default=None
    )
    adjusters: list[str] = field(
        "justerare", TEXTS, "de som justerar protokollet", factory=list
    )
    adjusted: date | None = field(
        "justering", Optional(DATE), "dag för justering", default=None
    )
    first: int = field(
        "första_paragraf",
        number(True, ge=1, le=100_000),
        "första paragrafnumret för nämndens år, om det inte är 1",
        default=1,
    )
    outcomes: dict[str, Outcome] = field(
        "paragrafer",
        DictOf(Nested(Outcome)),
        "beslut med mera per punktnummer på föredragningslistan",
        factory=dict,
    )
