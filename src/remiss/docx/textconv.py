"""The text of any .docx in reading order, for `git diff` (textconv).

Headings get `#` marks, list items their number or a dash, tables become
pipe rows, and tracked changes show as `[-deleted-]{+inserted+}`. Page
headers and footers come first, marked as such, because they hold the Dnr
and the date.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import defaultdict
from typing import Any
from xml.etree import ElementTree as etree

from remiss.docx.parts import PartTooLarge, read_part
from remiss.errors import NotADocx

# A Word document worth reading fits well within these; a larger one is a
# mistake or a zip bomb, and is refused before it takes the memory.
MAX_DOCX = 100_000_000
MAX_PART = 64_000_000
MAX_PARTS = 2_000


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return read_part(archive, name, MAX_PART)
    except PartTooLarge as exc:
        raise NotADocx(str(exc)) from None


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


W = f"{{{W_NS}}}"


_HEADING = re.compile(r"^heading (\d)$", re.I)


def _parse(data: bytes) -> etree.Element:
    # The standard library's reader (expat): it fetches nothing from the
    # network or disk and refuses entity expansion bombs; it also starts in a
    # third of the time lxml takes to import, which is textconv's whole cost.
    return etree.fromstring(data)


def _styles(archive: zipfile.ZipFile) -> dict[str, tuple[int, str]]:
    """Return styleId -> (heading level or 0, name)."""
    try:
        root = _parse(_read(archive, "word/styles.xml"))
    except KeyError:
        return {}
    out: dict[str, tuple[int, str]] = {}
    for style in root.iter(f"{W}style"):
        sid, name, level = style_level(style)
        out[sid] = (level, name)
    return out


def style_level(style: Any) -> tuple[str, str, int]:
    """Return a w:style element's id, name and heading level (0: none).

    A heading is a style named "heading N" or "Title", or one with an
    outline level; Word and LibreOffice both mark headings one of these ways.
    """
    sid = style.get(f"{W}styleId", "")
    name_el = style.find(f"{W}name")
    name = name_el.get(f"{W}val", sid) if name_el is not None else sid
    match = _HEADING.match(name)
    if match:
        return sid, name, int(match.group(1))
    if name.lower() == "title":
        return sid, name, 1
    outline = style.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None:
        value = int(outline.get(f"{W}val", "9")) + 1
        return sid, name, value if value <= 6 else 0
    return sid, name, 0


def _numbering(archive: zipfile.ZipFile) -> dict[str, dict[int, str]]:
    """Return numId -> level -> numFmt."""
    try:
        root = _parse(_read(archive, "word/numbering.xml"))
    except KeyError:
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for a in root.iter(f"{W}abstractNum"):
        levels = {}
        for lvl in a.iter(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal"
            )
        abstract[a.get(f"{W}abstractNumId", "")] = levels
    out = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            out[num.get(f"{W}numId", "")] = abstract.get(ref.get(f"{W}val", ""), {})
    return out


def _text(paragraph: etree.Element) -> str:
    out: list[str] = []
    ins, dele = f"{W}ins", f"{W}del"
    # Depth first, in document order, each node with the innermost tracked
    # change around it; a stack, not recursion, so no nesting is too deep.
    stack: list[tuple[etree.Element, str | None]] = [
        (child, None) for child in reversed(list(paragraph))
    ]
    while stack:
        node, change = stack.pop()
        tag = node.tag
        if tag == f"{W}t" or tag == f"{W}delText":
            piece = node.text or ""
        elif tag == f"{W}tab":
            piece = "\t"
        elif tag == f"{W}br":
            piece = "\n"
        else:
            inner = tag if tag in (ins, dele) else change
            stack.extend((child, inner) for child in reversed(list(node)))
            continue
        if change == dele:
            piece = f"[-{piece}-]"
        elif change == ins:
            piece = f"{{+{piece}+}}"
        out.append(piece)
    text = "".join(out)
    return text.replace("-][-", "").replace("+}{+", "")


def docx_text(data: bytes) -> str:
    """Return a .docx's text in reading order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if len(archive.infolist()) > MAX_PARTS:
            raise NotADocx("för många delar")
        document = _parse(_read(archive, "word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.ParseError, OSError) as exc:
        raise NotADocx(str(exc)) from None
    styles = _styles(archive)
    numbering = _numbering(archive)
    lines: list[str] = []
    for name in sorted(archive.namelist()):
        part = posixpath.basename(name)
        if name.startswith("word/") and part.startswith(("header", "footer")):
            label = "Sidhuvud" if part.startswith("header") else "Sidfot"
            try:
                root = _parse(_read(archive, name))
            except etree.ParseError:
                continue
            for p in root.iter(f"{W}p"):
                text = _text(p).strip()
                if text:
                    lines.append(f"[{label}] {text}")
    if lines:
        lines.append("")
    counters: dict[tuple[str, int], int] = defaultdict(int)
    body = document.find(f"{W}body")
    for block in body if body is not None else []:
        if block.tag == f"{W}p":
            _paragraph(block, styles, numbering, counters, lines)
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [
                    " ".join(_text(p).strip() for p in cell.iter(f"{W}p"))
                    for cell in row.iter(f"{W}tc")
                ]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _paragraph(
    p: etree.Element,
    styles: dict[str, tuple[int, str]],
    numbering: dict[str, dict[int, str]],
    counters: dict[tuple[str, int], int],
    lines: list[str],
) -> None:
    text = _text(p)
    if not text.strip():
        return
    ppr = p.find(f"{W}pPr")
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    style_id = style.get(f"{W}val", "") if style is not None else ""
    level, _name = styles.get(style_id, (0, ""))
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    if num is None and lines and lines[-1]:
        lines.append("")  # a list ended just before
    if level:
        lines.append(f"{'#' * level} {text.strip()}")
    elif num is not None:
        num_id_el = num.find(f"{W}numId")
        ilvl_el = num.find(f"{W}ilvl")
        num_id = num_id_el.get(f"{W}val", "") if num_id_el is not None else ""
        ilvl = int(ilvl_el.get(f"{W}val", "0")) if ilvl_el is not None else 0
        fmt = numbering.get(num_id, {}).get(ilvl, "bullet")
        for key in [k for k in counters if k[0] == num_id and k[1] > ilvl]:
            del counters[key]
        indent = "  " * ilvl
        if fmt == "bullet":
            lines.append(f"{indent}- {text.strip()}")
        else:
            counters[(num_id, ilvl)] += 1
            lines.append(f"{indent}{counters[(num_id, ilvl)]}. {text.strip()}")
        return
    else:
        lines.append(text.strip())
    lines.append("")
