"""A meeting's combined PDF: the parts' own PDFs joined, with an outline.

Each handling was converted on its own, so its "Sida x (y)" counts its own
pages; joined here, they keep those numbers. The outline has an entry for
the agenda, for every agenda item with a handling, and under it for the
handling and each of its attachments.
"""

from __future__ import annotations

import io
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


def join(plan: CombinedPdf, pdfs: list[bytes], when: datetime) -> bytes:
    """Return the parts' PDFs (in the plan's order) as one PDF with an outline.

    The first part (the agenda) is the base: its document information,
    language, metadata and PDF/A identification carry over to the whole.
    """
    import pikepdf  # convert() checked that it is installed

    with pikepdf.open(io.BytesIO(pdfs[0])) as base:
        others: list[pikepdf.Pdf] = []
        try:
            for part, data in zip(plan.parts[1:], pdfs[1:], strict=True):
                opened = _open(part, data)
                assert isinstance(opened, pikepdf.Pdf)
                others.append(opened)
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
            _outline(base, plan, starts)
            base.docinfo["/Title"] = plan.title
            buffer = io.BytesIO()
            base.save(buffer)
        finally:
            for other in others:
                other.close()
    return normalise(buffer.getvalue(), when)


def _outline(pdf: object, plan: CombinedPdf, starts: list[int]) -> None:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    with pdf.open_outline() as outline:
        outline.root.clear()
        parent = None
        for part, start in zip(plan.parts, starts, strict=True):
            entry = pikepdf.OutlineItem(part.title, start)
            if part.level == 0 or parent is None:
                outline.root.append(entry)
                parent = entry
            else:
                parent.children.append(entry)
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
