"""Read a Word document as paragraphs, list items and tables, with its
tracked changes accepted (or rejected), its comments and its page headers.

Why: `remiss import` compares what a person changed in Word with what remiss
would write now; both sides are read here the same way, so that only the
person's changes differ. Word and LibreOffice write the same content in
different XML (runs split anywhere, styles renamed); what is read is what a
reader sees: the text, bold, italic and links, and whether a paragraph is a
heading or a list item.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from remiss.docx.parts import read_docx_part as _part
from remiss.docx.textconv import style_level
from remiss.errors import Diagnostic, NotADocx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADING = re.compile(r"^heading (\d)$", re.I)
_OFF = {"0", "false", "off", "none"}


@dataclass
class WordRun:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass
class WordPara:
    """One paragraph as a reader sees it."""

    runs: list[WordRun]
    style: str = ""  # the style's name, e.g. "heading 2", "List Number"
    level: int = 0  # heading level, 0 for body text
    listed: bool = False  # a list item (numbered or bulleted)
    comments: list[str] = field(default_factory=list)  # comment ids on it
    mark: str = ""  # the paragraph mark: "+" inserted, "-" deleted (tracked)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class WordTable:
    rows: list[list[str]]
    comments: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(" | ".join(row) for row in self.rows)


Block = WordPara | WordTable


@dataclass
class Comment:
    author: str
    text: str


@dataclass
class WordDoc:
    blocks: list[Block]
    headers: list[str]  # the text lines of page headers and footers
    comments: dict[str, Comment]
    properties: dict[str, str]  # core properties: title, identifier, …


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


# A tjänsteutlåtande, even a long programme, has far fewer; more is a
# mistake or a bomb, refused before it takes minutes (parts are bounded by
# read_docx_part).
MAX_PARAGRAPHS = 100_000


def read_word(data: bytes, *, accept: bool = True) -> WordDoc:
    """Return a .docx's content with tracked changes accepted (or rejected).

    Raises NotADocx, with the reason in Swedish, for anything that is not a
    readable Word document.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        document = _parse(_part(archive, "word/document.xml"))
    except zipfile.BadZipFile:
        raise NotADocx("det är ingen zip-fil, vilket en .docx är") from None
    except KeyError:
        raise NotADocx("delen word/document.xml saknas") from None
    except etree.XMLSyntaxError:
        raise NotADocx("dokumentets XML är trasig eller för djupt nästlad") from None
    except NotADocx:
        raise  # a part too large, said as such
    except (ValueError, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise NotADocx("zip-filen är skadad eller använder en okänd packning") from None
    count = sum(1 for _ in document.iter(f"{W}p"))
    if count > MAX_PARAGRAPHS:
        raise NotADocx(
            f"dokumentet har {count} stycken, fler än {MAX_PARAGRAPHS} som remiss läser"
        )
    reader = _Reader(archive, accept)
    body = document.find(f"{W}body")
    blocks = reader.blocks(body) if body is not None else []
    return WordDoc(
        _merge_marks(blocks, accept),
        reader.header_lines(),
        reader.comments(),
        _core(archive),
    )


def _on(element: etree._Element | None) -> bool:
    if element is None:
        return False
    return element.get(f"{W}val", "true").lower() not in _OFF


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, accept: bool) -> None:
        self.archive = archive
        self.accept = accept
        self.skip = {f"{W}del", f"{W}moveFrom"} if accept else {f"{W}ins", f"{W}moveTo"}
        self.styles = self._styles()
        self.links = self._rels("word/_rels/document.xml.rels")

    def _read(self, name: str) -> etree._Element | None:
        """Return a part's XML; None for a missing or broken part (a
        document can do without styles or comments). A part too large
        stops the reading (NotADocx)."""
        try:
            return _parse(_part(self.archive, name))
        except NotADocx:
            raise
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError):
            return None

    def _styles(self) -> dict[str, tuple[str, int, bool, bool]]:
        """Return styleId -> (name, heading level, bold, italic)."""
        root = self._read("word/styles.xml")
        out: dict[str, tuple[str, int, bool, bool]] = {}
        if root is None:
            return out
        for style in root.iter(f"{W}style"):
            sid, name, level = style_level(style)
            rpr = style.find(f"{W}rPr")
            bold = rpr is not None and _on(rpr.find(f"{W}b"))
            italic = rpr is not None and _on(rpr.find(f"{W}i"))
            if style.get(f"{W}type") == "character":
                lowered = name.lower()
                bold = bold or lowered in ("strong", "strong emphasis")
                italic = italic or lowered == "emphasis"
            out[sid] = (name, level, bold, italic)
        return out

    def _rels(self, name: str) -> dict[str, str]:
        root = self._read(name)
        if root is None:
            return {}
        return {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in root
            if rel.get("TargetMode") == "External"
        }

    # -- body -------------------------------------------------------------
    def blocks(self, parent: etree._Element) -> list[Block]:
        out: list[Block] = []
        for child in parent:
            if child.tag == f"{W}p":
                out.append(self.paragraph(child))
            elif child.tag == f"{W}tbl":
                table = self.table(child)
                if table.rows:
                    out.append(table)
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    out.extend(self.blocks(content))
            elif child.tag in (f"{W}ins", f"{W}del"):
                if child.tag not in self.skip:
                    out.extend(self.blocks(child))
        return out

    def paragraph(self, p: etree._Element) -> WordPara:
        para = WordPara([])
        ppr = p.find(f"{W}pPr")
        if ppr is not None:
            style = ppr.find(f"{W}pStyle")
            sid = style.get(f"{W}val", "") if style is not None else ""
            name, level, _b, _i = self.styles.get(sid, (sid, 0, False, False))
            para.style = name
            para.level = level
            outline = ppr.find(f"{W}outlineLvl")
            if outline is not None and not level:
                value = int(outline.get(f"{W}val", "9")) + 1
                para.level = value if value <= 6 else 0
            number = ppr.find(f"{W}numPr/{W}numId")
            para.listed = (
                number is not None and number.get(f"{W}val", "0") != "0"
            ) or name.lower().startswith(("list number", "list bullet"))
            if ppr.find(f"{W}rPr/{W}ins") is not None:
                para.mark = "+"
            elif ppr.find(f"{W}rPr/{W}del") is not None:
                para.mark = "-"
        self._content(p, para, None)
        return para

    def _content(
        self, parent: etree._Element, para: WordPara, link: str | None
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag in self.skip:
                continue
            if tag == f"{W}r":
                self._run(child, para, link)
            elif tag == f"{W}hyperlink":
                rid = child.get(f"{{{R_NS}}}id")
                self._content(child, para, self.links.get(rid or "", link))
            elif tag in (f"{W}commentRangeStart", f"{W}commentReference"):
                cid = child.get(f"{W}id", "")
                if cid not in para.comments:
                    para.comments.append(cid)
            elif tag in (
                f"{W}ins",
                f"{W}del",
                f"{W}moveTo",
                f"{W}moveFrom",
                f"{W}smartTag",
                f"{W}fldSimple",
                f"{W}customXml",
                f"{W}sdt",
                f"{W}sdtContent",
            ):
                self._content(child, para, link)

    def _run(self, r: etree._Element, para: WordPara, link: str | None) -> None:
        bold = italic = False
        rpr = r.find(f"{W}rPr")
        if rpr is not None:
            style = rpr.find(f"{W}rStyle")
            if style is not None:
                _n, _l, bold, italic = self.styles.get(
                    style.get(f"{W}val", ""), ("", 0, False, False)
                )
            if rpr.find(f"{W}b") is not None:
                bold = _on(rpr.find(f"{W}b"))
            if rpr.find(f"{W}i") is not None:
                italic = _on(rpr.find(f"{W}i"))
        pieces: list[str] = []
        for node in r:
            tag = node.tag
            if tag == f"{W}t" or (tag == f"{W}delText" and not self.accept):
                pieces.append(node.text or "")
            elif tag == f"{W}tab":
                pieces.append("\t")
            elif tag in (f"{W}br", f"{W}cr") and node.get(f"{W}type") != "page":
                pieces.append("\n")
            elif tag == f"{W}noBreakHyphen":
                pieces.append("\u2011")
            elif tag == f"{W}commentReference":
                cid = node.get(f"{W}id", "")
                if cid not in para.comments:
                    para.comments.append(cid)
        text = "".join(pieces)
        if not text:
            return
        last = para.runs[-1] if para.runs else None
        if last is not None and (last.bold, last.italic, last.link) == (
            bold,
            italic,
            link,
        ):
            last.text += text
        else:
            para.runs.append(WordRun(text, bold, italic, link))

    def table(self, tbl: etree._Element) -> WordTable:
        table = WordTable([])
        for tr in tbl.findall(f"{W}tr"):
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and any(
                trpr.find(tag) is not None for tag in self.skip
            ):
                continue
            row = []
            for tc in tr.findall(f"{W}tc"):
                parts = []
                for p in tc.findall(f"{W}p"):
                    para = self.paragraph(p)
                    table.comments.extend(
                        c for c in para.comments if c not in table.comments
                    )
                    if para.text.strip():
                        parts.append(para.text.strip())
                row.append("\n".join(parts))
            table.rows.append(row)
        return table

    # -- headers, comments --------------------------------------------------
    def header_lines(self) -> list[str]:
        """Return the text lines of every header and footer, fields left out
        (a page number is LibreOffice's or Word's to count)."""
        lines: list[str] = []
        for name in sorted(self.archive.namelist()):
            base = posixpath.basename(name)
            if not (name.startswith("word/") and base.startswith(("header", "footer"))):
                continue
            root = self._read(name)
            if root is None:
                continue
            for p in root.iter(f"{W}p"):
                for line in _without_fields(p, self.skip).split("\n"):
                    text = line.strip()
                    if text and text not in lines:
                        lines.append(text)
        return sorted(lines)

    def comments(self) -> dict[str, Comment]:
        root = self._read("word/comments.xml")
        out: dict[str, Comment] = {}
        if root is None:
            return out
        for comment in root.iter(f"{W}comment"):
            texts = []
            for p in comment.iter(f"{W}p"):
                text = "".join(t.text or "" for t in p.iter(f"{W}t"))
                if text.strip():
                    texts.append(text.strip())
            out[comment.get(f"{W}id", "")] = Comment(
                comment.get(f"{W}author", ""), " ".join(texts)
            )
        return out


def _without_fields(p: etree._Element, skip: set[str]) -> str:
    """Return a header paragraph's text with field results replaced by '#'."""
    out: list[str] = []
    depth = 0  # inside a complex field's result
    for node in p.iter():
        if any(a.tag in skip for a in node.iterancestors()):
            continue
        tag = node.tag
        if tag == f"{W}fldChar":
            kind = node.get(f"{W}fldCharType")
            if kind == "begin":
                depth += 1
                out.append("#")
            elif kind == "end":
                depth = max(depth - 1, 0)
        elif tag == f"{W}fldSimple":
            out.append("#")
        elif tag == f"{W}t" and not depth:
            if not any(a.tag == f"{W}fldSimple" for a in node.iterancestors()):
                out.append(node.text or "")
        elif tag == f"{W}tab" and not depth:
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr") and not depth:
            out.append("\n")
    return re.sub(r"#+", "#", "".join(out))


def _core(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = _parse(_part(archive, "docProps/core.xml"))
    except NotADocx:
        raise
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError):
        return {}
    out = {}
    for child in root:
        name = etree.QName(child).localname
        if child.text and child.text.strip():
            out[name] = child.text.strip()
    return out


def _merge_marks(blocks: list[Block], accept: bool) -> list[Block]:
    """Join paragraphs whose mark the accepted (or rejected) changes remove,
    and leave out paragraphs that end up empty."""
    gone = "-" if accept else "+"
    out: list[Block] = []
    carry: WordPara | None = None
    for block in blocks:
        if isinstance(block, WordPara):
            if carry is not None:
                block.runs = carry.runs + block.runs
                block.comments = carry.comments + block.comments
                carry = None
            if block.mark == gone:
                carry = block
                continue
            if block.text.strip():
                out.append(block)
            continue
        if carry is not None and carry.text.strip():
            out.append(carry)
        carry = None
        out.append(block)
    if carry is not None and carry.text.strip():
        out.append(carry)
    return out


def unreadable_docx(shown: str, exc: Exception) -> Diagnostic:
    """E806: the file given as a Word document cannot be read as one."""
    return Diagnostic(
        shown,
        0,
        0,
        "E806",
        f"filen är inget Word-dokument som går att läsa ({exc})",
        "spara dokumentet som Word-dokument (.docx) och försök igen",
    )
