"""One case from file to outputs: load, render Markdown, build the .docx."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remiss.blocks import Document
from remiss.docx.reference import Reference, load_reference
from remiss.docx.writer import DocProperties, write_docx
from remiss.errors import Diagnostic
from remiss.formatting import confidential_marking
from remiss.html import PageInfo, render_page
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.resources import BUILTIN_LOOKS, BUILTIN_TEMPLATES, TEMPLATE_LOOKS
from remiss.text.context import case_context
from remiss.text.parse import parse_document
from remiss.text.templates import (
    TEMPLATE_SUFFIX,
    get_template,
    render_template,
    template_dirs,
)

BUILTIN_REFERENCE = BUILTIN_TEMPLATES / "reference.docx"


@dataclass(frozen=True)
class Prepared:
    """A case's parsed document and charts, made for the case's own Word
    document, that a meeting's combined document can use instead of
    rendering and parsing the same Markdown again."""

    stem: str
    document: Document
    assets: dict[str, bytes]
    templates: tuple[Path, ...]


def reference_path(project: Project, template: str | None = None) -> Path:
    """Return the reference document: the one remiss.yaml names, else the
    look of a built-in template that has one (`utlatande`), else standard."""
    if project.reference_docx is not None:
        return project.reference_docx
    look = TEMPLATE_LOOKS.get(template or "")
    return BUILTIN_LOOKS[look] if look else BUILTIN_REFERENCE


def reference_warnings(project: Project, reference: Reference) -> list[Diagnostic]:
    """Return the reference document's own warnings, placed as
    `locate_reference` does."""
    return locate_reference(project, reference.warnings)


def locate_reference(project: Project, found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Point warnings about the reference document (from it or from the
    writer) at remiss.yaml's `referensdokument:` line when the project names
    the document."""
    if project.reference_docx is None or project.source is None:
        return list(found)
    return [
        project.source.diagnostic(
            ("referensdokument",), d.code, d.message, d.hint, severity=d.severity
        )
        for d in found
    ]


def footer_placeholders(project: Project | None) -> dict[str, str]:
    """Return the footer's address and contact lines from remiss.yaml."""
    if project is None:
        return {"adress": "", "kontakt": ""}
    contact = project.config.contact
    return {"adress": contact.address_line(), "kontakt": contact.contact_line()}


def doc_properties(
    case: Case, project: Project | None = None, item: str = ""
) -> DocProperties:
    """Return the .docx properties and header placeholders of a case; a
    confidential case is marked in both (`{{ sekretess }}`, the category);
    `item` is its number on a meeting's agenda, in the meeting's combined
    document."""
    ground = case.confidential.ground if case.confidential is not None else None
    marking = confidential_marking(ground) if case.is_confidential else ""
    return DocProperties(
        title=case.title,
        creator=case.administration,
        date=case.date.isoformat(),
        subject=case.subtitle or "",
        identifier=case.reference,
        keywords=case.committee,
        status=case.status,
        category=marking,
        placeholders={
            "förvaltning": case.administration,
            "avdelning": case.unit or "",
            "dokumenttyp": case.doc_type,
            "diarienummer": case.reference,
            "datum": case.date.isoformat(),
            "nämnd": case.committee,
            "sammanträde": case.meeting.isoformat() if case.meeting else "",
            "rubrik": case.title,
            "underrubrik": case.subtitle or "",
            "handläggare": ", ".join(p.name for p in case.officers),
            "utkast": "UTKAST" if case.status == "utkast" else "",
            "sekretess": marking,
            "punkt": item,
            **footer_placeholders(project),
        },
    )


def page_info(case: Case) -> PageInfo:
    """Return what an HTML page's header and properties say about a case."""
    ground = case.confidential.ground if case.confidential is not None else None
    return PageInfo(
        title=case.title,
        doc_type=case.doc_type,
        reference=case.reference,
        date=case.date.isoformat(),
        committee=case.committee,
        administration=case.administration,
        unit=case.unit or "",
        draft=case.status == "utkast",
        confidential=case.is_confidential,
        confidential_ground=ground or "",
        description=case.subtitle or "",
    )


def render_markdown(
    case: Case,
    project: Project,
    stem: str = "arende",
    extra: dict[str, Any] | None = None,
) -> tuple[str, list[Path], dict[str, bytes]]:
    """Return a case's Markdown, the template it came from, and its charts.

    extra: further template variables (a remissammanställning's)."""
    template = get_template(template_dirs(project.root), case.template)
    assets: dict[str, bytes] = {}
    context = case_context(case, assets, stem)
    context.update(extra or {})
    markdown = render_template(template, context)
    used = [Path(template.filename)] if template.filename else []
    return markdown, used, assets


def render_case(
    case: Case,
    project: Project,
    formats: tuple[str, ...] = ("md", "docx"),
    stem: str = "arende",
) -> tuple[dict[str, bytes], list[Diagnostic], list[Path]]:
    """Return the outputs of a valid case (by suffix, charts by file name).

    Raises TemplateProblem for a bad template and ChartUnavailable when a
    chart is asked for without matplotlib.
    """
    return _render_case(case, project, formats, stem)[:3]


def _render_case(
    case: Case,
    project: Project,
    formats: tuple[str, ...],
    stem: str,
    extra: dict[str, Any] | None = None,
) -> tuple[dict[str, bytes], list[Diagnostic], list[Path], Prepared | None]:
    markdown, used, assets = render_markdown(case, project, stem, extra)
    outputs: dict[str, bytes] = {}
    diagnostics: list[Diagnostic] = []
    prepared = None
    if "md" in formats:
        outputs["md"] = markdown.encode("utf-8")
        outputs.update(assets)
    document = parse_document(markdown) if {"docx", "html"} & set(formats) else None
    if "html" in formats:
        assert document is not None
        outputs["html"] = render_page(document, page_info(case), assets)
    if "docx" in formats:
        assert document is not None
        ref_path = reference_path(project, case.template)
        reference = load_reference(ref_path)
        diagnostics.extend(reference_warnings(project, reference))
        prepared = Prepared(stem, document, assets, tuple(used))
        data, warnings = write_docx(
            document, doc_properties(case, project), reference, assets
        )
        diagnostics.extend(locate_reference(project, warnings))
        outputs["docx"] = data
        used.append(ref_path)
    return outputs, diagnostics, used, prepared


__all__ = ["TEMPLATE_SUFFIX", "Prepared", "page_info", "render_case", "render_markdown"]
