"""Checks: what can be said about a valid case beyond its schema.

Every check is a function of the case as typed, its source map and the
project, returning located diagnostics; it raises nothing and writes
nothing. To add one, write it in a module here and name it in CASE_CHECKS:
`remiss check` runs them all. Checks that decide whether a case can be
rendered at all (E107–E110) are in `structure` and run while loading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from remiss.errors import Diagnostic
    from remiss.model.case import Case
    from remiss.model.project import Project
    from remiss.sourcemap import SourceMap

CaseCheck = Callable[["Case", "SourceMap", "Project"], "list[Diagnostic]"]


def _registry() -> tuple[CaseCheck, ...]:
    from remiss.checks.accessibility import accessibility
    from remiss.checks.placeholders import placeholders
    from remiss.checks.plain_language import plain_language
    from remiss.checks.statistics import consistency

    return (
        placeholders,
        lambda case, source, project: accessibility(case, source),
        lambda case, source, project: consistency(case, source),
        plain_language,
    )


def case_checks() -> tuple[CaseCheck, ...]:
    """Return the checks `remiss check` runs on every valid case."""
    return _registry()
