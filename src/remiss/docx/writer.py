"""Write a document model as a .docx built on a reference document.

The body is spelled out as WordprocessingML text (see `_oxml`); the styles,
page setup, header and footer come from the reference document, whose
placeholders are filled from the case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from remiss.blocks import LINK, Block, Document, Paragraph, Run, Table
from remiss.docx.layout import LAYOUT_STYLE, content_widths, grid, layout_table
from remiss.docx.oxml import (
    APP_XML,
    DOC_NS,
    EMU_PER_TWIP,
    XML_DECL,
    core_part,
    esc,
    inline_picture,
    run,
)
from remiss.docx.package import Member, build_zip, document_moment, w3cdtf
from remiss.docx.png import DPI, png_size
from remiss.docx.reference import (
    KNOWN_STYLES,
    STYLE_FALLBACKS,
    Reference,
    missing_style,
)
from remiss.errors import Diagnostic


@dataclass
class DocProperties:
    """Document properties (docProps/core.xml) and the header placeholders."""

    title: str
    creator: str
    date: str  # ISO date, from the case
    subject: str = ""
    identifier: str = ""
    keywords: str = ""
    status: str = ""
    category: str = ""  # e.g. the marking of a confidential document
    placeholders: dict[str, str] = field(default_factory=dict)


class _Styles:
    """Resolve style names to the reference document's ids for one document,
    warning once per document about each style the reference lacks.

    Styles remiss itself asks for are left out: their absence is a warning
    about the reference document (`Reference.warnings`), given by the caller.
    """

    def __init__(self, reference: Reference, warnings: list[Diagnostic]) -> None:
        self.reference = reference
        self.warnings = warnings
        self.cache: dict[str, str | None] = {}

    def get(self, name: str) -> str | None:
        if name in self.cache:
            return self.cache[name]
        sid = self.reference.style_id(name)
        if sid is None and name.lower() not in KNOWN_STYLES:
            self.warnings.append(missing_style(self.reference.path, name))
        self.cache[name] = sid
        return sid


class _Writer:
    def __init__(
        self,
        reference: Reference,
        revision: tuple[str, str] | None = None,
        assets: dict[str, bytes] | None = None,
    ) -> None:
        self.reference = reference
        self.assets = assets or {}
        self.images: dict[str, str] = {}  # file name -> relationship id
        self.shape_id = 100
        self.revision = revision  # (author, ISO date) for tracked changes
        self.change_id = 0
        self.warnings: list[Diagnostic] = []
        self.styles = _Styles(reference, self.warnings)
        self.nums: list[tuple[int, bool]] = []  # (numId, ordered)
        self.num_for_list: dict[tuple[int, int], int] = {}
        self.section = 0  # list ids are per document; sections keep them apart
        self.links: dict[str, str] = {}
        self.rpr_cache: dict[tuple[str, ...], str] = {}

    # -- runs -------------------------------------------------------------
    def rpr(self, marks: tuple[str, ...]) -> str:
        cached = self.rpr_cache.get(marks)
        if cached is not None:
            return cached
        out = ""
        direct = ""
        for mark in marks:
            sid = self.styles.get(mark)
            if not out and sid:
                out = f'<w:rStyle w:val="{sid}"/>'
            elif mark == "Strong":
                direct += "<w:b/><w:bCs/>"
            elif mark == "Emphasis":
                direct += "<w:i/><w:iCs/>"
        # Schema order: rStyle first, then b, i.
        if "<w:i/>" in direct and "<w:b/>" in direct:
            direct = "<w:b/><w:bCs/><w:i/><w:iCs/>"
        self.rpr_cache[marks] = out + direct
        return out + direct

    def mark(self, change: str) -> str:
        """Return a w:ins or w:del marker element (no content) for a change."""
        author, date = self.revision or ("remiss", "2000-01-01T00:00:00Z")
        self.change_id += 1
        tag = "w:ins" if change == "+" else "w:del"
        return (
            f'<{tag} w:id="{self.change_id}" w:author="{esc(author)}" w:date="{date}"/>'
        )

    def picture(self, r: Run) -> str:
        """Return an inline picture for an image run, or its alt text."""
        data = self.assets.get(r.image or "")
        if data is None:
            return run(r.text, self.rpr(r.marks), deleted=r.change == "-")
        rid = self.images.setdefault(r.image or "", f"rIdImage{len(self.images) + 1}")
        try:
            width, height = png_size(data)
        except ValueError:
            return run(r.text, self.rpr(r.marks))
        emu_width = width * 914400 // DPI
        emu_height = height * 914400 // DPI
        limit = self.reference.text_width * EMU_PER_TWIP
        if emu_width > limit:
            emu_height = emu_height * limit // emu_width
            emu_width = limit
        self.shape_id += 1
        return inline_picture(
            rid, self.shape_id, r.image or "", r.text, emu_width, emu_height
        )

    def runs(self, runs: list[Run]) -> str:
        out: list[str] = []
        for r in runs:
            if r.image is not None:
                out.append(self.picture(r))
                continue
            xml = run(r.text, self.rpr(r.marks), deleted=r.change == "-")
            if r.link is not None and LINK in r.marks:
                rid = self.links.setdefault(r.link, f"rIdLink{len(self.links) + 1}")
                xml = f'<w:hyperlink r:id="{rid}">{xml}</w:hyperlink>'
            if r.change and xml:
                xml = (
                    self.mark(r.change)[:-2]
                    + ">"
                    + xml
                    + ("</w:ins>" if r.change == "+" else "</w:del>")
                )
            out.append(xml)
        return "".join(out)

    # -- blocks -----------------------------------------------------------
    def paragraph(
        self, p: Paragraph, style_override: str | None = None, keep_next: bool = False
    ) -> str:
        if p.columns > 1:
            return self.columns(p)
        name = style_override or p.style
        sid = self.styles.get(name)
        if sid is None and name.lower() in STYLE_FALLBACKS:
            sid = self.styles.get(STYLE_FALLBACKS[name.lower()])
        ppr = f'<w:pStyle w:val="{sid}"/>' if sid else ""
        if keep_next:
            ppr += "<w:keepNext/>"
        if p.list_id is not None:
            key = (self.section, p.list_id)
            num = self.num_for_list.get(key)
            if num is None:
                num = self.reference.first_num_id + len(self.nums)
                self.nums.append((num, p.ordered))
                self.num_for_list[key] = num
            ppr += (
                f'<w:numPr><w:ilvl w:val="{p.level}"/><w:numId w:val="{num}"/>'
                "</w:numPr>"
            )
        if p.heading:  # the level where it stands, whatever its style says
            ppr += f'<w:outlineLvl w:val="{p.heading - 1}"/>'
        if p.change:
            ppr += f"<w:rPr>{self.mark(p.change)}</w:rPr>"
        props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
        return f"<w:p>{props}{self.runs(p.runs)}</w:p>"

    def columns(self, p: Paragraph) -> str:
        """Return paragraphs set side by side (a `.kolumner` block) as a
        borderless table on the header's grid; each column's lines stay in
        their own column however long they are."""
        # The runs are rows of lines ("\n" between rows, "\t" between
        # columns; see text.parse): each column gets its own lines back.
        cells: list[list[list[Run]]] = [[[]] for _ in range(p.columns)]
        column = 0
        for r in p.runs:
            if r.text == "\n":
                column = 0
                for lines in cells:
                    lines.append([])
            elif r.text == "\t":
                column = min(column + 1, p.columns - 1)
            else:
                cells[column][-1].append(r)
        for lines in cells:
            while len(lines) > 1 and not lines[-1]:
                lines.pop()
        return self._columns_xml(p, cells)

    def _columns_xml(self, p: Paragraph, cells: list[list[list[Run]]]) -> str:
        sid = self.styles.get(p.style)
        ppr = f'<w:pPr><w:pStyle w:val="{sid}"/></w:pPr>' if sid else ""
        total = self.reference.text_width
        if p.style == SIGNATURE_STYLE and p.columns > 2:
            # Three signatures side by side share the width equally, so each
            # signature line fits its column (the header's split would leave
            # two narrow columns).
            widths = [total // p.columns] * (p.columns - 1)
            widths.append(total - sum(widths))
        else:
            widths = grid(self.reference.split, total, p.columns)
        xml = []
        for lines in cells:
            runs: list[Run] = []
            for index, line in enumerate(lines):
                if index:
                    runs.append(Run("\n"))
                runs.extend(line)
            xml.append(f"<w:p>{ppr}{self.runs(runs)}</w:p>")
        return layout_table(widths, xml, self.reference.style_id(LAYOUT_STYLE))

    def table(self, t: Table) -> str:
        columns = (
            max(len(t.header), *(len(r) for r in t.rows)) if t.rows else len(t.header)
        )
        width = self.reference.text_width
        widths = _table_widths(t, columns, width)
        sid = self.styles.get("Table Grid")
        style = f'<w:tblStyle w:val="{sid}"/>' if sid else ""
        grid_xml = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [
            f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid_xml}</w:tblGrid>"
        ]
        right = t.right + [False] * (columns - len(t.right))
        out.append(
            self.row(t.header, widths, right, header=True, change=t.header_change)
        )
        changes = t.row_changes or [""] * len(t.rows)
        for row, change in zip(t.rows, changes, strict=True):
            out.append(self.row(row, widths, right, header=False, change=change))
        out.append("</w:tbl>")
        return "".join(out)

    def row(
        self,
        cells: list[list[Run]],
        widths: list[int],
        right: list[bool],
        *,
        header: bool,
        change: str = "",
    ) -> str:
        marker = self.mark(change) if change else ""
        trpr = (
            f"<w:trPr><w:cantSplit/><w:tblHeader/>{marker}</w:trPr>"
            if header
            else f"<w:trPr><w:cantSplit/>{marker}</w:trPr>"
        )
        out = [f"<w:tr>{trpr}"]
        for index, width in enumerate(widths):
            runs = cells[index] if index < len(cells) else []
            if header:
                name = "Tabellhuvudtal" if right[index] else "Tabellhuvud"
            else:
                name = "Tabelltal" if right[index] else "Tabelltext"
            sid = self.styles.get(name)
            ppr = f'<w:pPr><w:pStyle w:val="{sid}"/></w:pPr>' if sid else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"<w:p>{ppr}{self.runs(runs)}</w:p></w:tc>"
            )
        out.append("</w:tr>")
        return "".join(out)

    def body(self, doc: Document) -> str:
        parts = []
        blocks = _marks_before_tables(doc.blocks)
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                parts.append(self.table(block))
            else:
                after = blocks[index + 1] if index + 1 < len(blocks) else None
                parts.append(self.paragraph(block, keep_next=_signatures(after)))
        return "".join(parts)

    # -- parts ------------------------------------------------------------
    def numbering(self) -> str:
        ref = self.reference
        nums = "".join(
            f'<w:num w:numId="{num}"><w:abstractNumId w:val="'
            f'{ref.numbered_abstract if ordered else ref.bullet_abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            "</w:num>"
            for num, ordered in self.nums
        )
        return ref.numbering_head + nums + ref.numbering_tail

    def document_rels(self) -> str:
        images = "".join(
            f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/image" Target="media/{esc(name)}"/>'
            for name, rid in self.images.items()
        )
        links = images + "".join(
            f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/hyperlink" Target="{esc(url)}" '
            'TargetMode="External"/>'
            for url, rid in self.links.items()
        )
        return self.reference.rels_xml + links + "</Relationships>"


def _is_table(block: Block) -> bool:
    return isinstance(block, Table) or block.columns > 1


SIGNATURE_STYLE = "Underskrift"


def _signatures(block: Block | None) -> bool:
    """Whether a block is a signature block: the paragraph before it is kept
    on its page, so the signatures never stand alone on the last page."""
    return (
        isinstance(block, Paragraph)
        and block.columns > 1
        and block.style == SIGNATURE_STYLE
    )


def _marks_before_tables(blocks: list[Block]) -> list[Block]:
    """Return the blocks with an inserted or deleted paragraph mark that
    stands right before a table moved to the paragraph before it.

    Why: a paragraph mark joins a paragraph to the next one when the change
    is undone (or accepted, for a deletion); before a table there is none to
    join, so Word and LibreOffice leave an empty paragraph (a bare "3.").
    Marked on the paragraph before, of the same kind, the two join instead.
    """
    out = list(blocks)
    for index in range(1, len(out) - 1):
        block, before = out[index], out[index - 1]
        if not (
            isinstance(block, Paragraph)
            and block.change
            and _is_table(out[index + 1])
            and isinstance(before, Paragraph)
            and not before.change
            and not _is_table(before)
            and (before.style, before.list_id) == (block.style, block.list_id)
        ):
            continue
        out[index - 1] = replace(before, change=block.change)
        out[index] = replace(block, change="")
    return out


def _table_widths(t: Table, columns: int, available: int) -> list[int]:
    """Return a table's column widths from its content. In a redline, the
    table as it reads with the changes accepted and as it reads with them
    rejected each fit: each column is as wide as the wider of the two."""
    changes = t.row_changes or [""] * len(t.rows)
    rows = [(t.header, t.header_change), *zip(t.rows, changes, strict=True)]

    def measured(dropped: str) -> list[int]:
        kept = [row for row, change in rows if change != dropped]
        return content_widths(
            [
                [
                    "".join(r.text for r in row[i] if r.change != dropped)
                    if i < len(row)
                    else ""
                    for row in kept
                ]
                for i in range(columns)
            ],
            available,
        )

    accepted = measured("-")
    if (
        not t.row_changes
        and not t.header_change
        and not any(
            r.change for row in [t.header, *t.rows] for cell in row for r in cell
        )
    ):
        return accepted
    rejected = measured("+")
    widest = [max(a, r) for a, r in zip(accepted, rejected, strict=True)]
    if sum(widest) <= available:
        return widest
    return accepted


def core_properties(props: DocProperties) -> str:
    """Return docProps/core.xml: created is the case's date; modified is
    SOURCE_DATE_EPOCH when set, else the same date. Never the clock."""
    when = f"{props.date}T00:00:00Z"
    modified = w3cdtf(document_moment(props.date))
    optional = ""
    if props.subject:
        optional += f"<dc:subject>{esc(props.subject)}</dc:subject>"
    if props.keywords:
        optional += f"<cp:keywords>{esc(props.keywords)}</cp:keywords>"
    if props.identifier:
        optional += f"<dc:identifier>{esc(props.identifier)}</dc:identifier>"
    if props.status:
        optional += f"<cp:contentStatus>{esc(props.status)}</cp:contentStatus>"
    if props.category:
        optional += f"<cp:category>{esc(props.category)}</cp:category>"
    return core_part(props.title, props.creator, when, modified, optional)


@dataclass
class Section:
    """One document inside a combined file: its body and its header values."""

    doc: Document
    props: DocProperties


_PG_NUM_BEFORE = (
    "<w:cols",
    "<w:formProt",
    "<w:vAlign",
    "<w:noEndnote",
    "<w:titlePg",
    "<w:textDirection",
    "<w:bidi",
    "<w:rtlGutter",
    "<w:docGrid",
    "<w:printerSettings",
    "</w:sectPr>",
)


def _section_properties(reference: Reference, index: int, restart: bool) -> str:
    """Return the reference's sectPr for section `index` (own header, page 1)."""
    sect = reference.sect_pr
    if index:
        for rid in reference.part_rels:
            sect = sect.replace(f'r:id="{rid}"', f'r:id="{rid}_s{index}"')
    if restart:
        sect = re.sub(r"<w:pgNumType\b[^>]*/>", "", sect)
        cut = min(
            (sect.find(tag) for tag in _PG_NUM_BEFORE if sect.find(tag) >= 0),
            default=len(sect),
        )
        sect = sect[:cut] + '<w:pgNumType w:start="1"/>' + sect[cut:]
    return sect


def _section_part(name: str, index: int) -> str:
    if not index:
        return name
    stem, _, suffix = name.rpartition(".")
    return f"{stem}_s{index}.{suffix}"


def write_docx(
    doc: Document,
    props: DocProperties,
    reference: Reference,
    assets: dict[str, bytes] | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """Return the .docx bytes for a document model, and a W201 for each style
    it asks for that the reference lacks (beyond `Reference.warnings`).

    Nothing is remembered between calls: every call reports what it needs.
    """
    return write_sections([Section(doc, props)], props, reference, assets=assets)


def write_sections(
    sections: list[Section],
    props: DocProperties,
    reference: Reference,
    revision: tuple[str, str] | None = None,
    assets: dict[str, bytes] | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """Return one .docx holding the sections in order, each starting a new page
    with its own header and its own page numbering."""
    writer = _Writer(reference, revision, assets)
    combined = len(sections) > 1
    body: list[str] = []
    for index, section in enumerate(sections):
        writer.section = index
        part = writer.body(section.doc)
        last = index == len(sections) - 1
        if last:
            body.append(part + _section_properties(reference, index, combined))
            continue
        sect = _section_properties(reference, index, combined)
        if part.endswith("</w:p>"):
            start = part.rfind("<w:p>")
            paragraph = part[start:]
            if paragraph.startswith("<w:p><w:pPr>"):
                paragraph = paragraph.replace("</w:pPr>", sect + "</w:pPr>", 1)
            else:
                paragraph = f"<w:p><w:pPr>{sect}</w:pPr>" + paragraph[len("<w:p>") :]
            body.append(part[:start] + paragraph)
        else:
            body.append(part + f"<w:p><w:pPr>{sect}</w:pPr></w:p>")
    document = (
        f"{XML_DECL}<w:document {DOC_NS}><w:body>{''.join(body)}</w:body></w:document>"
    )
    rels = writer.document_rels()
    content_types = reference.content_types
    extra_parts: list[Member] = []
    if combined:
        more_rels = []
        overrides = []
        for index, section in enumerate(sections[1:], start=1):
            for rid, name in reference.part_rels.items():
                part_name = _section_part(name, index)
                kind = "header" if "header" in name else "footer"
                more_rels.append(
                    f'<Relationship Id="{rid}_s{index}" Type="http://schemas.'
                    f'openxmlformats.org/officeDocument/2006/relationships/{kind}" '
                    f'Target="{part_name[len("word/") :]}"/>'
                )
                overrides.append(
                    f'<Override PartName="/{part_name}" ContentType="application/'
                    "vnd.openxmlformats-officedocument.wordprocessingml."
                    f'{kind}+xml"/>'
                )
                extra_parts.append(
                    Member.of(
                        part_name,
                        reference.templates[name].fill(
                            section.props.placeholders, section_pages=True
                        ),
                    )
                )
                own_rels = reference.template_rels.get(name)
                if own_rels is not None:
                    folder, _, base = part_name.rpartition("/")
                    extra_parts.append(
                        Member.of(f"{folder}/_rels/{base}.rels", own_rels)
                    )
        rels = rels.replace("</Relationships>", "".join(more_rels) + "</Relationships>")
        content_types = reference.content_types_with("".join(overrides))
    dynamic = {
        "word/document.xml": document,
        "word/numbering.xml": writer.numbering(),
        "word/_rels/document.xml.rels": rels,
        "docProps/core.xml": core_properties(props),
        "docProps/app.xml": APP_XML,
    }
    first = sections[0].props.placeholders
    members = [content_types]
    for name in reference.order:
        if name in dynamic:
            members.append(Member.of(name, dynamic[name].encode("utf-8")))
        elif name in reference.templates:
            data = reference.templates[name].fill(first, section_pages=combined)
            members.append(Member.of(name, data))
        elif name in reference.static:
            members.append(reference.static[name])
    members.extend(extra_parts)
    for name in writer.images:
        members.append(Member.of(f"word/media/{name}", writer.assets[name], level=0))
    return build_zip(members), writer.warnings
