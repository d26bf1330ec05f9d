"""Read a reference .docx once: styles by name, page setup, header templates.

Why: parsing the reference document for every case would cost more than
writing the case. It is read once per process; its unchanged parts are kept
compressed, ready to copy into every document. What is read is immutable
(frozen dataclasses, tuples, read-only mappings), so one cached reference can
serve every document without one document's writing leaking into the next.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from remiss.docx.lists import BULLET_LIST, NUMBERED_LIST, abstract_num
from remiss.docx.oxml import REL_NS, W_NS, esc
from remiss.docx.package import Member
from remiss.docx.parts import PartTooLarge, read_part
from remiss.errors import (
    WARNING,
    Diagnostic,
    TemplateProblem,
    display_path,
)

W = f"{{{W_NS}}}"


PLACEHOLDER = re.compile(r"\{\{\s*([\wåäöÅÄÖ-]+)\s*\}\}")


PLACEHOLDER_NAMES = (
    "förvaltning",
    "avdelning",
    "dokumenttyp",
    "diarienummer",
    "datum",
    "nämnd",
    "sammanträde",
    "rubrik",
    "underrubrik",
    "handläggare",
    "utkast",
    "sekretess",
    "punkt",
    "adress",
    "kontakt",
)


_OPTIONAL = re.compile(r"<!--remiss-opt-->(.*?)<!--/remiss-opt-->", re.S)


_EMPTY_CONTAINER = re.compile(
    r"(<w:tc>(?:<w:tcPr>(?:(?!</w:tcPr>).)*</w:tcPr>)?|<w:(?:hdr|ftr)\b[^>]*>)"
    r"(</w:tc>|</w:hdr>|</w:ftr>)",
    re.S,
)


_DYNAMIC = {
    "word/document.xml",
    "word/numbering.xml",
    "word/_rels/document.xml.rels",
    "docProps/core.xml",
    "docProps/app.xml",
}


# Styles remiss asks for, by the name Word uses whatever its language.
PARAGRAPH_STYLES = (
    "Normal",
    "heading 1",
    "heading 2",
    "heading 3",
    "heading 4",
    "Subtitle",
    "List Number",
    "List Bullet",
    "Adressat",
    "Underskrift",
    "Tabellrubrik",
    "Tabelltext",
    "Tabelltal",
    "Tabellhuvud",
    "Tabellhuvudtal",
    "Källa",
    "Quote",
    "Underpunkt",
)


# Styles of remiss's own looks that an older reference document may lack,
# and the style whose look is used instead (the level is the paragraph's own).
STYLE_FALLBACKS = {"punktrubrik": "heading 3", "underpunktrubrik": "heading 4"}


CHARACTER_STYLES = ("Strong", "Emphasis", "Hyperlink", "HTML Code")


TABLE_STYLES = ("Table Grid",)


# Styles whose absence is reported for the reference document as a whole.
KNOWN_STYLES = frozenset(
    s.lower() for s in (*PARAGRAPH_STYLES, *CHARACTER_STYLES, *TABLE_STYLES)
)


def missing_style(path: Path, name: str) -> Diagnostic:
    """Return the warning (W201) that the reference document at `path` lacks
    the style `name`. Every W201 is made here; callers place it."""
    hint = "texten får standardformatet; lägg till formatmallen i Word"
    if name.lower() in KNOWN_STYLES:
        hint += " eller utgå från 'remiss new-template'"
    return Diagnostic(
        display_path(path),
        0,
        0,
        "W201",
        f"referensdokumentet saknar formatmallen '{name}'",
        hint,
        WARNING,
    )


@dataclass(frozen=True)
class PartTemplate:
    """A header or footer part whose placeholders are filled per document."""

    name: str
    text: str

    def fill(self, values: Mapping[str, str], *, section_pages: bool = False) -> bytes:
        """Return the part with placeholders filled.

        A paragraph whose placeholders are all empty is left out. With
        section_pages, "Sida N (M)" counts the pages of its own section.
        """

        def optional(match: re.Match[str]) -> str:
            names = PLACEHOLDER.findall(match.group(1))
            if names and not any(values.get(n) for n in names):
                return ""
            return match.group(1)

        text = _OPTIONAL.sub(optional, self.text)
        # A table cell, header or footer left without a paragraph gets an
        # empty one: the schema asks for one, and Word refuses the file.
        text = _EMPTY_CONTAINER.sub(r"\1<w:p/>\2", text)
        text = PLACEHOLDER.sub(lambda m: esc(values.get(m.group(1), "")), text)
        if section_pages:
            text = text.replace(" NUMPAGES ", " SECTIONPAGES ")
        return text.encode("utf-8")


@dataclass(frozen=True, eq=False)
class Reference:
    """Everything the writer needs from a reference document; read-only."""

    path: Path
    styles: Mapping[str, str]  # lower-case name -> styleId
    style_types: Mapping[str, str]  # styleId -> type
    sect_pr: str
    part_rels: Mapping[str, str]  # header/footer relationship id -> part name
    template_rels: Mapping[str, bytes]  # header/footer part -> its own .rels
    rels_xml: str  # document.xml.rels without the closing tag
    numbering_head: str  # numbering.xml up to where our w:num elements go
    numbering_tail: str
    numbered_abstract: int
    bullet_abstract: int
    first_num_id: int
    templates: Mapping[str, PartTemplate]
    static: Mapping[str, Member]  # unchanged parts by name, compressed once
    content_types: Member
    content_types_raw: bytes
    order: tuple[str, ...]  # member names in archive order
    text_width: int
    lacking: tuple[str, ...]  # styles remiss asks for that the document lacks
    split: int = 0  # where the header's right column starts (twips from margin)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """Return a W201 for every style remiss asks for that is missing."""
        return tuple(missing_style(self.path, name) for name in self.lacking)

    def content_types_with(self, overrides: str) -> Member:
        """Return [Content_Types].xml with more Override elements."""
        raw = self.content_types_raw.replace(
            b"</Types>", overrides.encode("utf-8") + b"</Types>"
        )
        return Member.of("[Content_Types].xml", raw)

    def style_id(self, name: str) -> str | None:
        return self.styles.get(name.lower())

    def has_placeholder(self, name: str) -> bool:
        """Return whether a header or footer has the placeholder `name`."""
        return any(name in PLACEHOLDER.findall(t.text) for t in self.templates.values())


def _fail(path: Path, message: str, hint: str) -> TemplateProblem:
    return TemplateProblem(Diagnostic(display_path(path), 0, 0, "T010", message, hint))


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, _mtime: float, _size: int) -> Reference:
    return _parse(Path(path))


def load_reference(path: Path) -> Reference:
    """Return the parsed reference document at `path` (cached per process)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise _fail(
            path,
            "referensdokumentet finns inte",
            "kontrollera 'referensdokument:' i remiss.yaml, eller skapa ett med "
            "'remiss new-template'",
        ) from None
    return _load_cached(str(path.resolve()), stat.st_mtime, stat.st_size)


# A reference document is a few hundred kilobytes; these limits leave room
# for logos and fonts but refuse a zip bomb before it takes the memory.
MAX_REFERENCE = 50_000_000
MAX_REFERENCE_PART = 20_000_000
MAX_REFERENCE_PARTS = 500


def _parse(path: Path) -> Reference:
    try:
        if path.stat().st_size > MAX_REFERENCE:
            raise PartTooLarge(f"filen är större än {MAX_REFERENCE // 1_000_000} MB")
        archive = zipfile.ZipFile(path)
        names = archive.namelist()
        if len(names) > MAX_REFERENCE_PARTS:
            raise PartTooLarge(f"filen har fler än {MAX_REFERENCE_PARTS} delar")
        data = {n: read_part(archive, n, MAX_REFERENCE_PART) for n in names}
    except PartTooLarge as exc:
        raise _fail(
            path,
            f"referensdokumentet är för stort ({exc})",
            "utgå från 'remiss new-template' och lägg bara till det som behövs",
        ) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fail(
            path,
            f"referensdokumentet är ingen läsbar .docx-fil ({exc})",
            "spara dokumentet i Word som .docx",
        ) from None
    if "word/document.xml" not in data or "word/styles.xml" not in data:
        raise _fail(path, "referensdokumentet saknar document.xml eller styles.xml", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        styles_root = etree.fromstring(data["word/styles.xml"], parser)
        doc_root = etree.fromstring(data["word/document.xml"], parser)
    except etree.XMLSyntaxError as exc:
        raise _fail(path, f"referensdokumentet är trasigt ({exc})", "") from None

    styles: dict[str, str] = {}
    style_types: dict[str, str] = {}
    for style in styles_root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId")
        name_el = style.find(f"{W}name")
        if sid is None:
            continue
        style_types[sid] = style.get(f"{W}type", "paragraph")
        name = name_el.get(f"{W}val") if name_el is not None else sid
        styles.setdefault(name.lower(), sid)
        styles.setdefault(sid.lower(), sid)

    lacking = tuple(
        wanted
        for wanted in (*PARAGRAPH_STYLES, *CHARACTER_STYLES, *TABLE_STYLES)
        if wanted.lower() not in styles
    )
    split_from = (styles_root, styles)
    return _partial(path, styles, style_types, doc_root, data, lacking, split_from)


def _partial(
    path: Path,
    styles: dict[str, str],
    style_types: dict[str, str],
    doc_root: etree._Element,
    data: dict[str, bytes],
    lacking: tuple[str, ...],
    split_from: tuple[etree._Element, Mapping[str, str]],
) -> Reference:
    body = doc_root.find(f"{W}body")
    sect = body.find(f"{W}sectPr") if body is not None else None
    sect_pr = (
        etree.tostring(sect, encoding="unicode")
        if sect is not None
        else (
            f'<w:sectPr xmlns:w="{W_NS}"><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" '
            'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
        )
    )
    text_width = _text_width(sect)

    rels_name = "word/_rels/document.xml.rels"
    rels_root = etree.fromstring(
        data.get(rels_name, f'<Relationships xmlns="{REL_NS}"/>'.encode())
    )
    templates: dict[str, PartTemplate] = {}
    part_rels: dict[str, str] = {}
    template_rels: dict[str, bytes] = {}
    has_numbering = False
    for rel in rels_root:
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
        if kind in ("header", "footer") and target in data:
            text = _prepare_template(data[target])
            if kind == "header":
                text = _with_marking(text, styles)
            templates[target] = PartTemplate(target, text)
            part_rels[rel.get("Id", "")] = target
            own = posixpath.join(
                posixpath.dirname(target), "_rels", posixpath.basename(target) + ".rels"
            )
            if own in data:
                template_rels[target] = data[own]
        if kind == "numbering":
            has_numbering = True
    rels_text = etree.tostring(rels_root, encoding="unicode")
    rels_text = rels_text[: rels_text.rindex("</")]
    if rels_text.endswith("/>") and "<Relationship" not in rels_text:
        rels_text = f'<Relationships xmlns="{REL_NS}">'
    if not has_numbering:
        rels_text += (
            '<Relationship Id="rIdRemissNumbering" Type="http://schemas.openxml'
            'formats.org/officeDocument/2006/relationships/numbering" '
            'Target="numbering.xml"/>'
        )

    head, tail, numbered, bullet, first_num = _numbering(data.get("word/numbering.xml"))
    content_types = data["[Content_Types].xml"]
    if b"/word/numbering.xml" not in content_types:
        content_types = content_types.replace(
            b"</Types>",
            b'<Override PartName="/word/numbering.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
            b"</Types>",
        )
    if b'Extension="png"' not in content_types:
        content_types = content_types.replace(
            b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'
        )
    order = [n for n in data if n != "[Content_Types].xml"]
    for needed in ("word/numbering.xml", "docProps/core.xml", "docProps/app.xml"):
        if needed not in order:
            order.append(needed)
    static = {
        n: Member.of(n, data[n])
        for n in order
        if n not in _DYNAMIC and n not in templates and n in data
    }
    return Reference(
        path=path,
        styles=MappingProxyType(styles),
        style_types=MappingProxyType(style_types),
        sect_pr=sect_pr,
        part_rels=MappingProxyType(part_rels),
        template_rels=MappingProxyType(template_rels),
        rels_xml=rels_text,
        numbering_head=head,
        numbering_tail=tail,
        numbered_abstract=numbered,
        bullet_abstract=bullet,
        first_num_id=first_num,
        templates=MappingProxyType(templates),
        static=MappingProxyType(static),
        content_types=Member.of("[Content_Types].xml", content_types),
        content_types_raw=content_types,
        order=tuple(order),
        text_width=text_width,
        lacking=lacking,
        split=_split(templates, *split_from, text_width),
    )


def _split(
    templates: Mapping[str, PartTemplate],
    styles_root: etree._Element,
    styles: Mapping[str, str],
    text_width: int,
) -> int:
    """Return where the page header's right column starts: the first column
    of the header's layout table, else the header style's first tab stop,
    else the middle of the line. Two-column blocks in the body use it, so
    header and body share one grid."""
    for name in sorted(templates):
        if "header" not in name:
            continue
        text = templates[name].text
        match = re.search(r'<w:tblGrid>\s*<w:gridCol w:w="(\d+)"', text)
        if match and 0 < int(match.group(1)) < text_width:
            return int(match.group(1))
    header_id = styles.get("header")
    for style in styles_root.iter(f"{W}style"):
        if style.get(f"{W}styleId") != header_id or header_id is None:
            continue
        for tab in style.iter(f"{W}tab"):
            try:
                pos = int(tab.get(f"{W}pos", ""))
            except ValueError:
                continue
            if 0 < pos < text_width and tab.get(f"{W}val") != "clear":
                return pos
    return text_width // 2


def _text_width(sect: etree._Element | None) -> int:
    if sect is None:
        return 9070
    size = sect.find(f"{W}pgSz")
    margin = sect.find(f"{W}pgMar")
    try:
        width = int(size.get(f"{W}w")) if size is not None else 11906
        left = int(margin.get(f"{W}left", 1418)) if margin is not None else 1418
        right = int(margin.get(f"{W}right", 1418)) if margin is not None else 1418
    except (TypeError, ValueError):
        return 9070
    return max(width - left - right, 2000)


def _numbering(raw: bytes | None) -> tuple[str, str, int, int, int]:
    """Split numbering.xml where per-document w:num elements are inserted."""
    if raw is None:
        raw = f'<w:numbering xmlns:w="{W_NS}"/>'.encode()
    root = etree.fromstring(raw)
    abstracts = root.findall(f"{W}abstractNum")
    ids = [int(a.get(f"{W}abstractNumId", "0")) for a in abstracts]
    by_name = {}
    for a in abstracts:
        name = a.find(f"{W}name")
        if name is not None:
            by_name[name.get(f"{W}val")] = int(a.get(f"{W}abstractNumId"))
    extra = ""
    next_id = max(ids, default=0) + 1
    if NUMBERED_LIST not in by_name:
        by_name[NUMBERED_LIST] = next_id
        extra += abstract_num(next_id, ordered=True)
        next_id += 1
    if BULLET_LIST not in by_name:
        by_name[BULLET_LIST] = next_id
        extra += abstract_num(next_id, ordered=False)
    nums = [int(n.get(f"{W}numId", "0")) for n in root.findall(f"{W}num")]
    text = etree.tostring(root, encoding="unicode")
    if text.endswith("/>"):
        open_tag, close = text[:-2] + ">", "</w:numbering>"
        inner = ""
    else:
        open_tag = text[: text.index(">") + 1]
        close = "</w:numbering>"
        inner = text[len(open_tag) : text.rindex("</")]
    # Our abstractNums go after the existing ones and before any w:num.
    first_num = inner.find("<w:num ")
    if first_num < 0:
        head = open_tag + inner + extra
        tail = close
    else:
        head = open_tag + inner[:first_num] + extra + inner[first_num:]
        tail = close
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + head,
        tail,
        by_name[NUMBERED_LIST],
        by_name[BULLET_LIST],
        max(nums, default=0) + 1,
    )


def _prepare_template(raw: bytes) -> str:
    """Merge placeholders split across runs and mark placeholder-only paragraphs."""
    root = etree.fromstring(raw)
    for paragraph in root.iter(f"{W}p"):
        texts = list(paragraph.iter(f"{W}t"))
        full = "".join(t.text or "" for t in texts)
        if "{{" not in full:
            continue
        _merge_placeholders(texts)
        if PLACEHOLDER.search(full):
            parent = paragraph.getparent()
            index = parent.index(paragraph)
            parent.insert(index, etree.Comment("remiss-opt"))
            parent.insert(index + 2, etree.Comment("/remiss-opt"))
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return declaration + etree.tostring(root, encoding="unicode")


MARKING = "sekretess"


def _with_marking(text: str, styles: Mapping[str, str]) -> str:
    """Return a header that shows `{{ sekretess }}`, the marking of a
    confidential document, on every page: where the reference document put
    it, else on a line of its own at the end, across the whole width (left
    out when empty)."""
    if any(m.group(1) == MARKING for m in PLACEHOLDER.finditer(text)):
        return text
    style = styles.get("utkastmarkering") or styles.get("header")
    ppr = f'<w:pPr><w:pStyle w:val="{esc(style)}"/></w:pPr>' if style else ""
    # The root declares w: in every header Word writes; if not, the line does.
    root = text[: text.find(">", text.find("<", text.find("?>") + 2)) + 1]
    declare = "" if f'xmlns:w="{W_NS}"' in root else f' xmlns:w="{W_NS}"'
    line = (
        f"<!--remiss-opt--><w:p{declare}>{ppr}<w:r>"
        f"<w:rPr><w:b/><w:bCs/></w:rPr><w:t>{{{{ {MARKING} }}}}</w:t>"
        "</w:r></w:p><!--/remiss-opt-->"
    )
    end = text.rindex("</")
    return text[:end] + line + text[end:]


def _merge_placeholders(texts: list[etree._Element]) -> None:
    """Move each placeholder's characters into the w:t where it starts."""
    full = "".join(t.text or "" for t in texts)
    spans = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(full)]
    if not spans:
        return
    owner: list[int] = []
    for i, t in enumerate(texts):
        owner.extend([i] * len(t.text or ""))
    new = [""] * len(texts)
    index = 0
    while index < len(full):
        span = next((s for s in spans if s[0] == index), None)
        if span:
            new[owner[index]] += full[span[0] : span[1]]
            index = span[1]
        else:
            new[owner[index]] += full[index]
            index += 1
    for t, text in zip(texts, new, strict=True):
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
