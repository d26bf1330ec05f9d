"""A meeting's outputs: the agenda, every case's document, one combined file.

Public builds are made here too: a confidential item becomes a neutral line,
and nothing of its case reaches any public output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.blocks import Document
from remiss.docx.reference import load_reference
from remiss.docx.writer import DocProperties, Section, write_sections
from remiss.errors import Diagnostic, RemissError
from remiss.formatting import confidential_marking, name_list, safe_name
from remiss.input.case import CaseResult
from remiss.input.meeting import AgendaEntry, MeetingResult
from remiss.model.case import HEADINGS, Case, Person
from remiss.model.meeting import NEUTRAL_TITLE
from remiss.model.project import Project
from remiss.render.case import (
    Prepared,
    doc_properties,
    locate_reference,
    page_info,
    reference_path,
    reference_warnings,
    render_markdown,
)
from remiss.render.combined import (
    COMBINED_PDF_SUFFIX,
    CombinedPdf,
    PdfPart,
    attachment_parts,
    handling_docx,
    item_heading,
    item_marked,
)
from remiss.render.meeting_html import (
    COMBINED_SUFFIX,
    CasePage,
    Links,
    Nav,
    agenda_page_info,
    html_outputs,
    page_links,
    section_links,
)
from remiss.render.meetingdoc import meeting_front_matter, meeting_properties
from remiss.render.minutes import render_minutes
from remiss.render.problems import locate
from remiss.sourcemap import SourceMap
from remiss.text.context import OFFICER_ROLE
from remiss.text.parse import parse_document
from remiss.text.templates import get_template, render_template, template_dirs


def _entry_context(
    entry: AgendaEntry, public: bool, links: Links | None = None
) -> dict[str, Any]:
    hidden = public and entry.confidential
    ctx: dict[str, Any] = {
        "nummer": entry.number,
        "typ": entry.kind,
        "fristående": entry.standing,  # a category of its own, without items
        "sekretess": entry.confidential,
        # The internal agenda marks a confidential item; the public one shows
        # it only by its neutral heading.
        "sekretessmarkering": _marking(entry)
        if entry.confidential and not public
        else None,
        "rubrik": entry.public_title or NEUTRAL_TITLE if hidden else entry.title,
        "anteckning": None if hidden else entry.note,
        "underrubrik": None if hidden else entry.subtitle,
        "diarienummer": None if hidden else entry.reference,
        "handläggare": [],
        "handläggarrader": [],
        "ställningstagande": None,
        "förslag_till_beslut": [],
        "beslutsgrupper": [],
        "rubrik_förslag": HEADINGS["förslag_till_beslut"],
        "utkast": False,
        "underpunkter": [_entry_context(c, public, links) for c in entry.children],
        "länk": None,
        "pdf": None,
    }
    case = entry.case
    if case is not None and not hidden:
        ctx.update(
            rubrik=case.title,
            underrubrik=case.subtitle,
            diarienummer=case.reference,
            handläggare=[p.name for p in case.officers],
            handläggarrader=_people_lines(case.officers),
            ställningstagande=case.stance_text,
            förslag_till_beslut=[text for _, text in case.decision_texts],
            beslutsgrupper=[
                {"rubrik": heading, "beslut": decisions}
                for heading, decisions in case.decision_groups
            ],
            rubrik_förslag=case.headings.decisions,
            status=case.status,
            utkast=case.status == "utkast",
        )
        if links is not None and entry.case_path is not None:
            ctx["länk"] = links.items.get(entry.case_path)
            ctx["pdf"] = links.pdf.get(entry.case_path)
    return ctx


def _people_lines(people: list[Person]) -> list[str]:
    """Return "Handläggare: A och B", one line per role, in order of first
    appearance."""
    by_role: dict[str, list[str]] = {}
    for person in people:
        by_role.setdefault(person.role or OFFICER_ROLE, []).append(person.name)
    return [f"{role}: {name_list(names)}" for role, names in by_role.items()]


def _marking(entry: AgendaEntry) -> str:
    case = entry.case
    ground = case.confidential.ground if case and case.confidential else None
    return confidential_marking(ground or entry.ground)


def agenda_context(
    result: MeetingResult, public: bool, links: Links | None = None
) -> dict[str, Any]:
    """Return the variables the agenda template sees (see README); links
    (HTML only) say where each item's `länk` and `pdf` point."""
    meeting = result.meeting
    assert meeting is not None
    ctx = {
        "nämnd": meeting.committee,
        "datum": meeting.date,
        "tid": meeting.time,
        "plats": meeting.place,
        "rubrik": meeting.title,
        "diarienummer": meeting.reference,
        "förvaltning": meeting.administration,
        "offentlig": public,
        "punkter": [_entry_context(e, public, links) for e in result.entries],
    }
    ctx["front_matter"] = meeting_front_matter(
        meeting,
        f"{meeting.title} {meeting.committee} {meeting.date}",
        public,
        (
            ("tid", meeting.time),
            ("plats", meeting.place),
            ("diarienummer", meeting.reference),
        ),
    )
    return ctx


def agenda_properties(
    result: MeetingResult, project: Project | None = None
) -> DocProperties:
    meeting = result.meeting
    assert meeting is not None
    return meeting_properties(meeting, meeting.title, meeting.reference or "", project)


@dataclass
class MeetingOutputs:
    """Outputs by file name, and the files they were made from."""

    outputs: dict[str, bytes] = field(default_factory=dict)
    inputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False  # a case it includes could not be rendered
    combined_pdf: CombinedPdf | None = None  # with "pdf": what to join


def included_cases(
    result: MeetingResult, public: bool
) -> list[tuple[AgendaEntry, Case]]:
    """Return the agenda's cases in order, without confidential ones when public."""
    out = []
    for entry in result.case_entries():
        if entry.case is None:
            continue
        if public and entry.confidential:
            continue
        out.append((entry, entry.case))
    return out


def render_meeting(
    result: MeetingResult,
    project: Project,
    formats: tuple[str, ...],
    *,
    public: bool = False,
    built_elsewhere: frozenset[Path] = frozenset(),
    nav: Nav = (),
    prepared: Mapping[Path, Prepared] | None = None,
) -> MeetingOutputs:
    """Return the agenda, the case documents and the combined document.

    Cases in `built_elsewhere` are built by their own job in the same run:
    their documents are not made again here, only their sections of the
    combined document: from the document that job parsed when `prepared`
    has it (by case path), else rendered and parsed here. With "pdf" among
    the formats the HTML agenda links to the PDFs the build makes beside it;
    `nav` are links above every HTML page (e.g. back to a published site's
    index).
    """
    prepared = prepared or {}
    meeting = result.meeting
    assert meeting is not None
    out = MeetingOutputs()
    dirs = template_dirs(project.root)
    template = get_template(dirs, meeting.template)
    agenda_md = render_template(template, agenda_context(result, public))
    stem = safe_name(result.path.stem)
    if template.filename:
        out.inputs.append(Path(template.filename))
    if "md" in formats:
        out.outputs[f"{stem}.md"] = agenda_md.encode("utf-8")
    sections: list[Section] = []
    assets: dict[str, bytes] = {}
    written: list[Diagnostic] = []  # the writer's warnings, said once below
    agenda_props = agenda_properties(result, project)
    if "docx" in formats:
        sections.append(Section(parse_document(agenda_md), agenda_props))
    html_cases: list[CasePage] = []
    plan = (
        CombinedPdf(
            f"{stem}{COMBINED_PDF_SUFFIX}", agenda_props.title, meeting.date.isoformat()
        )
        if "pdf" in formats and "docx" in formats
        else None
    )
    for entry, case in included_cases(result, public):
        assert entry.case_path is not None
        with_cases = entry.case_path not in built_elsewhere
        out.inputs.append(entry.case_path)
        if not with_cases and "docx" not in formats and "html" not in formats:
            continue  # nothing of this case is made here
        case_stem = safe_name(entry.case_path.stem)
        ready = prepared.get(entry.case_path)
        document: Document | None = None
        if ready is not None and ready.stem == case_stem and not with_cases:
            document, used, case_assets = (
                ready.document,
                list(ready.templates),
                ready.assets,
            )
            case_md = ""
        else:
            try:
                case_md, used, case_assets = render_markdown(case, project, case_stem)
            except RemissError as problem:
                # Said at the case's own line, as rendering the case alone does.
                out.diagnostics.extend(locate(problem, _loaded(result, entry), project))
                out.failed = True
                continue
        assets.update(case_assets)
        out.inputs.extend(used)
        if "md" in formats and with_cases:
            out.outputs[f"{case_stem}.md"] = case_md.encode("utf-8")
            out.outputs.update(case_assets)
        case_doc = Document()
        if "docx" in formats or "html" in formats:
            case_doc = document if document is not None else parse_document(case_md)
        if "html" in formats:
            html_cases.append(
                CasePage(
                    entry.case_path,
                    case,
                    case_stem,
                    case_doc,
                    page_info(case),
                    case_assets,
                    with_cases,
                )
            )
        if "docx" in formats:
            reference = load_reference(reference_path(project))
            item = doc_properties(case, project, entry.number)
            item_doc = item_marked(case_doc, reference, entry.number)
            sections.append(Section(item_doc, item))
            # Its own document, and its part of the combined PDF, in the
            # case's own look (a template may have one); the combined .docx
            # is one document in the meeting's.
            own_path = reference_path(project, case.template)
            own_reference = load_reference(own_path)
            out.inputs.append(own_path)
            if with_cases:
                own = doc_properties(case, project)
                data, warnings = write_sections(
                    [Section(case_doc, own)], own, own_reference, assets=case_assets
                )
                out.outputs[f"{case_stem}.docx"] = data
                written.extend(warnings)
            if plan is not None:
                part = item_marked(case_doc, own_reference, entry.number)
                plan.parts.append(
                    PdfPart(
                        item_heading(entry.number, case.title),
                        0,
                        docx=handling_docx(part, item, own_reference, case_assets),
                    )
                )
                plan.parts.extend(
                    attachment_parts(case, entry.case_path, _source_of(result, entry))
                )
    if out.failed:
        return out
    if "html" in formats:
        pdf = "pdf" in formats
        out.outputs.update(
            html_outputs(
                stem,
                agenda_page_info(result),
                render_template(
                    template,
                    agenda_context(result, public, page_links(html_cases, pdf)),
                ),
                render_template(
                    template, agenda_context(result, public, section_links(html_cases))
                ),
                html_cases,
                pdf=pdf,
                nav=nav,
            )
        )
    if "docx" in formats:
        reference = load_reference(reference_path(project))
        out.diagnostics.extend(reference_warnings(project, reference))
        out.inputs.append(reference_path(project))
        data, warnings = write_sections(sections[:1], agenda_props, reference)
        out.outputs[f"{stem}.docx"] = data
        if plan is not None:
            plan.parts.insert(0, PdfPart(meeting.title, 0, docx=data))
            out.combined_pdf = plan
        combined, more = write_sections(
            sections, agenda_props, reference, assets=assets
        )
        out.outputs[f"{stem}{COMBINED_SUFFIX}.docx"] = combined
        written.extend(warnings + more)
        out.diagnostics.extend(locate_reference(project, dict.fromkeys(written)))
    minutes = render_minutes(result, project, formats, public)
    out.outputs.update(minutes.outputs)
    out.inputs.extend(minutes.inputs)
    out.diagnostics.extend(minutes.diagnostics)
    if any(d.is_error for d in minutes.diagnostics):
        out.failed = True  # a protokoll with wrong § numbers is not written
    out.inputs.append(result.path)
    if project.file is not None:
        out.inputs.append(project.file)
    return out


def _source_of(result: MeetingResult, entry: AgendaEntry) -> SourceMap | None:
    """Return the source map of the case an agenda item names, if loaded."""
    loaded = _loaded(result, entry)
    return loaded.loaded.source if loaded and loaded.loaded else None


def _loaded(result: MeetingResult, entry: AgendaEntry) -> CaseResult | None:
    wanted = entry.case_path.resolve() if entry.case_path else None
    return next((c for c in result.cases if c.path.resolve() == wanted), None)
