"""A meeting's combined PDF: the parts' own PDFs joined, with an outline.

Each handling was converted on its own, so its "Sida x (y)" counts its own
pages; joined here, they keep those numbers. The outline has an entry for
the agenda, for every agenda item with a handling, and under it for the
handling and each of its attachments; under those, the headings of the
handling's own outline (Sammanfattning, Bakgrund …), as LibreOffice made it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from remiss.build.pdf import normalise
from remiss.errors import RemissError
from remiss.render.combined import CombinedPdf, PdfPart

PART_PREFIX = "remiss-del-"


def part_name(key_index: int, index: int) -> str:
    """Return the name a part's Word document is converted under."""
    return f"{PART_PREFIX}{key_index:04d}-{index:04d}.docx"


class JoinFailed(RemissError):  # noqa: N818 - said as E503 by the build
    """A part of a combined PDF that pikepdf cannot read."""

    def __init__(self, part: PdfPart, reason: str) -> None:
        super().__init__(f"{part.shown or part.title}: {reason}")
        self.part = part
        self.reason = reason


def _open(part: PdfPart, data: bytes) -> object:
    import pikepdf

    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise JoinFailed(part, "filen är lösenordsskyddad") from None
    except pikepdf.PdfError:
        raise JoinFailed(part, "filen är skadad eller ingen PDF") from None


@dataclass
class Joined:
    """A combined PDF, and the attachments that do not say they are PDF/A."""

    data: bytes
    not_pdfa: list[PdfPart] = field(default_factory=list)


def join(
    plan: CombinedPdf, pdfs: list[bytes], when: datetime, pdfa: bool = False
) -> Joined:
    """Return the parts' PDFs (in the plan's order) as one PDF with an outline.

    The first part (the agenda) is the base: its document information,
    language, metadata and PDF/A identification carry over to the whole. With
    `pdfa`, an attachment that does not identify itself as PDF/A takes that
    identification away: the whole would not be what it claims.
    """
    import pikepdf  # convert() checked that it is installed

    with pikepdf.open(io.BytesIO(pdfs[0])) as base:
        others: list[pikepdf.Pdf] = []
        try:
            for part, data in zip(plan.parts[1:], pdfs[1:], strict=True):
                opened = _open(part, data)
                assert isinstance(opened, pikepdf.Pdf)
                others.append(opened)
            headings = [_headings(pdf) for pdf in (base, *others)]
            not_pdfa = [
                part
                for part, other in zip(plan.parts[1:], others, strict=True)
                if pdfa and part.docx is None and not _claims_pdfa(other)
            ]
            if not_pdfa:
                _drop_pdfa_claim(base)
            starts = [0]
            for other in others:
                starts.append(len(base.pages))
                base.pages.extend(other.pages)
            for page in base.pages[starts[1] if len(starts) > 1 else len(base.pages) :]:
                # Their structure trees stay behind: no page may point into
                # the agenda's tree as if it were its own.
                if "/StructParents" in page.obj:
                    del page.obj["/StructParents"]
                for annot in page.obj.get("/Annots", []):
                    if "/StructParent" in annot:
                        del annot["/StructParent"]
            _outline(base, plan, starts, headings)
            base.docinfo["/Title"] = plan.title
            buffer = io.BytesIO()
            base.save(buffer)
        finally:
            for other in others:
                other.close()
    return Joined(normalise(buffer.getvalue(), when), not_pdfa)


def _claims_pdfa(pdf: object) -> bool:
    """Whether a PDF's metadata identifies it as PDF/A (a claim, not a
    validation: no validator is at hand)."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        return bool(str(meta.get("pdfaid:part", "")).strip())
    except (pikepdf.PdfError, ValueError, KeyError):
        return False


def _drop_pdfa_claim(pdf: object) -> None:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        for key in ("pdfaid:part", "pdfaid:conformance", "pdfaid:amd"):
            if key in meta:
                del meta[key]


@dataclass
class Heading:
    """An entry of a part's own outline: its page in the part, and where."""

    title: str
    page: int
    top: float | None = None
    children: list[Heading] = field(default_factory=list)


def _headings(pdf: object) -> list[Heading]:
    """Return a part's own outline. A single top entry (the document's
    title, which the combined outline already names) gives its children."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    try:  # an attachment's outline may be broken or loop: then it has none
        with pdf.open_outline(strict=True) as outline:
            items = list(outline.root)
            if len(items) == 1:
                items = list(items[0].children)
            return _read(pdf, items, 0)
    except (pikepdf.PdfError, pikepdf.OutlineStructureError, RecursionError):
        return []


def _read(pdf: object, items: list[object], depth: int) -> list[Heading]:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    out = []
    for item in items:
        assert isinstance(item, pikepdf.OutlineItem)
        dest = item.destination
        if depth > 6 or not isinstance(dest, pikepdf.Array) or len(dest) < 2:
            continue  # named or missing destinations are left out
        try:
            page = pdf.pages.index(pikepdf.Page(dest[0]))
        except (ValueError, TypeError, pikepdf.PdfError):
            continue
        top = None
        if dest[1] == pikepdf.Name.XYZ and len(dest) > 3:
            try:
                top = float(dest[3])
            except (TypeError, ValueError):
                top = None
        children = _read(pdf, list(item.children), depth + 1)
        out.append(Heading(str(item.title), page, top, children))
    return out


def _outline(
    pdf: object, plan: CombinedPdf, starts: list[int], headings: list[list[Heading]]
) -> None:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)

    def graft(entry: pikepdf.OutlineItem, found: list[Heading], start: int) -> None:
        for heading in found:
            if heading.top is not None:
                child = pikepdf.OutlineItem(
                    heading.title, start + heading.page, "XYZ", top=heading.top
                )
            else:
                child = pikepdf.OutlineItem(heading.title, start + heading.page)
            graft(child, heading.children, start)
            entry.children.append(child)

    with pdf.open_outline() as outline:
        outline.root.clear()
        parent = None
        for part, start, found in zip(plan.parts, starts, headings, strict=True):
            entry = pikepdf.OutlineItem(part.title, start)
            graft(entry, found, start)
            if part.level == 0 or parent is None:
                outline.root.append(entry)
                parent = entry
            else:
                parent.children.append(entry)
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
