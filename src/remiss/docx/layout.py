"""Where things stand on the page: borderless layout tables and column widths.

Why tables, not tab stops: a tab stop is a position on one line; a long name
runs past it and pushes the next column's text along or onto a new line. A
table cell keeps each column's text in its own column and wraps it there,
and the same grid in the page header and in the body keeps them aligned in
Word and LibreOffice alike.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

NO_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


GUTTER = 170  # twips between two layout columns (0,3 cm)


LAYOUT_STYLE = "Layouttabell"  # the table style that says "layout, not data"


def layout_table(
    widths: Sequence[int], cells: Sequence[str], style_id: str | None = None
) -> str:
    """Return a borderless one-row table with fixed column widths.

    `cells` are each cell's paragraphs, already spelled out (a cell without
    one gets an empty paragraph, as the schema asks). Text in the first
    column starts at the margin, as body text does; columns are kept apart
    by a gutter on the right of each cell but the last. With the reference's
    layout table style (`style_id`), Word's accessibility checker and screen
    readers take it as layout: it has no header row.
    """
    total = sum(widths)
    style = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{total}" w:type="dxa"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/>{NO_BORDERS}'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{GUTTER}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>"
    ]
    for width, cell in zip(widths, cells, strict=True):
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{cell or '<w:p/>'}</w:tc>"
        )
    out.append("</w:tr></w:tbl>")
    return "".join(out)


def grid(first: int, total: int, columns: int) -> list[int]:
    """Return the widths of `columns` layout columns on the page's grid: two
    columns split where the reference's header splits; more share the rest."""
    if columns <= 1:
        return [total]
    first = min(max(first, total // 5), total * 4 // 5)
    if columns == 2:
        return [first, total - first]
    rest = total - first
    each = rest // (columns - 1)
    return [first] + [each] * (columns - 2) + [rest - each * (columns - 2)]


# Average advance of a character, in thousandths of the font size (Arial).
_NARROW = frozenset("iljtfrI.,:;'!|() 1")
_WIDE = frozenset("mwMWÅÄÖ%@")


def text_width(text: str, size_half_points: int, bold: bool = False) -> int:
    """Return the approximate width of a line of text, in twips."""
    units = 0
    for char in unicodedata.normalize("NFC", text):
        if char in _NARROW:
            units += 300
        elif char in _WIDE:
            units += 850
        elif char.isdigit():
            units += 556
        elif char.isupper():
            units += 680
        else:
            units += 540
    if bold:
        units = units * 11 // 10
    # size in half-points; a twip is 1/20 point: width = units/1000 * pt * 20.
    return units * size_half_points // 100


def content_widths(
    columns: Sequence[Sequence[str]],
    available: int,
    size_half_points: int = 20,
    padding: int = 2 * 85,
) -> list[int]:
    """Return column widths that fit each column's longest line, in twips.

    A table is as wide as its content needs, never wider than `available`:
    when it would be, the widest columns give way first (their text wraps),
    and no column is narrower than its longest word.
    """
    natural: list[int] = []
    least: list[int] = []
    for cells in columns:
        longest = 0
        longest_word = 0
        for row, text in enumerate(cells):
            bold = row == 0
            for line in text.split("\n") or [""]:
                longest = max(longest, text_width(line, size_half_points, bold))
                for word in line.split():
                    longest_word = max(
                        longest_word, text_width(word, size_half_points, bold)
                    )
        natural.append(max(longest, 567) + padding)  # at least 1 cm of text
        least.append(min(longest_word + padding, available // max(len(columns), 1)))
    if sum(natural) <= available:
        return natural
    widths = list(natural)
    # Shrink the widest column, step by step, down to what it must keep.
    while sum(widths) > available:
        over = sum(widths) - available
        candidates = [i for i, w in enumerate(widths) if w > least[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        others = [widths[i] for i in candidates if i != widest]
        target = max(max(others, default=least[widest]), least[widest])
        step = min(over, widths[widest] - target) or min(over, 20)
        widths[widest] = max(widths[widest] - step, least[widest])
    if sum(widths) > available:  # even the words do not fit: share the page
        return [available * w // sum(widths) for w in widths]
    return widths
