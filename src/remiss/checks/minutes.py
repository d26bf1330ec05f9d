"""Checks of a meeting's protokoll: decisions, dates, decided cases."""

from __future__ import annotations

from remiss.errors import WARNING, Diagnostic
from remiss.model.case import Case
from remiss.model.meeting import Meeting
from remiss.model.minutes import AS_PROPOSED
from remiss.sourcemap import SourceMap


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".")


def minutes_checks(
    meeting: Meeting,
    items: list[tuple[str, str, Case | None]],
    source: SourceMap,
) -> list[Diagnostic]:
    """Return what is wrong with the meeting's `protokoll:`.

    items: each agenda item that gets a § (number, kind, its case if any)."""
    minutes = meeting.minutes
    if minutes is None:
        return []
    out: list[Diagnostic] = []
    numbers = {number for number, _, _ in items}
    for key in minutes.outcomes:
        if key not in numbers:
            out.append(
                source.diagnostic(
                    ("protokoll", "paragrafer", key),
                    "E926",
                    f"det finns ingen punkt {key} på föredragningslistan",
                    "ange punktens nummer som det står i föredragningslistan, "
                    f"t.ex. '{sorted(numbers)[0] if numbers else '1'}'",
                    key=True,
                )
            )
    for number, kind, case in items:
        outcome = minutes.outcomes.get(number)
        decision = outcome.decision if outcome is not None else None
        if kind != "ärende" and not (decision and decision.strip()):
            loc = ("protokoll", "paragrafer", number) if outcome else ("protokoll",)
            out.append(
                source.diagnostic(
                    loc,
                    "E921",
                    f"punkt {number} saknar beslut i protokollet",
                    f"skriv under protokoll: paragrafer: '{number}': beslut: vad "
                    "nämnden beslutade, t.ex. 'Föredragningslistan godkänns.'",
                    key=outcome is not None,
                )
            )
        if (
            case is not None
            and case.status == "beslutad"
            and decision
            and _plain(decision) != _plain(AS_PROPOSED)
            and _plain(decision) not in {_plain(d) for _, d in case.decision_texts}
        ):
            out.append(
                source.diagnostic(
                    ("protokoll", "paragrafer", number, "beslut"),
                    "W924",
                    f"punkt {number}: beslutet i protokollet är inte förslaget i "
                    "ärendet, som har status beslutad",
                    "ändra ärendets förslag till beslut så att det stämmer med "
                    "protokollet, eller rätta protokollet",
                    severity=WARNING,
                )
            )
    if minutes.adjusted is not None and minutes.adjusted < meeting.date:
        out.append(
            source.diagnostic(
                ("protokoll", "justering"),
                "E923",
                f"justeringen ({minutes.adjusted.isoformat()}) är före sammanträdet "
                f"({meeting.date.isoformat()})",
                "ange dagen då protokollet justeras, samma dag som sammanträdet "
                "eller senare",
            )
        )
    return out
