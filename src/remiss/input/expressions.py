"""Figures in case texts, evaluated in a sandbox over the case's tables.

A figure typed in three places is out of date in one of them. Case texts may
therefore write `{{ statistik.lagenheter.summa | tal }}` or
`{{ andel(statistik.lagenheter["Innerstaden"], statistik.lagenheter.summa, 1) }}`;
such expressions are evaluated in a sandbox that sees the case's tables and
nothing else. Every other `{{ … }}` in a text stays as typed."""

from __future__ import annotations

import re
import time
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from remiss import formatting
from remiss.errors import ERROR, Diagnostic
from remiss.model.case import Case
from remiss.model.schema import replace
from remiss.model.tables import TableView, table_views
from remiss.sourcemap import SourceMap

# -- expressions in case texts ------------------------------------------------

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)


NAMES = {"statistik", "andel", "tal", "procent"}


MAX_EXPRESSION = 300


MAX_RESULT = 200


MAX_SECONDS = 0.5


class _Sandbox(ImmutableSandboxedEnvironment):
    """A sandbox in which only table data and our filters can be reached."""

    intercepted_binops = frozenset({"*", "**", "//", "%"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, TableView):
            return attr in {"rubrik", "källa", "enhet", "summa", "summor", "kolumner"}
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return obj in (formatting.share, formatting.number, formatting.percent)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if not all(isinstance(x, (int, float)) for x in (left, right)):
            raise jinja2.sandbox.SecurityError("räkning med text är inte tillåten")
        if operator == "**" and abs(right) > 10:
            raise jinja2.sandbox.SecurityError("för stor exponent")
        return super().call_binop(context, operator, left, right)


_SANDBOX = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False)


_SANDBOX.filters = {
    "tal": formatting.number,
    "procent": formatting.percent,
    "andel": formatting.share,
}


_SANDBOX.globals = {
    "andel": formatting.share,
    "tal": formatting.number,
    "procent": formatting.percent,
}


class ExpressionError(Exception):
    def __init__(self, offset: int, message: str, hint: str) -> None:
        self.offset = offset
        self.message = message
        self.hint = hint
        super().__init__(message)


def wants_evaluation(expression: str) -> bool:
    """Return whether a `{{ … }}` in a text is a statistics expression."""
    try:
        names = meta.find_undeclared_variables(_SANDBOX.parse("{{" + expression + "}}"))
    except jinja2.TemplateSyntaxError:
        return "statistik" in expression
    return "statistik" in names and names <= NAMES


def evaluate_text(text: str, tables: dict[str, TableView]) -> str:
    """Return text with its statistics expressions replaced by their values."""

    def replace(match: re.Match[str]) -> str:
        expression = match.group(1)
        if not wants_evaluation(expression):
            return match.group(0)
        if len(expression) > MAX_EXPRESSION:
            raise ExpressionError(
                match.start(),
                "uttrycket är för långt",
                "dela upp det i kortare uttryck",
            )
        started = time.perf_counter()
        try:
            value = _SANDBOX.from_string("{{" + expression + "}}").render(
                statistik=tables
            )
        except jinja2.TemplateSyntaxError as exc:
            raise ExpressionError(
                match.start(),
                f"uttrycket går inte att läsa ({exc.message})",
                'skriv t.ex. {{ statistik.lagenheter["Innerstaden"] | tal }}',
            ) from None
        except (jinja2.UndefinedError, KeyError) as exc:
            detail = exc.args[0] if isinstance(exc, KeyError) else _undefined(exc)
            raise ExpressionError(
                match.start(),
                f"uttrycket pekar på något som inte finns: {detail}",
                "kontrollera tabellens namn under statistik:, och radens och "
                "kolumnens namn",
            ) from None
        except jinja2.sandbox.SecurityError as exc:
            raise ExpressionError(
                match.start(),
                f"uttrycket är inte tillåtet: {_security(exc)}",
                "ett uttryck får bara läsa tabellernas värden och använda "
                "tal, procent och andel",
            ) from None
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise ExpressionError(
                match.start(),
                f"uttrycket kan inte räknas ut ({exc})",
                "kontrollera att värdena är tal",
            ) from None
        if time.perf_counter() - started > MAX_SECONDS or len(value) > MAX_RESULT:
            raise ExpressionError(
                match.start(), "uttrycket ger för mycket", "förenkla uttrycket"
            )
        return value

    return _EXPRESSION.sub(replace, text)


def _security(exc: Exception) -> str:
    found = re.search(r"attribute '([^']+)'", str(exc))
    if found:
        return f"det får inte läsa '{found.group(1)}'"
    return str(exc)


def _undefined(exc: jinja2.UndefinedError) -> str:
    message = exc.message or ""
    found = re.search(r"has no attribute '([^']+)'", message) or re.search(
        r"'([^']+)' is undefined", message
    )
    return f"'{found.group(1)}'" if found else message


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
        try:
            value = evaluate_text(text, tables)
        except ExpressionError as exc:
            problems.append(
                text_diagnostic(
                    source, loc, text, exc.offset, "E701", exc.message, exc.hint, ERROR
                )
            )
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
