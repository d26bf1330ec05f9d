"""Warnings where tables and prose disagree or could drift apart."""

from __future__ import annotations

import re
from typing import cast

from remiss import formatting
from remiss.errors import WARNING, Diagnostic
from remiss.model.case import Case
from remiss.model.tables import EXPRESSION, table_views
from remiss.sourcemap import SourceMap

# -- consistency checks -------------------------------------------------------

_TOTAL_LABELS = {"totalt", "summa", "total", "samtliga", "hela staden"}


_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w,.])(\d{1,3}(?:[  \u202f]\d{3})+|\d{2,})(?![\w,])"
)


def consistency(case: Case, source: SourceMap) -> list[Diagnostic]:
    """Return warnings where tables and prose disagree or could drift apart."""
    from remiss.checks.positions import markdown_fields, text_diagnostic

    out: list[Diagnostic] = []
    views = table_views(case)
    for key, view in views.items():
        if view.table.row_lengths_ok():
            continue  # a broken table is E109's, not a sum to compare
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
                    cast("int | float", r[column])
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
                cast("int | float", r[column])
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
        if view.table.row_lengths_ok():
            continue  # a broken table is E109's, not a sum to compare
        for row in view.table.rows:
            for column, value in enumerate(row[1:], start=1):
                if isinstance(value, int) and value >= 10:
                    figures.setdefault(
                        str(value),
                        f"statistik.{key}, rad {row[0]}, {view.kolumner[column]}",
                    )
        for name, column_total in view.summor.items():
            if (
                isinstance(column_total, int)
                and column_total >= 10
                and view.table.total
            ):
                figures.setdefault(
                    str(column_total), f"statistik.{key}, summan av {name}"
                )
    if figures:
        for loc, text in markdown_fields(case):
            plain = EXPRESSION.sub(lambda m: " " * len(m.group(0)), text)
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
