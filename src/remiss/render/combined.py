"""What a meeting's combined PDF is made of: the agenda, then each handling
with its attachments, each part a document of its own.

Why parts: LibreOffice does not count a section's pages (SECTIONPAGES), so
a combined document converted as one says "Sida 2 (1)". Converted one by
one, each handling counts its own pages; the build joins the PDFs and gives
the whole an outline (see build.combine). The combined Word document keeps
its sections, whose page numbers Word counts right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from remiss.blocks import STRONG, Document, Paragraph, Run
from remiss.docx.reference import Reference
from remiss.docx.writer import DocProperties, Section, write_sections
from remiss.errors import display_path
from remiss.model.case import Attachment, Case
from remiss.sourcemap import SourceMap

COMBINED_PDF_SUFFIX = "-handlingar.pdf"


@dataclass
class PdfPart:
    """One document in the combined PDF and its place in the outline.

    Exactly one of `docx` (a Word document to convert) and `pdf` (an
    attachment's file, appended as it is) is given.
    """

    title: str  # the outline entry
    level: int  # 0 an agenda item, 1 a document under it
    docx: bytes | None = None
    pdf: Path | None = None
    shown: str = ""  # the attachment as the case file names it, for messages
    source: str = ""  # the case file that names it (shown as in messages)
    line: int = 0  # where it names it
    column: int = 0


@dataclass
class CombinedPdf:
    """The parts of a meeting's combined PDF, in order."""

    name: str
    title: str
    date: str  # ISO date of the meeting
    parts: list[PdfPart] = field(default_factory=list)


def item_heading(number: str, title: str) -> str:
    """Return an agenda item's outline entry: "Punkt 6. Rubrik"."""
    return f"Punkt {number}. {title}"


def item_marked(doc: Document, reference: Reference, number: str) -> Document:
    """Return the document with "Punkt N" first in its body when the
    reference's header has no place for it (`{{ punkt }}`)."""
    if reference.has_placeholder("punkt"):
        return doc
    mark = Paragraph("Normal", [Run(f"Punkt {number}", (STRONG,))])
    return Document([mark, *doc.blocks], doc.list_count)


def handling_docx(
    doc: Document,
    props: DocProperties,
    reference: Reference,
    assets: dict[str, bytes],
) -> bytes:
    """Return one handling as a Word document of its own, for the PDF."""
    data, _warnings = write_sections(
        [Section(doc, props)], props, reference, assets=assets
    )
    return data  # its warnings are the same as the combined document's


def attachment_parts(
    case: Case, case_path: Path, source: SourceMap | None = None
) -> list[PdfPart]:
    """Return the PDF parts of a case's attachments that name a file, in
    order, each titled as the case's list of attachments numbers it.

    A loaded case's files exist, are PDFs and lie inside the project (E111 to
    E113 otherwise), counted from the case file's folder.
    """
    parts = []
    for index, item in enumerate(case.attachments, 1):
        if isinstance(item, Attachment) and item.file:
            line, column = (
                source.where(("bilagor", index - 1, "fil")) if source else (0, 0)
            )
            parts.append(
                PdfPart(
                    f"Bilaga {index}. {item.title}",
                    1,
                    pdf=case_path.parent / item.file,
                    shown=item.file,
                    source=display_path(case_path),
                    line=line,
                    column=column,
                )
            )
    return parts
