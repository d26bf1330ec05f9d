"""Case text as Markdown data: escaping for templates, heading levels, tables.

Why: text from a case file is data. A value printed by a template is escaped
so that it reads as typed (a `*` stays a star, `<b>` stays visible text); a
Markdown field keeps its paragraphs, lists and emphasis but never raw HTML or
our own block syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any


class MdSafe(str):
    """Markdown that a template prints as it is."""

    __slots__ = ()


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


# What would start a block at the beginning of a line: a list marker, a rule,
# a setext underline, a quote, our divs, or a numbered item ("2." and "2)").
_LINE_START = re.compile(r"^(\s*)([-+*=>:]|\d+(?=[.)](?:\s|$)))")


_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")


_FENCE = re.compile(r"^(\s*):::")


_HEADING = re.compile(r"^(#{1,6})(?=[ \t]|$)", re.M)


def escape_inline(text: str, *, line_start: bool = True) -> str:
    """Return one line of plain text as Markdown that shows exactly that text.

    With line_start false (a table cell), what would only start a block at
    the beginning of a line is left alone.
    """
    text = re.sub(r"[\r\n]+", " ", str(text))
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    match = _LINE_START.match(text) if line_start else None
    if match:
        lead, token = match.groups()
        if token[0].isdigit():
            rest = text[match.end() :]
            text = f"{lead}{token}\\{rest}"
        else:
            text = f"{lead}\\{text[len(lead) :]}"
    return text


def finalize(value: Any) -> Any:
    """Escape what a template prints unless it is already Markdown."""
    if isinstance(value, MdSafe):
        return value
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_inline(value)
    return value


def safe_block(text: str, top_level: int = 3) -> MdSafe:
    """Return a Markdown field ready to print at a place below a level-2 heading.

    Raw HTML is escaped, lines that would open one of our blocks are escaped,
    and headings are moved so the highest one in the text becomes `top_level`.
    """
    if "<" not in text and "#" not in text and ":::" not in text:
        return MdSafe(text)  # nothing to escape and no heading to move
    lines = text.split("\n")
    fenced = _fenced_lines(lines)
    levels = [
        len(m.group(1))
        for i, m in enumerate(map(_HEADING.match, lines))
        if m and i not in fenced
    ]
    shift = top_level - min(levels) if levels else 0
    out = []
    for index, line in enumerate(lines):
        if index in fenced:
            out.append(line)  # code is shown as typed: nothing to escape
            continue
        line = _outside_code(line, lambda part: _HTML_START.sub(r"\\<", part))
        if _FENCE.match(line):
            line = _FENCE.sub(r"\1\\:::", line)
        if shift:
            match = _HEADING.match(line)
            if match:
                level = min(len(match.group(1)) + shift, 6)
                line = "#" * level + line[match.end() :]
        out.append(line)
    return MdSafe("\n".join(out))


_CODE_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def _fenced_lines(lines: list[str]) -> set[int]:
    """Return the indexes of lines inside (and of) fenced code blocks."""
    inside: set[int] = set()
    opening: str | None = None
    for index, line in enumerate(lines):
        match = _CODE_FENCE.match(line)
        if opening is None and match:
            opening = match.group(1)
            inside.add(index)
        elif opening is not None:
            inside.add(index)
            if (
                match
                and match.group(1)[0] == opening[0]
                and len(match.group(1)) >= len(opening)
            ):
                opening = None
    return inside


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the parts of a line that are not inline code."""
    out, position = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(change(line[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(change(line[position:]))
    return "".join(out)


def front_matter(fields: Iterable[tuple[str, Any]]) -> MdSafe:
    """Return a YAML front matter block; strings are quoted JSON-style."""
    lines = ["---"]
    for key, value in fields:
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_scalar(v)}" for v in value)
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    return MdSafe("\n".join(lines))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)


def pipe_table(header: list[str], rows: list[list[str]], right: list[bool]) -> MdSafe:
    """Return a pipe table; cells are plain text and are escaped here."""

    def cell(text: str) -> str:
        if isinstance(text, MdSafe):
            return text
        return escape_inline(text, line_start=False) if text else " "

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---:" if r else ":---" for r in right) + "|")
    for row in rows:
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return MdSafe("\n".join(lines))
