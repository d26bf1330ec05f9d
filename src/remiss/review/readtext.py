"""The text of a rendered document as a reader sees it, line by line.

`remiss diff` compares this, not the Markdown: headings without `#`, list
items with their numbers, table rows as their cells' text separated by tabs,
the page header's lines, and no fences, pipes, styles or escaping.
"""

from __future__ import annotations

from dataclasses import dataclass

from remiss.blocks import Block, Paragraph, Run, Table
from remiss.text.parse import parse_document, split_divs, strip_front_matter

HEADER = "Sidhuvud"
START = "Början"
BULLET = "•"


@dataclass(frozen=True)
class Line:
    """One line of the text and the heading it stands under."""

    text: str
    heading: str


def reader_lines(markdown: str) -> list[Line]:
    """Return the lines a reader sees in a rendered case or agenda."""
    out: list[Line] = []
    header = [
        text
        for classes, _attrs, text in split_divs(strip_front_matter(markdown))
        if "sidhuvud" in classes
    ]
    for text in header:
        for block in parse_document(text).blocks:
            out.extend(Line(t, HEADER) for t in _block_lines(block, {}))
    heading = START
    numbers: dict[int, list[int]] = {}
    for block in parse_document(markdown).blocks:
        if isinstance(block, Paragraph) and _is_heading(block):
            heading = _plain(block.runs).strip() or heading
        out.extend(Line(t, heading) for t in _block_lines(block, numbers))
    return out


def _is_heading(block: Paragraph) -> bool:
    return block.style.startswith("heading") or block.style == "Title"


def _block_lines(block: Block, numbers: dict[int, list[int]]) -> list[str]:
    if isinstance(block, Table):
        rows = [block.header, *block.rows] if block.header else block.rows
        return [
            line
            for row in rows
            if (line := "\t".join(_plain(cell).strip() for cell in row)).strip()
        ]
    lines = [line.strip() for line in _plain(block.runs).split("\n")]
    lines = [line for line in lines if line]
    if lines and block.list_id is not None:
        lines[0] = f"{_marker(block, numbers)} {lines[0]}"
    return lines


def _marker(block: Paragraph, numbers: dict[int, list[int]]) -> str:
    """Return a list item's number as the reader sees it: `2.` or a bullet."""
    assert block.list_id is not None
    counts = numbers.setdefault(block.list_id, [])
    del counts[block.level + 1 :]
    while len(counts) <= block.level:
        counts.append(0)
    counts[block.level] += 1
    return f"{counts[block.level]}." if block.ordered else BULLET


def _plain(runs: list[Run]) -> str:
    return "".join(f"Bild: {r.text}" if r.image is not None else r.text for r in runs)
