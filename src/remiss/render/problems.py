"""Problems met while rendering, as diagnostics at the line that caused them."""

from __future__ import annotations

from remiss.errors import Diagnostic, InputError, RemissError, TemplateProblem
from remiss.input.case import CaseResult
from remiss.model.project import Project
from remiss.text.charts import ChartUnavailable


def locate(
    problem: RemissError, result: CaseResult | None, project: Project
) -> list[Diagnostic]:
    """Return the diagnostics of a problem met while rendering, each pointing
    at the line that asked for what failed (the case's `mall:`, its chart, the
    project's `referensdokument:`) where the problem itself has no place."""
    if isinstance(problem, InputError):
        return list(problem.diagnostics)
    if isinstance(problem, TemplateProblem):
        diag = problem.diagnostic
    elif isinstance(problem, ChartUnavailable):
        diag = Diagnostic(
            "", 0, 0, "E720", str(problem), "eller ta bort 'diagram:' ur tabellen"
        )
    else:
        raise problem  # not something a user can cause: a bug, shown as one
    return [_at_asking_line(diag, result, project)]


def _at_asking_line(
    diag: Diagnostic, result: CaseResult | None, project: Project
) -> Diagnostic:
    source, loc = None, None
    loaded = result.loaded if result is not None else None
    case = result.case if result is not None else None
    if diag.code == "E720" and loaded is not None and case is not None:
        source = loaded.source
        charted = [k for k, t in case.statistics.items() if t.chart]
        loc = ("statistik", charted[0], "diagram") if charted else ("statistik",)
    elif diag.code == "T001" and loaded is not None and diag.line == 0:
        if ("mall",) in loaded.source.values:
            source, loc = loaded.source, ("mall",)
    elif diag.code == "T010" and project.source is not None:
        source, loc = project.source, ("referensdokument",)
    if source is None or loc is None:
        return diag
    return source.diagnostic(loc, diag.code, diag.message, diag.hint)
