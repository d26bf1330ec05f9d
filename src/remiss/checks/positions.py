"""Finding a piece of text in the case file, for located messages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from remiss.errors import WARNING, Diagnostic
from remiss.model.case import Case
from remiss.sourcemap import Path_, SourceMap

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
