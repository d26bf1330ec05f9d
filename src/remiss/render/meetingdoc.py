"""Document properties of a meeting's documents: agenda, protokoll, utdrag."""

from __future__ import annotations

from typing import Any

from remiss.docx.writer import DocProperties
from remiss.model.meeting import Meeting
from remiss.model.project import Project
from remiss.render.case import footer_placeholders
from remiss.text.markdown import MdSafe, front_matter


def meeting_properties(
    meeting: Meeting, kind: str, reference: str, project: Project | None = None
) -> DocProperties:
    """Return the .docx properties and header placeholders of one of a
    meeting's documents (`kind`: its title, e.g. Föredragningslista); the
    footer's contact lines come from the project's remiss.yaml."""
    author = meeting.administration or meeting.committee
    return DocProperties(
        title=f"{kind} {meeting.committee} {meeting.date.isoformat()}",
        creator=author,
        date=meeting.date.isoformat(),
        identifier=reference,
        keywords=meeting.committee,
        placeholders={
            "förvaltning": author,
            "avdelning": "",
            "dokumenttyp": kind,
            "diarienummer": reference,
            "datum": meeting.date.isoformat(),
            "nämnd": meeting.committee,
            "sammanträde": meeting.date.isoformat(),
            "rubrik": kind,
            "underrubrik": "",
            "handläggare": "",
            "utkast": "",
            "punkt": "",
            **footer_placeholders(project),
        },
    )


def meeting_front_matter(
    meeting: Meeting,
    title: str,
    public: bool,
    extra: tuple[tuple[str, Any], ...] = (),
) -> MdSafe:
    """Return the YAML front matter of a meeting's Markdown document: its
    title, the nämnd and date, `extra` fields, and which version it is."""
    return front_matter(
        [
            ("title", title),
            ("author", meeting.administration or meeting.committee),
            ("date", meeting.date.isoformat()),
            ("lang", "sv-SE"),
            ("nämnd", meeting.committee),
            ("sammanträde", meeting.date.isoformat()),
            *extra,
            ("version", "offentlig" if public else "intern"),
        ]
    )
