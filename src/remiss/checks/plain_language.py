"""Plain Swedish (klarspråk): LIX per section, long sentences, stiff words and
decisions, as located warnings."""

from __future__ import annotations

from remiss.checks import klarsprak
from remiss.checks.positions import markdown_fields, text_position
from remiss.errors import WARNING, Diagnostic
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.model.schema import dump
from remiss.sourcemap import Path_, SourceMap, format_loc

# LIX is only reported per section for texts this long; fewer words give a
# value that swings with a single long word.
LIX_MIN_WORDS = 40


def plain_language(case: Case, source: SourceMap, project: Project) -> list[Diagnostic]:
    """Return the klarspråk findings of a case."""
    return _analyse(case, source, project)[1]


def lix_report(case: Case, project: Project) -> klarsprak.Report:
    """Return the LIX figures of a case, for the document and each section."""
    if _last is not None and _last[0] is case:
        return _last[1]  # analysed already by plain_language, in `check`
    return _analyse(case, None, project)[0]


_last: tuple[Case, klarsprak.Report] | None = None


def _analyse(
    case: Case, source: SourceMap | None, project: Project
) -> tuple[klarsprak.Report, list[Diagnostic]]:
    """Return the klarspråk report of a case and its findings as diagnostics."""
    settings = project.config.plain_language
    locs: dict[str, Path_] = {format_loc(loc): loc for loc, _ in markdown_fields(case)}
    texts = {format_loc(loc): text for loc, text in markdown_fields(case)}
    decisions = case.decision_texts
    report = klarsprak.analyse(
        texts,
        [text for _, text in decisions],
        case.committee,
        # A decision under a body's own heading speaks in that body's name.
        free={i for i, (loc, _) in enumerate(decisions) if len(loc) > 2},
        lix_limit=settings.lix_limit,
        sentence_limit=settings.sentence_limit,
        extra_words=[dump(w) for w in settings.words] or None,
    )
    global _last
    _last = (case, report)
    out: list[Diagnostic] = []
    if source is None:
        return report, out
    for finding in report.findings:
        if finding.code == klarsprak.W_LIX and (
            report.sections[finding.section].words < LIX_MIN_WORDS
        ):
            continue  # LIX says little about a few sentences
        if finding.section.startswith(klarsprak.DECISIONS_KEY + "["):
            index = int(finding.section[len(klarsprak.DECISIONS_KEY) + 1 : -1])
            loc: Path_ = decisions[index][0]
        else:
            loc = locs.get(finding.section, (finding.section,))
        line, col = text_position(source, loc, finding.line, finding.col)
        out.append(
            Diagnostic(
                source.path,
                line,
                col,
                finding.code,
                f"{format_loc(loc)}: {finding.message}",
                finding.hint,
                WARNING,
                source.line_text(line),
            )
        )
    return report, out
