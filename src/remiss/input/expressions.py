"""Figures in case texts, evaluated over the case's tables.

A figure typed in three places is out of date in one of them. Case texts may
therefore write `{{ statistik.lagenheter.summa | tal }}` or
`{{ andel(statistik.lagenheter["Innerstaden"], statistik.lagenheter.summa, 1) }}`;
such expressions are read by a small parser of their own (expression_parse)
and evaluated within a counted budget (expression_eval) that reaches the
case's tables and nothing else. Every other `{{ … }}` in a text stays as typed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from remiss.errors import ERROR, Diagnostic
from remiss.input.expression_eval import MAX_STEPS, evaluate
from remiss.input.expression_parse import (
    MAX_EXPRESSION,
    ExpressionError,
    Node,
    parse,
    tokenize,
    variables,
)
from remiss.model.case import Case
from remiss.model.schema import replace
from remiss.model.tables import EXPRESSION, TableView, table_views
from remiss.sourcemap import SourceMap

__all__ = [
    "MAX_EXPRESSION",
    "NAMES",
    "ExpressionError",
    "evaluate_case",
    "evaluate_expression",
    "evaluate_text",
    "wants_evaluation",
]

# -- expressions in case texts ------------------------------------------------

_EXPRESSION = EXPRESSION


NAMES = {"statistik", "andel", "tal", "procent"}


@dataclass(frozen=True)
class _Reading:
    """An expression read once: whether it is a figure, and its tree or error."""

    wanted: bool
    tree: Node | None
    error: tuple[int, str, str, str] | None  # offset, message, hint, code


@functools.lru_cache(maxsize=1024)
def _read(expression: str) -> _Reading:
    """Tokenize and parse an expression once; texts repeat their expressions."""
    try:
        tokens = tokenize(expression)
    except ExpressionError as exc:
        # Unreadable: a figure only if it mentions the tables at all.
        return _Reading("statistik" in expression, None, _fault(exc))
    names = variables(tokens)
    try:
        tree = parse(expression, tokens)
    except ExpressionError as exc:
        return _Reading("statistik" in names, None, _fault(exc))
    return _Reading("statistik" in names and names <= NAMES, tree, None)


def _fault(exc: ExpressionError) -> tuple[int, str, str, str]:
    return exc.offset, exc.message, exc.hint, exc.code


def wants_evaluation(expression: str) -> bool:
    """Return whether a `{{ … }}` in a text is a statistics expression."""
    return _read(expression).wanted


def evaluate_expression(
    expression: str, tables: dict[str, TableView], max_steps: int = MAX_STEPS
) -> tuple[str, int]:
    """Return the text of one expression (between the braces) and its steps.

    Raises ExpressionError with the offset of the problem in `expression`.
    """
    reading = _read(expression)
    if reading.tree is None:
        assert reading.error is not None
        raise ExpressionError(*reading.error)
    return evaluate(reading.tree, tables, max_steps)


def evaluate_text(text: str, tables: dict[str, TableView]) -> str:
    """Return text with its statistics expressions replaced by their values.

    Raises the first ExpressionError; its offset is where the expression's
    `{{` is in `text`.
    """
    value, errors = _substitute(text, tables)
    if errors:
        raise errors[0]
    return value


def _substitute(
    text: str, tables: dict[str, TableView]
) -> tuple[str, list[ExpressionError]]:
    """Return text with its expressions evaluated, and every expression's error."""
    errors: list[ExpressionError] = []

    def replace(match: re.Match[str]) -> str:
        expression = match.group(1)
        if not wants_evaluation(expression):
            return match.group(0)
        try:
            return evaluate_expression(expression, tables)[0]
        except ExpressionError as exc:
            errors.append(
                ExpressionError(match.start(), exc.message, exc.hint, exc.code)
            )
            return match.group(0)

    return _EXPRESSION.sub(replace, text), errors


def evaluate_case(case: Case, source: SourceMap) -> tuple[Case, list[Diagnostic]]:
    """Return the case with its texts' statistics expressions evaluated."""
    from remiss.checks.positions import markdown_fields, text_diagnostic

    tables = table_views(case)
    problems: list[Diagnostic] = []
    updates: dict[str, Any] = {}
    sections = [s for s in case.sections]
    for loc, text in markdown_fields(case):
        if "{{" not in text:
            continue
        value, errors = _substitute(text, tables)
        problems.extend(
            text_diagnostic(
                source, loc, text, exc.offset, exc.code, exc.message, exc.hint, ERROR
            )
            for exc in errors
        )
        if errors:
            continue
        if loc[0] == "avsnitt":
            index = loc[1]
            sections[index] = replace(sections[index], text=value)
        else:
            field = _FIELD_NAMES[loc[0]]
            updates[field] = value
    if sections != list(case.sections):
        updates["sections"] = sections
    return (replace(case, **updates) if updates else case), problems


_FIELD_NAMES = {
    "sammanfattning": "summary",
    "bakgrund": "background",
    "ärendet": "matter",
    "beredning": "preparation",
    "synpunkter": "views",
}
