"""A meeting as HTML pages: the agenda linking its items, every case's page,
and all of it on one page.

The agenda's Markdown is rendered once more for each page with links: to the
case pages beside it, or to the sections of the combined page. The Markdown
and Word agenda have no links, so they are as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from remiss.blocks import Document
from remiss.html import PageInfo, Part, render_page, render_parts
from remiss.input.meeting import MeetingResult
from remiss.model.case import Case
from remiss.text.parse import parse_document

COMBINED_SUFFIX = "-handlingar"

Nav = tuple[tuple[str, str], ...]


@dataclass
class CasePage:
    """One case of the agenda as the HTML pages need it."""

    path: Path
    case: Case
    stem: str
    doc: Document
    info: PageInfo
    assets: dict[str, bytes] = field(default_factory=dict)
    own_page: bool = True  # made here, not by the case's own job


@dataclass(frozen=True)
class Links:
    """Where the agenda's items link to, by case file."""

    items: dict[Path, str]
    pdf: dict[Path, str] = field(default_factory=dict)


def agenda_page_info(result: MeetingResult) -> PageInfo:
    meeting = result.meeting
    assert meeting is not None
    return PageInfo(
        title=f"{meeting.title} {meeting.committee} {meeting.date.isoformat()}",
        doc_type=meeting.title,
        reference=meeting.reference or "",
        date=meeting.date.isoformat(),
        committee=meeting.committee,
        administration=meeting.administration or meeting.committee,
    )


def page_links(cases: list[CasePage], pdf: bool) -> Links:
    """Return the agenda's links to the case pages (and PDFs) beside it."""
    return Links(
        {c.path: f"{c.stem}.html" for c in cases},
        {c.path: f"{c.stem}.pdf" for c in cases} if pdf else {},
    )


def section_links(cases: list[CasePage]) -> Links:
    """Return the combined page's links from the agenda to its sections."""
    return Links({c.path: f"#handling-{i}" for i, c in enumerate(cases, 1)})


def html_outputs(
    stem: str,
    info: PageInfo,
    agenda_linked: str,
    agenda_sections: str,
    cases: list[CasePage],
    *,
    pdf: bool,
    nav: Nav = (),
) -> dict[str, bytes]:
    """Return the agenda page, each case's page and the combined page.

    agenda_linked and agenda_sections are the agenda's Markdown with links
    to the case pages and to the combined page's sections.
    """
    agenda_nav: Nav = (*nav, ("Samtliga handlingar", f"{stem}{COMBINED_SUFFIX}.html"))
    if pdf:
        agenda_nav += (
            ("Föredragningslistan som PDF", f"{stem}.pdf"),
            ("Samtliga handlingar som PDF", f"{stem}{COMBINED_SUFFIX}.pdf"),
        )
    back: Nav = (*nav, ("Föredragningslistan", f"{stem}.html"))
    out = {
        f"{stem}.html": render_page(parse_document(agenda_linked), info, nav=agenda_nav)
    }
    for case in cases:
        if case.own_page:
            own: Nav = back + (
                (("Ärendet som PDF", f"{case.stem}.pdf"),) if pdf else ()
            )
            out[f"{case.stem}.html"] = render_page(
                case.doc, case.info, case.assets, own
            )
    parts = [Part(parse_document(agenda_sections), info)]
    parts += [
        Part(c.doc, c.info, f"handling-{i}", c.assets) for i, c in enumerate(cases, 1)
    ]
    combined = PageInfo(
        title=f"{info.title}, samtliga handlingar",
        doc_type=info.doc_type,
        reference=info.reference,
        date=info.date,
        committee=info.committee,
        administration=info.administration,
    )
    out[f"{stem}{COMBINED_SUFFIX}.html"] = render_parts(parts, combined, back)
    return out
