"""Content checks beyond the schema: accessibility and plain Swedish.

Each rule has a code; findings are warnings (`--strict` makes them fail) and
point at the line in the case file where the problem is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import mistune

from .errors import WARNING, Diagnostic
from .models import Case
from .sourcemap import Path_, SourceMap, format_loc

_parse = mistune.create_markdown(renderer=None, plugins=["table"])
_BLOCK_INDICATOR = re.compile(r"^[|>][0-9+-]*\s*(#.*)?$")


def text_position(
    source: SourceMap, loc: Path_, line: int, col: int
) -> tuple[int, int]:
    """Return the file position of (line, col) inside the text value at loc."""
    start_line, start_col = source.where(loc)
    first = source.line_text(start_line) or ""
    if _BLOCK_INDICATOR.match(first[start_col - 1 :].strip()):
        file_line = start_line + line
        content = source.line_text(file_line) or ""
        indent = len(content) - len(content.lstrip(" "))
        return file_line, indent + col
    quoted = first[start_col - 1 : start_col] in ("'", '"')
    return start_line + line - 1, (start_col + col - 1 + (1 if quoted else 0))


def markdown_fields(case: Case) -> Iterator[tuple[Path_, str]]:
    """Yield (key path, text) for every Markdown field of a case."""
    for key, value in (
        ("sammanfattning", case.summary),
        ("bakgrund", case.background),
        ("ärendet", case.matter),
        ("beredning", case.preparation),
        ("synpunkter", case.views),
    ):
        if value:
            yield (key,), value
    for index, section in enumerate(case.sections):
        yield ("avsnitt", index, "text"), section.text


def text_diagnostic(
    source: SourceMap,
    loc: Path_,
    text: str,
    offset: int,
    code: str,
    message: str,
    hint: str,
    severity: str = WARNING,
) -> Diagnostic:
    """Return a diagnostic for a place (an offset) inside a text field."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    file_line, file_col = text_position(source, loc, line, col)
    return Diagnostic(
        source.path,
        file_line,
        file_col,
        code,
        message,
        hint,
        severity,
        source.line_text(file_line),
    )


def _walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        children = node.get("children")
        if isinstance(children, list):
            yield from _walk(children)


def accessibility(case: Case, source: SourceMap) -> list[Diagnostic]:
    """Return what would make the document hard to read with assistive tools."""
    out: list[Diagnostic] = []

    cursor: dict[str, int] = {}

    def warn(loc: Path_, text: str, needle: str, code: str, message: str, hint: str):
        # Each finding of a kind starts looking after the previous one.
        start = text.find(needle, cursor.get(f"{loc}{needle}", 0))
        offset = max(start, 0)
        cursor[f"{loc}{needle}"] = offset + 1
        out.append(text_diagnostic(source, loc, text, offset, code, message, hint))

    for loc, text in markdown_fields(case):
        where = format_loc(loc)
        nodes = _parse(text)
        previous = 0
        for node in _walk(nodes):
            kind = node.get("type")
            if kind == "heading":
                level = node["attrs"]["level"]
                if previous and level > previous + 1:
                    warn(
                        loc,
                        text,
                        "#" * level + " ",
                        "W601",
                        f"{where}: rubriknivå {level} följer på nivå {previous}",
                        "hoppa inte över nivåer; skärmläsare använder rubrikerna "
                        "för att hitta i dokumentet",
                    )
                previous = level
            elif kind == "image":
                alt = "".join(c.get("raw", "") for c in node.get("children", []))
                if not alt.strip():
                    warn(
                        loc,
                        text,
                        "![",
                        "W602",
                        f"{where}: en bild saknar alternativtext",
                        "skriv vad bilden visar mellan hakparenteserna: "
                        "![Karta över stadsdelarna](karta.png)",
                    )
            elif kind == "table":
                head = node["children"][0]
                cells = [
                    "".join(c.get("raw", "") for c in cell.get("children", []))
                    for cell in head.get("children", [])
                ]
                if not any(c.strip() for c in cells):
                    warn(
                        loc,
                        text,
                        "|",
                        "W603",
                        f"{where}: en tabell saknar rubrikrad",
                        "skriv kolumnernas rubriker på tabellens första rad",
                    )
    return out
