"""The state of one `remiss import`: the case as typed, the edited document,
the changes found so far and the messages about what cannot be placed."""

from __future__ import annotations

import re
from typing import Any

from remiss.errors import ERROR, Diagnostic
from remiss.input.case import CaseResult
from remiss.review import mdmap
from remiss.review.wordread import Block, WordDoc, WordPara
from remiss.sourcemap import format_loc

LISTS = ("förslag_till_beslut", "bilagor", "beslut_sänds_till")
_NAMES = {
    "sammanfattning": "Sammanfattning",
    "bakgrund": "Bakgrund",
    "ärendet": "Ärendet",
    "beredning": "Ärendets beredning",
    "synpunkter": "Förvaltningens synpunkter och förslag",
    "förslag_till_beslut": "förslaget till beslut",
    "rubrik": "rubriken",
    "underrubrik": "underrubriken",
    "bilagor": "bilagorna",
    "beslut_sänds_till": "Beslutet sänds till",
}


class ImportRun:
    """The state of one import."""

    def __init__(self, shown_docx: str, result: CaseResult, edited: WordDoc) -> None:
        self.shown = shown_docx
        self.result = result
        assert result.loaded is not None
        self.source = result.loaded.source
        self.data = result.loaded.data
        self.edited = edited
        self.found: list[Diagnostic] = []
        self.scalars: dict[tuple, str] = {}
        self.lists: dict[tuple, list[str]] = {}  # a list of texts by key path
        self.fields: dict[tuple, list[tuple]] = {}  # Markdown field -> items
        self.written: list[str] = []  # the key paths changed, as users write them

    # -- messages -----------------------------------------------------------
    def at_field(self, path: tuple, code: str, message: str, hint: str = "") -> None:
        self.found.append(
            self.source.diagnostic(path, code, message, hint, severity=ERROR)
        )

    def at_doc(self, code: str, message: str, hint: str = "") -> None:
        self.found.append(Diagnostic(self.shown, 0, 0, code, message, hint))


def where(edited: list[Block], j: int) -> str:
    heading = next(
        (
            b.text.strip()
            for b in reversed(edited[:j])
            if isinstance(b, WordPara) and b.level
        ),
        None,
    )
    text = " ".join(edited[j].text.split())
    snippet = text if len(text) <= 50 else text[:47] + "…"
    return f"stycke {j + 1} ”{snippet}”" + (f" under {heading}" if heading else "")


def lookup(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def report_figures(run: ImportRun, path: tuple, figures: list[mdmap.Figure]) -> None:
    for figure in figures:
        names = sorted(set(re.findall(r"statistik\.(\w+)", figure.expression)))
        source = ", ".join(f"statistik.{n}" for n in names) or "ett uttryck"
        section = _NAMES.get(path[0], format_loc(path))
        run.at_field(
            path,
            "E803",
            f"siffran {figure.old} i {section} kommer från {source}; "
            f"i dokumentet står {figure.new}",
            "ändra tabellen i ärendefilen, så följer siffran med",
        )
