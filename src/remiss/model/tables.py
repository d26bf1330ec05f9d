"""A statistics table as templates, expressions and checks see it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from remiss import formatting
from remiss.errors import UnknownCell
from remiss.model.case import Case, Computed, Table

Number = int | float


# A figure in a case text: `{{ statistik.lagenheter.summa | tal }}`.
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)


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
        self._by_label: dict[str, list[Any]] | None = None

    def column_index(self, name: str) -> int:
        try:
            return self.kolumner.index(name)
        except ValueError:
            raise UnknownCell(
                f"tabellen '{self.id}' har ingen kolumn '{name}'"
            ) from None

    def row(self, label: Any) -> list[Any] | None:
        """Return the first row whose label is `label`, or None."""
        if self._by_label is None:
            by_label: dict[str, list[Any]] = {}
            for row in self.table.rows:
                if row:
                    by_label.setdefault(str(row[0]), row)
            self._by_label = by_label
        return self._by_label.get(str(label))

    def __getitem__(self, key: Any) -> Any:
        label, column = key if isinstance(key, tuple) else (key, None)
        row = self.row(label)
        if row is None:
            raise UnknownCell(f"tabellen '{self.id}' har ingen rad '{label}'")
        if column is not None:
            index = self.column_index(str(column))
            return row[index] if index < len(row) else None
        values = [c for c in row[1:] if isinstance(c, (int, float))]
        return values[-1] if values else (row[1] if len(row) > 1 else None)

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


def table_views(case: Case) -> dict[str, TableView]:
    return {key: TableView(key, table) for key, table in case.statistics.items()}
