"""Structural checks the schema cannot express: sections, tables, Dnr."""

from __future__ import annotations

from remiss.errors import WARNING, Diagnostic
from remiss.model.case import SECTION_KEYS, Case
from remiss.model.patterns import full_match, pattern_problem
from remiss.model.project import Project
from remiss.sourcemap import SourceMap, format_loc

# More bars or points than this cannot be read in a chart on an A4 page.
MAX_CHART_ROWS = 60


def _content_checks(
    case: Case, project: Project, source: SourceMap
) -> list[Diagnostic]:
    """Return findings the schema cannot see (sections, tables, patterns)."""
    out: list[Diagnostic] = []
    pattern = project.config.reference_pattern
    # A bad pattern is said for remiss.yaml; a placeholder Dnr gets W103.
    if pattern and pattern_problem(pattern) is None and "«" not in case.reference:
        if not full_match(pattern, case.reference):
            out.append(
                source.diagnostic(
                    ("diarienummer",),
                    "E107",
                    f"diarienummer '{case.reference}' följer inte projektets "
                    f"mönster {pattern}",
                    "se diarienummer_mönster i remiss.yaml",
                )
            )
    present = {
        key
        for key, value in zip(
            SECTION_KEYS,
            (case.summary, case.background, case.matter, case.preparation, case.views),
            strict=True,
        )
        if value
    }
    if case.referral is not None:
        present.add("bakgrund")
    present.update(s.heading for s in case.sections)
    for key, table in case.statistics.items():
        if table.chart and len(table.rows) > MAX_CHART_ROWS:
            out.append(
                source.diagnostic(
                    ("statistik", key, "diagram"),
                    "E721",
                    f"statistik.{key}: ett diagram kan visa högst {MAX_CHART_ROWS} "
                    f"rader, tabellen har {len(table.rows)}",
                    "ta bort 'diagram:' eller sammanfatta tabellen i färre rader",
                )
            )
        if table.section not in present:
            options = ", ".join(sorted(present))
            out.append(
                source.diagnostic(
                    ("statistik", key, "avsnitt"),
                    "E108",
                    f"statistik.{key}: avsnittet '{table.section}' finns inte i "
                    "ärendet, så tabellen skulle inte synas",
                    f"välj ett av: {options}",
                )
            )
        columns = set(table.columns)
        numeric = dict(zip(table.columns, table.numeric_columns(), strict=True))
        for c_index, computed in enumerate(table.computed):
            wanted = (
                [computed.column or table.columns[-1]]
                if computed.kind == "andel"
                else [computed.start, computed.end]
            )
            for name in wanted:
                if name is None or name not in columns or not numeric.get(name):
                    out.append(
                        source.diagnostic(
                            ("statistik", key, "beräknade_kolumner", c_index),
                            "E110",
                            f"statistik.{key}: den beräknade kolumnen behöver en "
                            f"kolumn med tal, men '{name or '(ingen)'}' är ingen",
                            "ange 'kolumn:' (andel) eller 'från:' och 'till:' "
                            "(förändring) med namn ur kolumner: "
                            + ", ".join(table.columns),
                        )
                    )
        for index in table.row_lengths_ok():
            too_many = len(table.rows[index]) > len(table.columns)
            hint = (
                "i en rad inom [ ] skiljer kommatecken cellerna åt; skriv ett "
                'decimaltal som "4,9" (med citattecken) eller 4.9'
                if too_many
                else "lägg till celler så att raden passar kolumnerna"
            )
            out.append(
                source.diagnostic(
                    ("statistik", key, "rader", index),
                    "E109",
                    f"{format_loc(('statistik', key, 'rader', index))}: raden har "
                    f"{_count(len(table.rows[index]), 'cell', 'celler')} men tabellen "
                    f"har {_count(len(table.columns), 'kolumn', 'kolumner')}",
                    hint,
                )
            )
    headings = [s.heading for s in case.sections]
    for index, heading in enumerate(headings):
        if heading in headings[:index]:
            out.append(
                source.diagnostic(
                    ("avsnitt", index, "rubrik"),
                    "W102",
                    f"{format_loc(('avsnitt', index))}: rubriken '{heading}' "
                    "finns redan",
                    "ge avsnitten olika rubriker",
                    severity=WARNING,
                )
            )
    return out


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
