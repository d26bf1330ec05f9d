"""One case from file to outputs: load, render Markdown, build the .docx."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from remiss.blocks import Document
from remiss.docx.reference import Reference, load_reference
from remiss.docx.writer import DocProperties, write_docx
from remiss.errors import Diagnostic, TemplateProblem
from remiss.formatting import safe_name
from remiss.input.case import CaseResult, load_case
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.resources import BUILTIN_TEMPLATES
from remiss.text.charts import ChartUnavailable
from remiss.text.context import case_context
from remiss.text.parse import parse_document
from remiss.text.templates import (
    TEMPLATE_SUFFIX,
    get_template,
    render_template,
    template_dirs,
)

FORMATS = ("md", "docx", "pdf")


BUILTIN_REFERENCE = BUILTIN_TEMPLATES / "reference.docx"


@dataclass
class Rendered:
    """The outputs of one case (file suffix -> bytes) and what was found."""

    source: Path
    stem: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)

    # The parsed document, for a meeting that shows this case (see Prepared).
    prepared: Prepared | None = None

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@dataclass(frozen=True)
class Prepared:
    """A case's parsed document and charts, made for the case's own Word
    document, that a meeting's combined document can use instead of
    rendering and parsing the same Markdown again."""

    stem: str
    document: Document
    assets: dict[str, bytes]
    templates: tuple[Path, ...]


def reference_path(project: Project) -> Path:
    return project.reference_docx or BUILTIN_REFERENCE


def reference_warnings(project: Project, reference: Reference) -> list[Diagnostic]:
    """Return the reference document's warnings, pointing at remiss.yaml's
    `referensdokument:` line when the project names the document."""
    if project.reference_docx is None or project.source is None:
        return list(reference.warnings)
    return [
        project.source.diagnostic(
            ("referensdokument",), d.code, d.message, d.hint, severity=d.severity
        )
        for d in reference.warnings
    ]


def doc_properties(case: Case) -> DocProperties:
    """Return the .docx properties and header placeholders of a case."""
    return DocProperties(
        title=case.title,
        creator=case.administration,
        date=case.date.isoformat(),
        subject=case.subtitle or "",
        identifier=case.reference,
        keywords=case.committee,
        status=case.status,
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
        },
    )


def render_markdown(
    case: Case, project: Project, stem: str = "arende"
) -> tuple[str, list[Path], dict[str, bytes]]:
    """Return a case's Markdown, the template it came from, and its charts."""
    template = get_template(template_dirs(project.root), case.template)
    assets: dict[str, bytes] = {}
    markdown = render_template(template, case_context(case, assets, stem))
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
    case: Case, project: Project, formats: tuple[str, ...], stem: str
) -> tuple[dict[str, bytes], list[Diagnostic], list[Path], Prepared | None]:
    markdown, used, assets = render_markdown(case, project, stem)
    outputs: dict[str, bytes] = {}
    diagnostics: list[Diagnostic] = []
    prepared = None
    if "md" in formats:
        outputs["md"] = markdown.encode("utf-8")
        outputs.update(assets)
    if "docx" in formats:
        ref_path = reference_path(project)
        reference = load_reference(ref_path)
        diagnostics.extend(reference_warnings(project, reference))
        document = parse_document(markdown)
        prepared = Prepared(stem, document, assets, tuple(used))
        data, warnings = write_docx(document, doc_properties(case), reference, assets)
        diagnostics.extend(warnings)
        outputs["docx"] = data
        used.append(ref_path)
    return outputs, diagnostics, used, prepared


def render_file(
    path: Path, project: Project, formats: tuple[str, ...] = ("md", "docx")
) -> Rendered:
    """Load and render one case file; every problem ends up in diagnostics."""
    return render_loaded(load_case(path, project), project, formats)


def render_loaded(
    result: CaseResult, project: Project, formats: tuple[str, ...] = ("md", "docx")
) -> Rendered:
    """Render a loaded case; a template or chart problem becomes a diagnostic
    pointing at the line that asked for it."""
    path = result.path
    rendered = Rendered(
        path, safe_name(path.stem), diagnostics=list(result.diagnostics)
    )
    if result.case is None:
        return rendered
    try:
        outputs, diagnostics, used, rendered.prepared = _render_case(
            result.case, project, formats, rendered.stem
        )
    except (TemplateProblem, ChartUnavailable) as problem:
        rendered.diagnostics.append(_locate(_diagnostic(problem), result, project))
        return rendered
    rendered.outputs = outputs
    rendered.diagnostics.extend(diagnostics)
    rendered.inputs = [path, *used]
    if project.file is not None:
        rendered.inputs.append(project.file)
    return rendered


def _diagnostic(problem: TemplateProblem | ChartUnavailable) -> Diagnostic:
    if isinstance(problem, TemplateProblem):
        return problem.diagnostic
    return Diagnostic(
        "", 0, 0, "E720", str(problem), "eller ta bort 'diagram:' ur tabellen"
    )


def _locate(diag: Diagnostic, result: CaseResult, project: Project) -> Diagnostic:
    """Point a missing template, reference document or chart library at the
    line that asked for it."""
    source, loc = None, None
    if diag.code == "E720" and result.loaded is not None and result.case is not None:
        source = result.loaded.source
        charted = [k for k, t in result.case.statistics.items() if t.chart]
        loc = ("statistik", charted[0], "diagram") if charted else ("statistik",)
    elif diag.code == "T001" and result.loaded is not None:
        if ("mall",) in result.loaded.source.values:
            source, loc = result.loaded.source, ("mall",)
    elif diag.code == "T010" and project.source is not None:
        source, loc = project.source, ("referensdokument",)
    if source is None or loc is None:
        return diag
    found = source.diagnostic(loc, diag.code, diag.message, diag.hint)
    return found


__all__ = ["FORMATS", "TEMPLATE_SUFFIX", "Rendered", "render_case", "render_file"]
