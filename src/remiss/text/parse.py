"""Markdown text to a document model: paragraphs with styles, lists and tables.

The writers turn this model into WordprocessingML; the redline compares two
of them. Divs in pandoc's syntax carry what Markdown has no word for:
`::: {custom-style="Källa"}` names a paragraph style (a heading inside it
keeps its level, in that style), `.kolumner` sets the
paragraphs side by side, and `.sidhuvud` is text the Word header shows
instead (left out of the body).

Nesting is bounded: mistune stops reading block quotes, lists and emphasis
as such a few dozen levels down (the rest stays as text), and lists nested
deeper than Word's nine levels are set at the ninth, so no text, however
deep, is lost or breaks the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from remiss.blocks import (
    CODE,
    EMPHASIS,
    LINK,
    STRONG,
    Block,
    Document,
    Paragraph,
    Run,
    Table,
    is_live_link,
)
from remiss.text import prose

_parse: Callable[[str], Any] | None = None


MAX_LIST_LEVEL = 8  # Word numbers list levels 0 to 8


_DIV_OPEN = re.compile(r"^:::\s*\{([^}]*)\}\s*$")


_DIV_CLOSE = re.compile(r"^:::\s*$")


_ATTR = re.compile(r'(\.[\w-]+)|([\w-]+)="([^"]*)"')


def _nodes(text: str) -> list[dict[str, Any]]:
    """Return mistune's syntax tree of a Markdown text."""
    global _parse
    if _parse is None:
        # Imported on first use (~30 ms): a document of prose, headings,
        # simple lists and tables never needs it.
        import mistune

        _parse = mistune.create_markdown(renderer=None, plugins=["table"])
    return cast("list[dict[str, Any]]", _parse(text))


def strip_front_matter(text: str) -> str:
    """Return the text without its leading `---` YAML block."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5 :]
    return text


def parse_attrs(raw: str) -> tuple[set[str], dict[str, str]]:
    classes: set[str] = set()
    attrs: dict[str, str] = {}
    for cls, key, value in _ATTR.findall(raw):
        if cls:
            classes.add(cls[1:])
        else:
            attrs[key] = value
    return classes, attrs


def split_divs(text: str) -> list[tuple[set[str], dict[str, str], str]]:
    """Return (classes, attributes, markdown) segments; divs do not nest."""
    segments: list[tuple[set[str], dict[str, str], str]] = []
    current: list[str] = []
    classes: set[str] = set()
    attrs: dict[str, str] = {}
    inside = False
    for line in text.split("\n"):
        if not inside:
            match = _DIV_OPEN.match(line)
            if match:
                if current:
                    segments.append((set(), {}, "\n".join(current)))
                current = []
                classes, attrs = parse_attrs(match.group(1))
                inside = True
                continue
        elif _DIV_CLOSE.match(line):
            segments.append((classes, attrs, "\n".join(current)))
            current, classes, attrs, inside = [], set(), {}, False
            continue
        current.append(line)
    if current:
        segments.append((classes, attrs, "\n".join(current)))
    return segments


def _segment_blocks(text: str, doc: Document, style: str | None) -> None:
    """Add a text's blocks: plain chunks read directly, the rest parsed.

    Chunks are the runs of lines between blank lines. Consecutive chunks the
    prose reader does not take are parsed together, blank lines kept, so the
    parser sees them exactly as they stand in the text.
    """
    if prose.SPANS_CHUNKS.search(text):
        _blocks(_nodes(text), doc, style, 0)
        return
    chunks: list[list[str]] = [[]]
    gaps: list[list[str]] = [[]]  # the blank lines before each chunk
    for line in text.split("\n"):
        if not prose.blank(line):
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
            gaps.append([line])
        else:
            gaps[-1].append(line)
    pending: list[str] = []
    for index, chunk in enumerate(chunks):
        if not chunk:
            continue
        read = _plain_chunk(chunks, index, style)
        if read is None:
            pending += [*gaps[index], *chunk]
            continue
        if pending:
            _blocks(_nodes("\n".join(pending)), doc, style, 0)
            pending = []
        if isinstance(read, tuple):
            ordered, items = read
            doc.list_count += 1
            kind = "List Number" if ordered else "List Bullet"
            doc.blocks += [
                Paragraph(kind, runs, list_id=doc.list_count, ordered=ordered)
                for runs in items
            ]
        else:
            doc.blocks += read
    if pending:
        _blocks(_nodes("\n".join(pending)), doc, style, 0)


def _plain_chunk(
    chunks: list[list[str]], index: int, style: str | None
) -> list[Block] | tuple[bool, list[list[Run]]] | None:
    """Read a chunk with the prose reader: paragraphs, a table, a list, or None.

    A list is read only when no chunk next to it could continue it: the
    chunk before has no line that may belong to a list, and the chunk after
    does not start with one.
    """
    chunk = chunks[index]
    if chunk[0][:1] == "|":
        table = prose.table(chunk)
        return None if table is None else [table]
    if not prose.list_like(chunk[0]):
        return prose.paragraphs(chunk, style)
    before = chunks[index - 1] if index else []
    after = chunks[index + 1] if index + 1 < len(chunks) else []
    if any(map(prose.list_like, before)) or (after and prose.list_like(after[0])):
        return None
    return prose.list_items(chunk)


def parse_document(markdown: str) -> Document:
    """Return the document model of a rendered Markdown text."""
    doc = Document()
    for classes, attrs, text in split_divs(strip_front_matter(markdown)):
        if "sidhuvud" in classes or not text.strip():
            continue
        style = attrs.get("custom-style")
        start = len(doc.blocks)
        _segment_blocks(text, doc, style)
        if "kolumner" in classes:
            doc.blocks[start:] = _columns(doc.blocks[start:], style or "Normal")
    return doc


def _columns(blocks: list[Block], style: str) -> list[Block]:
    """Set paragraphs side by side: at most three to a row, lines aligned by tabs."""
    cells = [b.runs for b in blocks if isinstance(b, Paragraph)]
    out: list[Block] = []
    for start in range(0, len(cells), 3):
        group = [_lines(c) for c in cells[start : start + 3]]
        height = max(len(g) for g in group)
        runs: list[Run] = []
        for row in range(height):
            if row:
                runs.append(Run("\n"))
            for col, lines in enumerate(group):
                if col:
                    runs.append(Run("\t"))
                if row < len(lines):
                    runs.extend(lines[row])
        out.append(Paragraph(style, runs, columns=len(group)))
    return out


def _lines(runs: list[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    for r in runs:
        if r.text == "\n":
            lines.append([])
        else:
            lines[-1].append(r)
    return lines


def _blocks(
    nodes: list[dict[str, Any]], doc: Document, style: str | None, depth: int
) -> None:
    for node in nodes:
        kind = node["type"]
        if kind == "paragraph" or kind == "block_text":
            doc.blocks.append(Paragraph(style or "Normal", _inline(node["children"])))
        elif kind == "heading":
            level = min(node["attrs"]["level"], 4)
            runs = _inline(node["children"])
            if style:  # a heading in a div: its style, and still a heading
                doc.blocks.append(Paragraph(style, runs, heading=level))
            else:
                doc.blocks.append(Paragraph(f"heading {level}", runs))
        elif kind == "list":
            _list(node, doc, depth)
        elif kind == "table":
            doc.blocks.append(_table(node))
        elif kind == "block_quote":
            _blocks(node["children"], doc, "Quote", depth)
        elif kind == "block_code":
            doc.blocks.append(
                Paragraph(style or "Normal", [Run(node["raw"].rstrip("\n"), (CODE,))])
            )
        elif kind == "block_html":
            doc.blocks.append(Paragraph(style or "Normal", [Run(node["raw"].strip())]))

        # blank_line and thematic_break carry no content


def _list(node: dict[str, Any], doc: Document, depth: int) -> None:
    doc.list_count += 1
    list_id = doc.list_count
    ordered = node["attrs"].get("ordered", False)
    style = "List Number" if ordered else "List Bullet"
    for item in node["children"]:
        first = True
        for child in item["children"]:
            if child["type"] in ("block_text", "paragraph") and first:
                doc.blocks.append(
                    Paragraph(
                        style,
                        _inline(child["children"]),
                        list_id=list_id,
                        level=min(depth, MAX_LIST_LEVEL),
                        ordered=ordered,
                    )
                )
                first = False
            elif child["type"] == "list":
                _list(child, doc, depth + 1)
            else:
                _blocks([child], doc, None, depth)


def _table(node: dict[str, Any]) -> Table:
    head = node["children"][0]
    body = node["children"][1] if len(node["children"]) > 1 else {"children": []}
    header = [_inline(cell["children"]) for cell in head["children"]]
    right = [cell["attrs"].get("align") == "right" for cell in head["children"]]
    rows = [
        [_inline(c["children"]) for c in row["children"]] for row in body["children"]
    ]
    return Table(header, rows, right)


def _inline(
    nodes: list[dict[str, Any]], marks: tuple[str, ...] = (), link: str | None = None
) -> list[Run]:
    out: list[Run] = []
    for node in nodes:
        kind = node["type"]
        if kind == "text" or kind == "inline_html":
            _append(out, Run(node["raw"], marks, link))
        elif kind == "strong":
            out.extend(_inline(node["children"], (*marks, STRONG), link))
        elif kind == "emphasis":
            out.extend(_inline(node["children"], (*marks, EMPHASIS), link))
        elif kind == "codespan":
            _append(out, Run(node["raw"], (*marks, CODE), link))
        elif kind == "link":
            url = node["attrs"].get("url", "")
            if is_live_link(url):
                out.extend(_inline(node["children"], (*marks, LINK), url))
            else:  # shown as its text (W604 in remiss check)
                out.extend(_inline(node["children"], marks, link))
        elif kind == "softbreak":
            _append(out, Run(" ", marks, link))
        elif kind == "linebreak":
            out.append(Run("\n"))
        elif kind == "image":
            alt = "".join(r.text for r in _inline(node.get("children", [])))
            out.append(Run(alt, marks, link, image=node["attrs"].get("url", "")))
        elif "children" in node:
            out.extend(_inline(node["children"], marks, link))
        elif "raw" in node:
            _append(out, Run(node["raw"], marks, link))
    return out


def _append(out: list[Run], item: Run) -> None:
    if (
        out
        and out[-1].image is None
        and out[-1].marks == item.marks
        and out[-1].link == item.link
        and out[-1].text not in ("\n", "\t")
    ):
        out[-1].text += item.text
    else:
        out.append(item)
