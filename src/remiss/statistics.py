"""Statistics tables: computed columns, figures in the prose, consistency.

A figure typed in three places is out of date in one of them. Case texts may
therefore write `{{ statistik.lagenheter.summa | tal }}` or
`{{ andel(statistik.lagenheter["Innerstaden"], statistik.lagenheter.summa, 1) }}`;
such expressions are evaluated in a sandbox that sees the case's tables and
nothing else. Every other `{{ … }}` in a text stays as typed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import formatting
from .errors import ERROR, WARNING, Diagnostic
from .models import Case, Computed, Table
from .sourcemap import SourceMap

Number = int | float


class TableView:
    """A statistics table as templates and expressions see it.

    `t.summa` is the total of the last number column, `t.summor["2011"]` the
    total of a column, `t["Innerstaden"]` the row's value in the last number
    column and `t["Innerstaden", "2009"]` its value in a named column.
    """

    def __init__(self, key: str, table: Table) -> None:
        self.id = key
        self.table = table
        self.rubrik = table.heading
        self.källa = table.source
        self.enhet = table.unit
        self.avsnitt = table.section
        self.diagram = table.chart
        self.fil: str | None = None  # the chart's file name, once drawn
        self.alt = ""
        self.kolumner = list(table.columns)
        self.rader = [list(r) for r in table.rows]
        self.numeriska = table.numeric_columns()
        totals: list[Number | None] = []
        for index, numeric in enumerate(self.numeriska):
            cells = [r[index] for r in table.rows if index < len(r)]
            totals.append(
                sum(c for c in cells if isinstance(c, (int, float)))
                if numeric
                else None
            )
        self._totals = totals
        self.summor = {
            name: total
            for name, total in zip(self.kolumner, totals, strict=True)
            if total is not None
        }
        self.summa = next((t for t in reversed(totals) if t is not None), None)

    def column_index(self, name: str) -> int:
        try:
            return self.kolumner.index(name)
        except ValueError:
            raise KeyError(f"tabellen '{self.id}' har ingen kolumn '{name}'") from None

    def __getitem__(self, key: Any) -> Any:
        label, column = key if isinstance(key, tuple) else (key, None)
        for row in self.table.rows:
            if row and str(row[0]) == str(label):
                if column is not None:
                    index = self.column_index(str(column))
                    return row[index] if index < len(row) else None
                values = [c for c in row[1:] if isinstance(c, (int, float))]
                return values[-1] if values else (row[1] if len(row) > 1 else None)
        raise KeyError(f"tabellen '{self.id}' har ingen rad '{label}'")

    def __iter__(self) -> Iterator[list[Any]]:
        return iter(self.rader)

    # -- the table as it is shown, computed columns included ----------------
    def shown(self) -> tuple[list[str], list[list[Any]], list[bool], list[Any] | None]:
        """Return header, rows, right-alignment and total row (or None)."""
        header = list(self.kolumner)
        rows = [list(r) + [""] * (len(header) - len(r)) for r in self.table.rows]
        right = list(self.numeriska)
        total: list[Any] | None = None
        if self.table.total:
            total = ["Totalt"] + [t if t is not None else "" for t in self._totals[1:]]
        for computed in self.table.computed:
            title, values, total_value = self._computed(computed)
            header.append(title)
            right.append(True)
            for row, value in zip(rows, values, strict=True):
                row.append(value)
            if total is not None:
                total.append(total_value)
        return header, rows, right, total

    def _computed(self, c: Computed) -> tuple[str, list[Any], Any]:
        if c.kind == "andel":
            index = self.column_index(c.column or self.kolumner[-1])
            whole = self._totals[index] or 0
            values = [
                formatting.share(r[index], whole, c.decimals, sign=True)
                if isinstance(r[index], (int, float)) and whole
                else ""
                for r in self.table.rows
            ]
            title = c.heading or f"Andel av {self.kolumner[index].lower()}"
            return title, values, formatting.percent(100, c.decimals, sign=True)
        start = self.column_index(c.start or "")
        end = self.column_index(c.end or "")

        def change(a: Any, b: Any) -> str:
            if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
                return ""
            if c.percent:
                if not a:
                    return "–"
                value = (Decimal(str(b)) - Decimal(str(a))) * 100 / Decimal(str(a))
                return _signed(formatting.percent(value, c.decimals, sign=True), value)
            return _signed(formatting.number(b - a), b - a)

        values = [change(r[start], r[end]) for r in self.table.rows]
        title = c.heading or f"Förändring {self.kolumner[start]}–{self.kolumner[end]}"
        return title, values, change(self._totals[start], self._totals[end])


def _signed(text: str, value: Any) -> str:
    return ("+" + text) if value > 0 else text


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


def table_views(case: Case) -> dict[str, TableView]:
    return {key: TableView(key, table) for key, table in case.statistics.items()}


def evaluate_case(case: Case, source: SourceMap) -> tuple[Case, list[Diagnostic]]:
    """Return the case with its texts' statistics expressions evaluated."""
    from .rules import markdown_fields, text_diagnostic

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
            sections[index] = sections[index].model_copy(update={"text": value})
        else:
            field = _FIELD_NAMES[loc[0]]
            updates[field] = value
    if sections != list(case.sections):
        updates["sections"] = sections
    return (case.model_copy(update=updates) if updates else case), problems


_FIELD_NAMES = {
    "sammanfattning": "summary",
    "bakgrund": "background",
    "ärendet": "matter",
    "beredning": "preparation",
    "synpunkter": "views",
}


# -- consistency checks -------------------------------------------------------

_TOTAL_LABELS = {"totalt", "summa", "total", "samtliga", "hela staden"}
_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w,.])(\d{1,3}(?:[  \u202f]\d{3})+|\d{2,})(?![\w,])"
)


def consistency(case: Case, source: SourceMap) -> list[Diagnostic]:
    """Return warnings where tables and prose disagree or could drift apart."""
    from .rules import markdown_fields, text_diagnostic

    out: list[Diagnostic] = []
    views = table_views(case)
    for key, view in views.items():
        loc = ("statistik", key)
        rows = view.table.rows
        for index, row in enumerate(rows):
            if not row or str(row[0]).strip().lower() not in _TOTAL_LABELS:
                continue
            others = [r for r in rows if r is not row]
            for column, value in enumerate(row[1:], start=1):
                if not isinstance(value, (int, float)):
                    continue
                summed = sum(
                    r[column]
                    for r in others
                    if column < len(r) and isinstance(r[column], (int, float))
                )
                if abs(summed - value) > 1e-9:
                    out.append(
                        source.diagnostic(
                            (*loc, "rader", index),
                            "W710",
                            f"statistik.{key}: raden '{row[0]}' anger "
                            f"{formatting.number(value)} i kolumnen "
                            f"'{view.kolumner[column]}', men raderna ger "
                            f"{formatting.number(summed)}",
                            "rätta summan, eller ta bort raden och skriv "
                            "'summa: true' så räknar remiss ut den",
                            severity=WARNING,
                        )
                    )
        parts = [
            r for r in rows if not r or str(r[0]).strip().lower() not in _TOTAL_LABELS
        ]
        for column, name in enumerate(view.kolumner):
            if not view.numeriska[column] or not _is_share_column(name, view.enhet):
                continue
            total = sum(
                r[column]
                for r in parts
                if column < len(r) and isinstance(r[column], (int, float))
            )
            values = [r[column] for r in parts if column < len(r)]
            places = max(
                (len(repr(v).split(".")[1]) for v in values if isinstance(v, float)),
                default=0,
            )
            # Each share may be off by half its last digit through rounding.
            if abs(total - 100) > 0.5 * 10**-places * len(parts) + 1e-9:
                out.append(
                    source.diagnostic(
                        (*loc, "kolumner"),
                        "W711",
                        f"statistik.{key}: andelarna i '{name}' blir "
                        f"{formatting.number(total)} procent, inte 100",
                        "kontrollera andelarna, eller låt remiss räkna ut dem "
                        "med en beräknad kolumn av typen andel",
                        severity=WARNING,
                    )
                )
    figures: dict[str, str] = {}
    for key, view in views.items():
        for row in view.table.rows:
            for column, value in enumerate(row[1:], start=1):
                if isinstance(value, int) and value >= 10:
                    figures.setdefault(
                        str(value),
                        f"statistik.{key}, rad {row[0]}, {view.kolumner[column]}",
                    )
        for name, total in view.summor.items():
            if isinstance(total, int) and total >= 10 and view.table.total:
                figures.setdefault(str(total), f"statistik.{key}, summan av {name}")
    if figures:
        for loc, text in markdown_fields(case):
            plain = _EXPRESSION.sub(lambda m: " " * len(m.group(0)), text)
            for match in _NUMBER_IN_TEXT.finditer(plain):
                digits = re.sub(r"\D", "", match.group(1))
                where = figures.get(digits)
                if where is None or _looks_like_year(digits, plain, match.start()):
                    continue
                out.append(
                    text_diagnostic(
                        source,
                        loc,
                        plain,
                        match.start(),
                        "W712",
                        f"talet {match.group(1)} finns också i {where}",
                        "skriv det som ett uttryck, t.ex. "
                        + _suggestion(where)
                        + ", så följer det med när tabellen ändras",
                    )
                )
    return out


def _is_share_column(name: str, unit: str | None) -> bool:
    text = f"{name} {unit or ''}".lower()
    return "%" in text or "andel" in text or "procent" in text


def _looks_like_year(digits: str, text: str, start: int) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2100


def _suggestion(where: str) -> str:
    parts = where.split(", ")
    key = parts[0].split(".", 1)[1]
    if parts[1].startswith("summan"):
        return "{{ statistik." + key + ".summa | tal }}"
    row = parts[1][len("rad ") :]
    return "{{ statistik." + key + '["' + row + '"] | tal }}'
