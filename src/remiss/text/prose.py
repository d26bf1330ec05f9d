"""A reader for the plain part of Markdown: prose, headings, simple lists
and pipe tables.

Why: most of a tjänsteutlåtande is paragraphs of prose, headings, short
lists and a table or two, and a full Markdown parser spent a quarter of a
document's time on them. This reader takes a chunk of lines (the text
between two blank lines) only when every line is of a form whose reading is
certain: prose without any character that marks up text or starts a block,
`**strong**` and `*emphasis*` words with plain neighbours, a hard line break
by a trailing backslash, an ATX heading, a list item with prose, or a row of
a pipe table. Anything else returns None and goes to the full parser, which
reads it as before; tests/test_prose_reader.py compares the two readers on
edge cases and generated texts.
"""

from __future__ import annotations

import re

from remiss.blocks import EMPHASIS, STRONG, Block, Paragraph, Run, Table

# Characters that mean nothing to Markdown inside a line of prose. Left out:
# control characters but the tab, Markdown's own punctuation, and the
# characters Python calls whitespace but CommonMark does not (U+0085, U+2028,
# U+2029).
_SAFE = r"[^\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\\`*_\[\]<>&!~|#=+]"

# `**words**`: opened after a space, "(" or the line's start and before a
# letter or digit; closed after a letter or digit and before a space,
# punctuation or the line's end, or after punctuation and before a space or
# the line's end. Such a pair can only open and close each other, so its
# reading does not depend on the rest of the line. The two ways to close
# exclude each other and the text inside has no "*": a line matches in one
# way only, so a line that does not match fails in time linear in its
# length (two ways per pair would backtrack through 2^n combinations).
_STRONG = (
    rf"(?:(?<=[\s(])|^)\*\*(?=[^\W_]){_SAFE}*?"
    r"(?:(?<=[^\W_])\*\*(?=[\s.,:;!?)]|$)|(?<=[^\w\s])\*\*(?=\s|$))"
)

# `*words*`, by the same rules. A strong pair's second character is "*" and
# an emphasis pair's is a letter or digit, so the two never compete.
_EMPHASIS = (
    rf"(?:(?<=[\s(])|^)\*(?=[^\W_]){_SAFE}*?"
    r"(?:(?<=[^\W_])\*(?=[\s.,:;!?)]|$)|(?<=[^\w\s])\*(?=\s|$))"
)

# A line of prose: no space at either end, and no "-" first (a list, a
# rule or an underline); "*" only as part of a pair, and a digit only as
# below. Nothing else that _SAFE lets through starts a block.
_BODY = rf"(?![\s-]|$)(?:{_SAFE}|{_STRONG}|{_EMPHASIS})*(?<!\s)"
_LINE = re.compile(rf"(?!\d{{1,9}}[.)](?:\s|$)){_BODY}")

# A later line of a paragraph may start with a number like "2010.": only a
# list numbered 1 may interrupt a paragraph.
_NEXT_LINE = rf"(?!0{{0,8}}1[.)](?:\s|$)){_BODY}"

# The text of a heading or a table cell: no block can start inside it.
_LEAF = re.compile(rf"(?!\s|$)(?:{_SAFE}|{_STRONG}|{_EMPHASIS})*(?<!\s)")

_LINES = re.compile(rf"{_LINE.pattern}(?:\n{_NEXT_LINE})*", re.M)
_LATER = re.compile(_NEXT_LINE)

_PAIR = re.compile(f"({_STRONG})|{_EMPHASIS}")

_HEADING = re.compile(r"(#{1,6}) (.*)")

# A list item: a bullet or a number with "." or ")", one space, and prose.
_ITEM = re.compile(r"([-+*]|\d{1,9}[.)]) (.*)")

# What may start a list item, with or without text after it.
_LIST_START = re.compile(r"[-+*]|\d{1,9}[.)]")

# A pipe table's delimiter cell: dashes, with a colon at either end or both.
_ALIGN = re.compile(r" *(:?)-+(:?) *| *")

# Constructs that reach across a blank line, or tie one part of a text to
# another: fenced code, HTML blocks and link reference definitions. A text
# with any of them is not split into chunks at all.
SPANS_CHUNKS = re.compile(r"```|~~~|<|\]:")


def blank(line: str) -> bool:
    """A line that ends a paragraph: up to three spaces (the full parser
    reads a tab or four spaces as the start of a code block)."""
    return len(line) < 4 and not line.strip(" ")


def list_like(line: str) -> bool:
    """Whether a chunk starting with this line may belong to a list next to it."""
    return line[:1].isspace() or _LIST_START.match(line) is not None


def _leaf(text: str) -> list[Run] | None:
    """Return the runs of a heading's or a cell's text, or None."""
    if not _LEAF.fullmatch(text):
        return None
    runs: list[Run] = []
    _flush(runs, text)
    return runs


def _runs(lines: list[str]) -> list[Run] | None:
    """Return the runs of a paragraph's lines, or None if it is not prose."""
    if len(lines) > 1 and not any(line.endswith("\\") for line in lines):
        # Lines without hard breaks: one match over them all, lines apart.
        if not _LINES.fullmatch("\n".join(lines)):
            return None
        runs: list[Run] = []
        _flush(runs, " ".join(lines))
        return runs
    runs = []
    text: list[str] = []
    last = len(lines) - 1
    for index, line in enumerate(lines):
        hard = index < last and line.endswith("\\")
        if hard:
            line = line[:-1]
        if not (_LATER if index else _LINE).fullmatch(line):
            return None
        text.append(line)
        if hard:
            _flush(runs, " ".join(text))
            runs.append(Run("\n"))
            text = []
    if text:
        _flush(runs, " ".join(text))
    return runs


def _flush(runs: list[Run], text: str) -> None:
    """Add prose with its strong and emphasis pairs as runs, as the full
    reader makes them."""
    if "*" not in text:
        runs.append(Run(text))
        return
    position = 0
    for match in _PAIR.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        if match.group(1):
            runs.append(Run(match.group()[2:-2], (STRONG,)))
        else:
            runs.append(Run(match.group()[1:-1], (EMPHASIS,)))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))


def paragraphs(lines: list[str], style: str | None) -> list[Block] | None:
    """Read a chunk of prose lines and headings, or return None."""
    out: list[Block] = []
    pending: list[str] = []

    def end() -> bool:
        if pending:
            runs = _runs(pending)
            if runs is None:
                return False
            out.append(Paragraph(style or "Normal", runs))
            pending.clear()
        return True

    for line in lines:
        if line.startswith("#"):
            match = _HEADING.fullmatch(line)
            runs = _leaf(match.group(2)) if match else None
            if runs is None or not end():
                return None
            level = min(len(match.group(1)), 4)  # type: ignore[union-attr]
            if style:  # a heading in a div: its style, and still a heading
                out.append(Paragraph(style, runs, heading=level))
            else:
                out.append(Paragraph(f"heading {level}", runs))
        else:
            pending.append(line)
    return out if end() else None


def list_items(lines: list[str]) -> tuple[bool, list[list[Run]]] | None:
    """Read a chunk that is one tight list of prose items: (ordered, items).

    An item may go on over lines indented to its text. Returns None for any
    other chunk.
    """
    first = _ITEM.match(lines[0])
    if first is None:
        return None
    marker = first.group(1)[-1]  # "-", "+", "*", "." or ")"
    items: list[list[str]] = []
    indent = ""
    for line in lines:
        match = _ITEM.fullmatch(line)
        if match and match.group(1)[-1] == marker:
            items.append([match.group(2)])
            indent = " " * (len(match.group(1)) + 1)
        elif line.startswith(indent) and not line[len(indent) :][:1].isspace():
            items[-1].append(line[len(indent) :])
        else:
            return None
    read = [_runs(item) for item in items]
    if any(runs is None for runs in read):
        return None
    return marker in ".)", [runs for runs in read if runs is not None]


def table(lines: list[str]) -> Table | None:
    """Read a chunk that is one pipe table of prose cells, or return None.

    The first line is the header, the second the delimiter row; every line
    starts and ends with "|" and has as many cells as the header.
    """
    if len(lines) < 2 or not all(
        len(x) > 1 and x[0] == "|" and x[-1] == "|" for x in lines
    ):
        return None
    rows = [line[1:-1].split("|") for line in lines]
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        return None
    right = []
    for cell in rows[1]:
        align = _ALIGN.fullmatch(cell)
        if align is None:
            return None
        right.append(not align.group(1) and bool(align.group(2)))
    cells: list[list[list[Run]]] = []
    for row in (rows[0], *rows[2:]):
        read: list[list[Run]] = []
        for cell in row:
            text = cell.strip()
            runs = _leaf(text) if text else [Run("")]
            if runs is None:
                return None
            read.append(runs)
        cells.append(read)
    return Table(cells[0], cells[1:], right)
