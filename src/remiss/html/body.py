"""The document model as HTML: paragraphs, headings, lists, tables and runs.

Everything from the document is text: it is escaped, and a link becomes live
only when it is http, https, mailto or relative. Images become data: URIs
from the assets, so a page needs no other file.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import unquote

from remiss.blocks import CODE, EMPHASIS, LINK, STRONG, Block, Paragraph, Run, Table

# Paragraph styles the templates use, and the class each gets in HTML.
STYLE_CLASSES = {
    "Subtitle": "underrubrik",
    "Adressat": "adressat",
    "Underskrift": "underskrift",
    "Tabellrubrik": "tabellrubrik",
    "Källa": "kalla",
    "Underpunkt": "underpunkt",
    "Punktrubrik": "punktrubrik",
    "Underpunktrubrik": "underpunktrubrik",
    "Utkastmarkering": "markering",
}


SAFE_SCHEMES = ("http", "https", "mailto")


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


_MIME = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def esc(text: str) -> str:
    """Return text escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def safe_href(url: str | None) -> str | None:
    """Return the URL when a link to it may be live, else None.

    Live: http, https and mailto, and relative addresses. Anything a browser
    might read differently from us (control characters, spaces, backslashes)
    stays text.
    """
    if not url:
        return None
    if any(ord(c) <= 0x20 or c in "\x7f\\" for c in url):
        return None
    match = _SCHEME.match(url)
    if match:
        return url if match.group(1).lower() in SAFE_SCHEMES else None
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    return None if ":" in head else url


def _class_name(style: str) -> str:
    known = STYLE_CLASSES.get(style)
    if known:
        return known
    slug = re.sub(r"[^a-z0-9]+", "-", style.lower()).strip("-")
    return f"stil-{slug}" if slug else ""


@dataclass
class HtmlWriter:
    """Write blocks as HTML; images come from `assets` by file name."""

    assets: dict[str, bytes] = field(default_factory=dict)
    # Heading levels move down by this much (a document inside a page).
    shift: int = 0

    # -- runs --------------------------------------------------------------
    def image(self, run: Run) -> str:
        name = run.image or ""
        data = self.assets.get(name)
        if data is None:
            data = self.assets.get(unquote(name))
        alt = esc(run.text)
        if data is None:
            return f'<span class="bild-saknas">[Bild: {alt}]</span>'
        mime = _MIME.get(name.rpartition(".")[2].lower(), "image/png")
        encoded = base64.b64encode(data).decode("ascii")
        return f'<img src="data:{mime};base64,{encoded}" alt="{alt}">'

    def runs(self, runs: list[Run]) -> str:
        out: list[str] = []
        for run in runs:
            if run.image is not None:
                out.append(self.image(run))
                continue
            if run.text == "\n":
                out.append("<br>")
                continue
            text = esc(run.text.replace("\t", " ")).replace("\n", "<br>")
            if not text:
                continue
            if CODE in run.marks:
                text = f"<code>{text}</code>"
            if EMPHASIS in run.marks:
                text = f"<em>{text}</em>"
            if STRONG in run.marks:
                text = f"<strong>{text}</strong>"
            href = safe_href(run.link) if LINK in run.marks else None
            if href is not None:
                text = f'<a href="{esc(href)}">{text}</a>'
            if run.change == "+":
                text = f"<ins>{text}</ins>"
            elif run.change == "-":
                text = f"<del>{text}</del>"
            out.append(text)
        return _merge_adjacent("".join(out))

    # -- blocks ------------------------------------------------------------
    def heading(self, p: Paragraph) -> str:
        level = min(int(p.style.rpartition(" ")[2]) + self.shift, 6)
        return f"<h{level}>{self.runs(p.runs)}</h{level}>"

    def styled_heading(self, p: Paragraph) -> str:
        """A heading set in a style of its own (an agenda item's title)."""
        level = min(p.heading + self.shift, 6)
        cls = _class_name(p.style)
        return f'<h{level} class="{cls}">{self.runs(p.runs)}</h{level}>'

    def paragraph(self, p: Paragraph) -> str:
        if p.style.startswith("heading ") and p.style[-1:].isdigit():
            return self.heading(p)
        if p.heading:
            return self.styled_heading(p)
        if p.columns > 1:
            return self.columns(p)
        inner = self.runs(p.runs)
        if not inner.strip():
            return ""
        if p.style == "Quote":
            return f"<blockquote><p>{inner}</p></blockquote>"
        cls = "" if p.style in ("Normal", "List Number", "List Bullet") else p.style
        cls = _class_name(cls) if cls else ""
        attr = f' class="{cls}"' if cls else ""
        return f"<p{attr}>{inner}</p>"

    def columns(self, p: Paragraph) -> str:
        """Return paragraphs set side by side (a `.kolumner` div) as columns."""
        cells: list[list[list[Run]]] = [[] for _ in range(p.columns)]
        line: list[list[Run]] = [[]]
        rows: list[list[list[Run]]] = [line]
        for run in p.runs:
            if run.text == "\n" and run.image is None:
                line = [[]]
                rows.append(line)
            elif run.text == "\t" and run.image is None:
                line.append([])
            else:
                line[-1].append(run)
        for row in rows:
            for index, runs in enumerate(row[: p.columns]):
                if runs:
                    cells[index].append(runs)
        cls = _class_name(p.style) if p.style != "Normal" else ""
        parts = []
        for lines in cells:
            if not lines:
                continue
            text = "<br>".join(self.runs(r) for r in lines)
            parts.append(f'<div class="kolumn"><p>{text}</p></div>')
        return f'<div class="kolumner {cls}">{"".join(parts)}</div>'

    def table(self, t: Table, caption: str | None) -> str:
        columns = max([len(t.header), *(len(r) for r in t.rows)])
        right = t.right + [False] * (columns - len(t.right))
        row_heads = columns > 1 and not right[0]
        out = ['<div class="tabell"><table>']
        if caption:
            out.append(f"<caption>{caption}</caption>")
        out.append("<thead><tr>")
        for index in range(columns):
            cell = t.header[index] if index < len(t.header) else []
            cls = ' class="tal"' if right[index] else ""
            out.append(f'<th scope="col"{cls}>{self.runs(cell)}</th>')
        out.append("</tr></thead><tbody>")
        changes = t.row_changes or [""] * len(t.rows)
        for row, change in zip(t.rows, changes, strict=False):
            mark = {"+": ' class="infogad"', "-": ' class="borttagen"'}.get(change, "")
            out.append(f"<tr{mark}>")
            for index in range(columns):
                cell = row[index] if index < len(row) else []
                cls = ' class="tal"' if right[index] else ""
                if index == 0 and row_heads:
                    out.append(f'<th scope="row">{self.runs(cell)}</th>')
                else:
                    out.append(f"<td{cls}>{self.runs(cell)}</td>")
            out.append("</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)

    def blocks(self, blocks: list[Block]) -> str:
        """Return the blocks as HTML, one block a line."""
        out: list[str] = []
        lists = _ListStack(out)
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, Paragraph) and block.list_id is not None:
                lists.item(block, self.runs(block.runs))
                index += 1
                continue
            if lists.open and not _continues(blocks, index, lists.ids()):
                lists.close_all()
            if (
                isinstance(block, Paragraph)
                and block.style == "Tabellrubrik"
                and index + 1 < len(blocks)
                and isinstance(blocks[index + 1], Table)
            ):
                caption = self.runs(block.runs)
                table = blocks[index + 1]
                assert isinstance(table, Table)
                lists.add(self.table(table, caption))
                index += 2
                continue
            html = (
                self.table(block, None)
                if isinstance(block, Table)
                else self.paragraph(block)
            )
            if html:
                lists.add(html)
            index += 1
        lists.close_all()
        return "\n".join(out)


def _continues(blocks: list[Block], index: int, open_ids: set[int]) -> bool:
    """Return whether the block at index is inside an open list: a later item
    of that list follows before any heading or other list."""
    for block in blocks[index:]:
        if not isinstance(block, Paragraph):
            continue
        if block.list_id is not None:
            return block.list_id in open_ids
        if block.style.startswith("heading "):
            return False
    return False


class _ListStack:
    """Open and close <ol>/<ul> around list paragraphs by their level."""

    def __init__(self, out: list[str]) -> None:
        self.blocks = out  # one entry a block; a whole list is one entry
        self.out: list[str] = []  # the list being written
        self.stack: list[tuple[int, bool]] = []  # (list id, ordered)
        self.counts: dict[int, int] = {}
        self.open_item = False

    @property
    def open(self) -> bool:
        return bool(self.stack)

    def ids(self) -> set[int]:
        return {list_id for list_id, _ in self.stack}

    def add(self, html: str) -> None:
        (self.out if self.stack else self.blocks).append(html)

    def item(self, p: Paragraph, inner: str) -> None:
        assert p.list_id is not None
        level = p.level
        while len(self.stack) > level + 1:
            self._close()
        if len(self.stack) == level + 1 and self.stack[-1][0] != p.list_id:
            self._close()
        while len(self.stack) < level + 1:
            if not self.stack and level:
                level = 0  # a nested item with no list around it
            self._open(p.list_id, p.ordered)
        if self.open_item:
            self.out.append("</li>")
        self.counts[p.list_id] = self.counts.get(p.list_id, 0) + 1
        self.out.append(f"<li>{inner}")
        self.open_item = True

    def _open(self, list_id: int, ordered: bool) -> None:
        tag = "ol" if ordered else "ul"
        done = self.counts.get(list_id, 0)
        start = f' start="{done + 1}"' if ordered and done else ""
        self.out.append(f"<{tag}{start}>")
        self.stack.append((list_id, ordered))
        self.open_item = False

    def _close(self) -> None:
        _, ordered = self.stack.pop()
        if self.open_item:
            self.out.append("</li>")
        self.out.append("</ol>" if ordered else "</ul>")
        self.open_item = bool(self.stack)

    def close_all(self) -> None:
        while self.stack:
            self._close()
        if self.out:
            self.blocks.append("".join(self.out))
            self.out = []


def _merge_adjacent(html: str) -> str:
    """Join neighbouring runs with the same markup: `</strong><strong>`."""
    return re.sub(r"</(strong|em|code)><\1>", "", html)
