"""`remiss check`: everything that can be said about a file without writing.

Loading and validation errors, template problems, a decided case whose text
changed, accessibility, statistics that do not add up, and plain Swedish
(LIX per section, long sentences, stiff words, decisions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.build.files import read_or_none
from remiss.checks import klarsprak
from remiss.checks.accessibility import accessibility
from remiss.checks.positions import markdown_fields, text_position
from remiss.checks.statistics import consistency
from remiss.docx.reference import load_reference
from remiss.errors import WARNING, Diagnostic, TemplateProblem, display_path
from remiss.formatting import safe_name
from remiss.input.case import load_case
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.model.schema import dump
from remiss.render.case import reference_warnings
from remiss.render.source import Job, JobResult, render_source
from remiss.sourcemap import Path_, SourceMap, format_loc

# LIX is only reported per section for texts this long; fewer words give a
# value that swings with a single long word.
LIX_MIN_WORDS = 40


@dataclass
class FileReport:
    """What check found in one file, and its LIX figures (cases only)."""

    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lix: klarsprak.Report | None = None


def check_file(job: Job, project: Project, out_dir: Path) -> FileReport:
    """Return every finding for one case or meeting file."""
    result = render_source(job, project, ("md",), public=False, keep_case=True)
    report = FileReport(job.path, list(result.diagnostics))
    changed = decided_change(job, result, out_dir, project)
    if changed is not None:
        report.diagnostics.append(changed)
    if job.meeting:
        return report
    loaded = result.case
    if loaded is None or loaded.loaded is None or loaded.typed is None:
        return report
    source = loaded.loaded.source
    typed = loaded.typed
    found = accessibility(typed, source) + consistency(typed, source)
    report.lix, language = plain_language(typed, source, project)
    found += language
    report.diagnostics.extend(sorted(found, key=lambda d: (d.line, d.col, d.code)))
    return report


def reference_findings(project: Project) -> list[Diagnostic]:
    """Return what is wrong with the project's own reference document, if any.

    A style it lacks (W201) or a document that cannot be read (T010) is said
    once, pointing at `referensdokument:` in remiss.yaml.
    """
    if project.reference_docx is None or project.source is None:
        return []
    try:
        reference = load_reference(project.reference_docx)
    except TemplateProblem as problem:
        found = problem.diagnostic
        return [
            project.source.diagnostic(
                ("referensdokument",), found.code, found.message, found.hint
            )
        ]
    return reference_warnings(project, reference)


def plain_language(
    case: Case, source: SourceMap, project: Project
) -> tuple[klarsprak.Report, list[Diagnostic]]:
    """Return the klarspråk report of a case and its findings as diagnostics."""
    settings = project.config.plain_language
    locs: dict[str, Path_] = {format_loc(loc): loc for loc, _ in markdown_fields(case)}
    texts = {format_loc(loc): text for loc, text in markdown_fields(case)}
    report = klarsprak.analyse(
        texts,
        list(case.decisions),
        case.committee,
        lix_limit=settings.lix_limit,
        sentence_limit=settings.sentence_limit,
        extra_words=[dump(w) for w in settings.words] or None,
    )
    out = []
    for finding in report.findings:
        if finding.code == klarsprak.W_LIX and (
            report.sections[finding.section].words < LIX_MIN_WORDS
        ):
            continue  # LIX says little about a few sentences
        if finding.section.startswith(klarsprak.DECISIONS_KEY + "["):
            index = int(finding.section[len(klarsprak.DECISIONS_KEY) + 1 : -1])
            loc: Path_ = (klarsprak.DECISIONS_KEY, index)
        else:
            loc = locs.get(finding.section, (finding.section,))
        line, col = text_position(source, loc, finding.line, finding.col)
        out.append(
            Diagnostic(
                source.path,
                line,
                col,
                finding.code,
                f"{finding.section}: {finding.message}",
                finding.hint,
                WARNING,
                source.line_text(line),
            )
        )
    return report, out


def lix_summary(report: klarsprak.Report) -> str:
    """Return one line with LIX for the document and each section."""
    parts = [
        f"{name} {value.rounded}"
        for name, value in report.sections.items()
        if value.words
    ]
    return f"{report.total}" + (f"; {', '.join(parts)}" if parts else "")


def as_json(report: FileReport) -> dict[str, Any]:
    """Return a file's findings and LIX figures as plain data for JSON."""
    data: dict[str, Any] = {
        "fil": report.path.as_posix(),
        "fynd": [as_json_diagnostic(d) for d in report.diagnostics],
    }
    if report.lix is not None:
        data["lix"] = {
            "dokument": _lix(report.lix.total),
            "avsnitt": {k: _lix(v) for k, v in report.lix.sections.items()},
        }
    return data


def as_json_diagnostic(d: Diagnostic) -> dict[str, Any]:
    """Return one finding as plain data for JSON."""
    return {
        "fil": d.path,
        "rad": d.line,
        "kolumn": d.col,
        "kod": d.code,
        "allvarlighet": "fel" if d.is_error else "varning",
        "meddelande": d.message,
        "tips": d.hint,
    }


def _lix(value: klarsprak.Lix) -> dict[str, Any]:
    return {
        "värde": round(value.value, 1),
        "nivå": value.band,
        "ord": value.words,
        "meningar": value.sentences,
        "långa_ord": value.long_words,
    }


def decided_change(
    job: Job, result: JobResult, out_dir: Path, project: Project
) -> Diagnostic | None:
    """Report a `beslutad` case whose text differs from its last built version.

    The last built Markdown in out_dir is the record of what was decided; when
    it too says `status: "beslutad"` and the text rendered now differs, the
    decided text has been changed.
    """
    if job.meeting:
        return None
    name = f"{safe_name(job.path.stem)}.md"
    new = result.outputs.get(name)
    if new is None or b'\nstatus: "beslutad"\n' not in new:
        return None
    built = read_or_none(out_dir / name)
    if built is None or b'\nstatus: "beslutad"\n' not in built or built == new:
        return None
    loaded = load_case(job.path, project).loaded
    if loaded is None:  # pragma: no cover - the case rendered, so it loaded
        return None
    return loaded.source.diagnostic(
        ("status",),
        "E401",
        f"ärendet är beslutat, men texten skiljer sig från den byggda versionen "
        f"({display_path(out_dir / name)})",
        "ett beslutat ärende ska inte ändras i efterhand; se skillnaden med "
        "'remiss diff', och ändra status om ärendet ska upp igen",
    )


def check_sources(
    files: list[Path], project: Project, out_dir: Path
) -> tuple[list[Diagnostic], list[FileReport]]:
    """Return the project's own findings and every file's."""
    from remiss.render.source import make_jobs

    project_findings = [*project.diagnostics, *reference_findings(project)]
    reports = [
        check_file(job, project, out_dir) for job in make_jobs(files, project.root)
    ]
    return project_findings, reports
