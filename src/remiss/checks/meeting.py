"""Checks of a case as an item on a meeting's agenda."""

from __future__ import annotations

from typing import Any

from remiss.errors import WARNING, Diagnostic
from remiss.model.case import Case
from remiss.model.meeting import Meeting
from remiss.sourcemap import SourceMap


def item_checks(
    meeting: Meeting, case: Case, loc: tuple[Any, ...], raw: str, source: SourceMap
) -> list[Diagnostic]:
    """Return what is wrong with `case` on this meeting's agenda (at `loc`)."""
    out: list[Diagnostic] = []
    if case.committee != meeting.committee:
        out.append(
            source.diagnostic(
                (*loc, "ärende"),
                "E305",
                f"ärendet '{raw}' går till {case.committee}, men sammanträdet är "
                f"{meeting.committee}s",
                "kontrollera 'nämnd:' i ärendet eller flytta punkten till rätt "
                "sammanträde",
            )
        )
    if (
        case.referral
        and case.referral.reply_by
        and case.referral.reply_by < (meeting.date)
    ):
        out.append(
            source.diagnostic(
                (*loc, "ärende"),
                "W301",
                f"remissvaret '{raw}' ska vara inne {case.referral.reply_by}, före "
                f"sammanträdet {meeting.date}",
                "begär anstånd hos remissinstansen eller ta upp ärendet på ett "
                "tidigare sammanträde",
                severity=WARNING,
            )
        )
    return out
