"""Checks of a case as an item on a meeting's agenda."""

from __future__ import annotations

from typing import Any

from remiss.errors import WARNING, Diagnostic
from remiss.formatting import invisible_note
from remiss.model.case import Case
from remiss.model.meeting import Meeting
from remiss.sourcemap import SourceMap


def item_checks(
    meeting: Meeting, case: Case, loc: tuple[Any, ...], raw: str, source: SourceMap
) -> list[Diagnostic]:
    """Return what is wrong with `case` on this meeting's agenda (at `loc`)."""
    out: list[Diagnostic] = []
    if case.committee != meeting.committee:
        # Names that look alike may differ by a character no one can see.
        notes = [
            f"'{name}' {note}"
            for name in (case.committee, meeting.committee)
            if (note := invisible_note(name))
        ]
        out.append(
            source.diagnostic(
                (*loc, "ärende"),
                "E305",
                f"ärendet '{raw}' går till {case.committee}, men sammanträdet är "
                f"{meeting.committee}s" + "".join(f"; {n}" for n in notes),
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
    if case.status == "utkast":
        out.append(
            source.diagnostic(
                (*loc, "ärende"),
                "W302",
                f"ärendet '{raw}' är fortfarande ett utkast",
                "skriv 'status: klar' i ärendet när det är färdigt; till dess är "
                "punkten markerad som utkast på föredragningslistan",
                severity=WARNING,
            )
        )
    if case.meeting is not None and case.meeting != meeting.date:
        out.append(
            source.diagnostic(
                (*loc, "ärende"),
                "W303",
                f"ärendet '{raw}' är skrivet för sammanträdet {case.meeting}, men "
                f"det här sammanträdet är {meeting.date}",
                "ändra 'sammanträde:' i ärendet, eller flytta punkten till rätt "
                "sammanträde",
                severity=WARNING,
            )
        )
    return out
