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
from typing import Any

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
                start = len(base.pages)
                starts.append(start)
                base.pages.extend(other.pages)
                pages = base.pages[start:]
                if not _graft_structure(base, other, pages):
                    _untag(pages)
            _outline(base, plan, starts, headings)
            base.docinfo["/Title"] = plan.title
            buffer = io.BytesIO()
            base.save(buffer)
        finally:
            for other in others:
                other.close()
    return Joined(normalise(buffer.getvalue(), when), not_pdfa)


def _untag(pages: list[object]) -> None:
    """Leave a part's pages out of the structure tree: no page may point
    into the agenda's tree as if it were its own."""
    for page in pages:
        obj = page.obj  # type: ignore[attr-defined]
        if "/StructParents" in obj:
            del obj["/StructParents"]
        for annot in obj.get("/Annots", []):
            if "/StructParent" in annot:
                del annot["/StructParent"]


def _top(tree: Any) -> Any:
    """Return the single Document element at the top of a structure tree."""
    import pikepdf

    kids = tree.get("/K")
    if isinstance(kids, pikepdf.Array) and len(kids) == 1:
        kids = kids[0]
    if isinstance(kids, pikepdf.Dictionary) and kids.get("/S") == pikepdf.Name.Document:
        return kids
    return None


def _graft_structure(base: object, other: object, pages: list[object]) -> bool:
    """Put a part's structure tree (its tagged headings, paragraphs, lists
    and tables) under the agenda's, as a Part of the whole document, so the
    combined PDF stays tagged throughout. Returns False, changing nothing,
    for a tree of a shape this does not know (then the part goes untagged).

    The part's pages were copied into `base` already; copying its tree with
    the same Pdf reuses those copies, so /Pg points at the combined pages.
    Keys of the parent tree (a page's /StructParents, an annotation's
    /StructParent) are moved past the agenda's own.
    """
    import pikepdf

    assert isinstance(base, pikepdf.Pdf)
    assert isinstance(other, pikepdf.Pdf)
    mine = base.Root.get("/StructTreeRoot")
    theirs = other.Root.get("/StructTreeRoot")
    if mine is None or theirs is None:
        return False
    document, their_document = _top(mine), _top(theirs)
    mine_parents, their_parents = mine.get("/ParentTree"), theirs.get("/ParentTree")
    if (
        document is None
        or their_document is None
        or mine_parents is None
        or their_parents is None
        or "/Nums" not in mine_parents
        or "/Nums" not in their_parents
    ):
        return False  # e.g. a parent tree split into /Kids
    nums = mine_parents.Nums
    keys = [int(k) for k in nums[0::2]]
    offset = max([*keys, -1]) + 1
    offset = max(offset, int(mine.get("/ParentTreeNextKey", 0)))
    if not theirs.is_indirect:
        return False
    their_keys = [int(k) for k in their_parents.Nums[0::2]]
    # Copied as a whole (pikepdf copies indirect objects only); of the copy,
    # its Document element and parent tree are used, the rest is dropped.
    copy = base.copy_foreign(theirs)
    part = _top(copy)
    part.S = pikepdf.Name.Part
    part.P = document
    if not isinstance(document.get("/K"), pikepdf.Array):
        document.K = pikepdf.Array([] if "/K" not in document else [document.K])
    document.K.append(part)
    copied = copy.ParentTree.Nums
    for index in range(0, len(copied), 2):
        nums.append(int(copied[index]) + offset)
        nums.append(copied[index + 1])
    for page in pages:
        obj = page.obj  # type: ignore[attr-defined]
        if "/StructParents" in obj:
            obj.StructParents = int(obj.StructParents) + offset
        for annot in obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + offset
    mine.ParentTreeNextKey = offset + max([*their_keys, -1]) + 1
    roles = theirs.get("/RoleMap")
    if roles is not None:
        if "/RoleMap" not in mine:
            mine.RoleMap = pikepdf.Dictionary()
        for key, value in roles.items():
            if key not in mine.RoleMap:
                mine.RoleMap[key] = value
    return True


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
