"""A meeting's protokoll and its utdrag: one § per agenda item.

Made with the agenda when the meeting file has `protokoll:` and every item
has its § in the paragraph register (`remiss protokoll` gives the numbers).
In the public version a confidential item keeps its § and a neutral title;
nothing else of it is shown, and it has no public utdrag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.docx.reference import load_reference
from remiss.docx.writer import write_docx
from remiss.errors import WARNING, Diagnostic, display_path
from remiss.formatting import safe_name
from remiss.input.meeting import AgendaEntry, MeetingResult
from remiss.input.register import REGISTER, Register, paragraph_entries
from remiss.model.meeting import NEUTRAL_TITLE
from remiss.model.minutes import AS_PROPOSED, Attendee, Minutes, Outcome
from remiss.model.project import Project
from remiss.render.case import locate_reference, reference_path
from remiss.render.meetingdoc import meeting_front_matter, meeting_properties
from remiss.text.markdown import MdSafe, escape_inline, safe_block
from remiss.text.parse import parse_document
from remiss.text.templates import get_template, render_template, template_dirs

MINUTES_TEMPLATE = "protokoll"
EXTRACT_TEMPLATE = "protokollsutdrag"


@dataclass
class MinutesOutputs:
    outputs: dict[str, bytes] = field(default_factory=dict)
    inputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _person(a: Attendee) -> str:
    name = a.name + (f" ({a.party.upper()})" if a.party else "")
    return name + (f", {a.role}" if a.role else "")


def _paragraph(
    entry: AgendaEntry,
    number: int,
    outcome: Outcome | None,
    committee: str,
    public: bool,
) -> dict[str, Any]:
    hidden = public and entry.confidential
    ctx: dict[str, Any] = {
        "paragraf": number,
        "nummer": entry.number,
        "rubrik": (entry.public_title or NEUTRAL_TITLE) if hidden else entry.title,
        "dold": hidden,
        "sekretess": entry.confidential,
        "diarienummer": None,
        "underrubrik": None,
        "underpunkter": [] if hidden else [c.title for c in entry.children],
        "yrkanden": [],
        "omröstning": None,
        "beslut": "",
        "förslag": [],
        "reservationer": [],
        "protokollsanteckningar": [],
        "sänds_till": [],
    }
    if hidden:
        return ctx
    case = entry.case
    if case is not None:
        ctx.update(
            rubrik=case.title,
            diarienummer=case.reference,
            underrubrik=case.subtitle,
            sänds_till=list(case.send_to),
        )
    own = outcome.decision if outcome is not None else None
    if own is not None and own.strip().casefold() != AS_PROPOSED:
        ctx["beslut"] = safe_block(own)
    elif case is not None:
        ctx["beslut"] = MdSafe(
            f"{escape_inline(committee)} beslutar {AS_PROPOSED}:"
            if case.decisions
            else f"{escape_inline(committee)} beslutar {AS_PROPOSED}."
        )
        ctx["förslag"] = [
            {"rubrik": heading, "beslut": texts}
            for heading, texts in case.decision_groups
        ]
    if outcome is not None:
        ctx["yrkanden"] = [{"av": p.by, "text": p.text} for p in outcome.proposals]
        if outcome.vote is not None:
            v = outcome.vote
            ctx["omröstning"] = {
                "ja": v.yes,
                "nej": v.no,
                "avstår": v.abstained,
                "text": v.text,
            }
        ctx["reservationer"] = [{"av": s.by, "text": s.text} for s in outcome.dissents]
        ctx["protokollsanteckningar"] = [
            {"av": s.by, "text": s.text} for s in outcome.notes
        ]
        if outcome.send_to:
            ctx["sänds_till"] = list(outcome.send_to)
    return ctx


def minutes_context(
    result: MeetingResult, minutes: Minutes, numbers: dict[str, int], public: bool
) -> dict[str, Any]:
    meeting = result.meeting
    assert meeting is not None
    chair = next(
        (m.name for m in minutes.members if (m.role or "").casefold() == "ordförande"),
        None,
    )
    signers = [(minutes.secretary, "Sekreterare")] if minutes.secretary else []
    if chair:
        signers.append((chair, "Ordförande"))
    signers += [(n, "Justerare") for n in minutes.adjusters if n != chair]
    ctx: dict[str, Any] = {
        "nämnd": meeting.committee,
        "datum": meeting.date,
        "tid": meeting.time,
        "plats": meeting.place,
        "diarienummer": meeting.reference,
        "förvaltning": meeting.administration,
        "offentlig": public,
        "närvarande": {
            "ledamöter": [_person(a) for a in minutes.members],
            "ersättare": [_person(a) for a in minutes.substitutes],
            "tjänstemän": [_person(a) for a in minutes.officials],
        },
        "sekreterare": minutes.secretary,
        "justerare": list(minutes.adjusters),
        "justering": minutes.adjusted,
        "underskrifter": signers,
        "paragrafer": [
            _paragraph(
                e,
                numbers[e.number],
                minutes.outcomes.get(e.number),
                meeting.committee,
                public,
            )
            for e in paragraph_entries(result)
        ],
    }
    ctx["front_matter"] = meeting_front_matter(
        meeting, f"Protokoll {meeting.committee} {meeting.date}", public
    )
    return ctx


def render_minutes(
    result: MeetingResult, project: Project, formats: tuple[str, ...], public: bool
) -> MinutesOutputs:
    """Return the protokoll and one utdrag per § (by file name)."""
    out = MinutesOutputs()
    meeting = result.meeting
    if meeting is None or meeting.minutes is None:
        return out
    minutes = meeting.minutes
    register = Register.load(project.root)
    if register.path.exists():
        out.inputs.append(register.path)
    if register.problem is not None:
        out.diagnostics.append(register.diagnostic())
        return out
    source = result.loaded.source if result.loaded is not None else None
    twice = register.duplicates(meeting.committee, meeting.date.year)
    if twice and source is not None:
        out.diagnostics.append(
            source.diagnostic(
                ("protokoll",),
                "E922",
                f"paragrafregistret ger § {', '.join(map(str, twice))} två gånger i "
                f"{meeting.committee}s år {meeting.date.year}",
                f"rätta {REGISTER}: ett nummer får bara avse en punkt (två kloner "
                "kan ha gett samma nummer; ge den senare punkten ett nytt)",
                key=True,
            )
        )
        return out
    numbers = register.numbers_for(result, project.root)
    unnumbered = [
        e.number for e in paragraph_entries(result) if e.number not in numbers
    ]
    if unnumbered:
        if source is not None:
            shown = display_path(result.path)
            out.diagnostics.append(
                source.diagnostic(
                    ("protokoll",),
                    "W925",
                    f"punkt {', '.join(unnumbered)} har inget paragrafnummer än, så "
                    "protokollet skapas inte",
                    f"kör 'remiss protokoll {shown}' för att ge numren och skapa "
                    "protokollet",
                    key=True,
                    severity=WARNING,
                )
            )
        return out
    dirs = template_dirs(project.root)
    stem = safe_name(result.path.stem)
    context = minutes_context(result, minutes, numbers, public)
    reference = load_reference(reference_path(project))
    out.inputs.append(reference_path(project))
    template = get_template(dirs, MINUTES_TEMPLATE)
    if template.filename:
        out.inputs.append(Path(template.filename))
    documents = [
        (f"{stem}-protokoll", render_template(template, context), "Protokoll", "")
    ]
    extract = get_template(dirs, EXTRACT_TEMPLATE)
    if extract.filename:
        out.inputs.append(Path(extract.filename))
    for paragraph in context["paragrafer"]:
        if paragraph["dold"] or (public and paragraph["sekretess"]):
            continue  # a confidential § has no public utdrag
        markdown = render_template(extract, {**context, "p": paragraph})
        documents.append(
            (
                f"{stem}-utdrag-{paragraph['paragraf']}",
                markdown,
                "Protokollsutdrag",
                paragraph["diarienummer"] or "",
            )
        )
    warnings: list[Diagnostic] = []
    for name, markdown, kind, dnr in documents:
        if "md" in formats:
            out.outputs[f"{name}.md"] = markdown.encode("utf-8")
        if "docx" in formats:
            props = meeting_properties(
                meeting, kind, dnr or meeting.reference or "", project
            )
            data, found = write_docx(parse_document(markdown), props, reference, {})
            out.outputs[f"{name}.docx"] = data
            warnings.extend(found)
    out.diagnostics.extend(locate_reference(project, dict.fromkeys(warnings)))
    return out


__all__ = ["REGISTER", "render_minutes"]
