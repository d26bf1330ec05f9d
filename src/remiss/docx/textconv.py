"""The text of any .docx in reading order, for `git diff` (textconv).

What a reader sees, as `remiss diff` compares it: headings and paragraphs as
plain lines, list items with their numbers as Word shows them ("2.", "b)")
or a bullet, table rows as their cells' text separated by tabs, and no
Markdown. Tracked changes show as `[-deleted-]{+inserted+}`. Page headers and
footers come first, each line marked `[Sidhuvud]` or `[Sidfot]`, because
they hold the Dnr and the date.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any
from xml.etree import ElementTree as etree

from remiss.docx.parts import read_docx_part as _read
from remiss.errors import NotADocx

# A Word document worth reading fits well within these; a larger one is a
# mistake or a zip bomb, and is refused before it takes the memory.
MAX_DOCX = 100_000_000
MAX_PARTS = 2_000


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


W = f"{{{W_NS}}}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


_HEADING = re.compile(r"^heading (\d)$", re.I)


def _parse(data: bytes) -> etree.Element:
    # The standard library's reader (expat): it fetches nothing from the
    # network or disk and refuses entity expansion bombs; it also starts in a
    # third of the time lxml takes to import, which is textconv's whole cost.
    return etree.fromstring(data)


# Plain classes, not dataclasses: importing dataclasses would cost git a
# tenth of textconv's time at every Word file.
class _Style:
    """What of a paragraph style shows in the text: the list it numbers
    (a "List Number" style may carry its own numbering)."""

    __slots__ = ("num_id", "ilvl")

    def __init__(self, num_id: str = "", ilvl: int = 0) -> None:
        self.num_id = num_id
        self.ilvl = ilvl


def _styles(archive: zipfile.ZipFile) -> dict[str, _Style]:
    """Return styleId -> the numbering the style gives its paragraphs."""
    try:
        root = _parse(_read(archive, "word/styles.xml"))
    except KeyError:
        return {}
    out: dict[str, _Style] = {}
    for style in root.iter(f"{W}style"):
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            out[style.get(f"{W}styleId", "")] = _Style(
                _val(num, "numId", ""), _int(_val(num, "ilvl", "0"))
            )
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


class _Level:
    """One level of a list: how its number is written."""

    __slots__ = ("fmt", "text", "start")

    def __init__(self, fmt: str = "decimal", text: str = "%1.", start: int = 1):
        self.fmt = fmt  # numFmt: decimal, lowerLetter, bullet, none …
        self.text = text  # lvlText: %1 stands for the number of level 1
        self.start = start


class _Lists:
    """numbering.xml: each list (numId) with its abstract list, its levels
    and the levels it restarts; the counters as the document goes."""

    def __init__(self) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.abstract: dict[str, str] = {}
        self.restarts: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.seen: set[str] = set()

    def marker(self, num_id: str, ilvl: int) -> str:
        """Return the number (or bullet) of the next item of list `num_id`
        at level `ilvl`, as Word shows it: lists of one abstract list count
        on together unless a list restarts a level."""
        levels = self.levels.get(num_id, {})
        key = self.abstract.get(num_id, num_id)
        counts = self.counters.setdefault(key, [])
        if num_id not in self.seen:
            self.seen.add(num_id)
            for restart, start in self.restarts.get(num_id, {}).items():
                while len(counts) <= restart:
                    counts.append(0)
                counts[restart] = start - 1
                del counts[restart + 1 :]
        while len(counts) <= ilvl:
            counts.append(levels.get(len(counts), _Level()).start - 1)
        del counts[ilvl + 1 :]
        counts[ilvl] += 1
        level = levels.get(ilvl, _Level("bullet"))
        if level.fmt == "bullet":
            return BULLET
        if level.fmt == "none":
            return ""
        return re.sub(
            r"%([1-9])",
            lambda m: _number(
                counts[int(m.group(1)) - 1] if int(m.group(1)) <= len(counts) else 1,
                levels.get(int(m.group(1)) - 1, _Level()).fmt,
            ),
            level.text,
        )


BULLET = "•"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        out = ""
        for value, digits in _ROMAN:
            while n >= value:
                out, n = out + digits, n - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _val(element: etree.Element | None, name: str, default: str) -> str:
    found = element.find(f"{W}{name}") if element is not None else None
    return found.get(f"{W}val", default) if found is not None else default


def _numbering(archive: zipfile.ZipFile) -> _Lists:
    """Read numbering.xml: every list's levels and restarts."""
    lists = _Lists()
    try:
        root = _parse(_read(archive, "word/numbering.xml"))
    except KeyError:
        return lists
    abstract: dict[str, dict[int, _Level]] = {}
    for a in root.iter(f"{W}abstractNum"):
        abstract[a.get(f"{W}abstractNumId", "")] = {
            int(lvl.get(f"{W}ilvl", "0")): _Level(
                _val(lvl, "numFmt", "decimal"),
                _val(lvl, "lvlText", ""),
                _int(_val(lvl, "start", "1")),
            )
            for lvl in a.iter(f"{W}lvl")
        }
    for num in root.iter(f"{W}num"):
        num_id = num.get(f"{W}numId", "")
        ref = _val(num, "abstractNumId", "")
        lists.abstract[num_id] = ref
        lists.levels[num_id] = dict(abstract.get(ref, {}))
        restarts = {}
        for override in num.iter(f"{W}lvlOverride"):
            start = override.find(f"{W}startOverride")
            if start is not None:
                level = _int(override.get(f"{W}ilvl", "0"))
                restarts[level] = _int(start.get(f"{W}val", "1"))
        lists.restarts[num_id] = restarts
    return lists


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


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
        elif tag == f"{W}pPr":
            continue  # the paragraph's properties, no text
        elif tag == f"{W}drawing":
            piece = _picture(node)
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


def _picture(drawing: etree.Element) -> str:
    """A picture as a reader of the text meets it: by its alternative text."""
    described = next(drawing.iter(f"{WP}docPr"), None)
    text = described.get("descr", "") if described is not None else ""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()  # a no-break space stays
    return f"Bild: {text}" if text else "Bild"


def docx_text(data: bytes) -> str:
    """Return a .docx's text in reading order, as a reader sees it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if len(archive.infolist()) > MAX_PARTS:
            raise NotADocx("för många delar")
        document = _parse(_read(archive, "word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.ParseError, OSError) as exc:
        raise NotADocx(str(exc)) from None
    styles = _styles(archive)
    lists = _numbering(archive)
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
                for line in _lines(_text(p)):
                    lines.append(f"[{label}] {line}")
    if lines:
        lines.append("")
    body = document.find(f"{W}body")
    _blocks(body if body is not None else etree.Element("body"), styles, lists, lines)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _blocks(
    parent: etree.Element,
    styles: dict[str, _Style],
    lists: _Lists,
    lines: list[str],
) -> None:
    """Paragraphs and tables in order, also those inside content controls."""
    for block in parent:
        if block.tag == f"{W}p":
            _paragraph(block, styles, lists, lines)
        elif block.tag == f"{W}tbl":
            if lines and lines[-1]:
                lines.append("")
            rows = block.findall(f"{W}tr")
            if len(rows) == 1 and rows[0].find(f"{W}trPr/{W}tblHeader") is None:
                lines.extend(_side_by_side(rows[0]))
                lines.append("")
                continue
            for row in rows:
                cells = [
                    " ".join(t for p in cell.iter(f"{W}p") if (t := _cell_text(p)))
                    for cell in row.findall(f"{W}tc")
                ]
                if any(cells):
                    lines.append("\t".join(cells))
            lines.append("")
        elif block.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            _blocks(block, styles, lists, lines)


def _side_by_side(row: etree.Element) -> list[str]:
    """Return a one-row table without a header row (columns set side by
    side: officer and addressee, signatures) as a reader reads it, line by
    line across the columns, as remiss diff reads the same block."""
    columns = [
        [line for p in cell.iter(f"{W}p") for line in _lines(_text(p))]
        for cell in row.findall(f"{W}tc")
    ]
    height = max((len(c) for c in columns), default=0)
    out = []
    for index in range(height):
        line = "\t".join(c[index] if index < len(c) else "" for c in columns)
        if line.strip():
            out.append(line.strip())
    return out


def _cell_text(p: etree.Element) -> str:
    return " ".join(_lines(_text(p)))


def _lines(text: str) -> list[str]:
    """Return a paragraph's lines as shown: stripped, none empty."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _paragraph(
    p: etree.Element,
    styles: dict[str, _Style],
    lists: _Lists,
    lines: list[str],
) -> None:
    shown = _lines(_text(p))
    if not shown:
        return
    ppr = p.find(f"{W}pPr")
    style = styles.get(_val(ppr, "pStyle", ""), _Style())
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    num_id = _val(num, "numId", style.num_id) if num is not None else style.num_id
    ilvl = _int(_val(num, "ilvl", "")) if num is not None else style.ilvl
    listed = bool(num_id) and num_id != "0"
    if not listed and lines and lines[-1]:
        lines.append("")  # a list ended just before
    if listed:
        marker = lists.marker(num_id, ilvl)
        if marker:
            shown[0] = f"{marker} {shown[0]}"
        lines.extend("  " * ilvl + line for line in shown)
        return
    lines.extend(shown)
    lines.append("")
