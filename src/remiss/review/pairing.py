"""Pairing the paragraphs of the document remiss renders with those of the
edited document, and checking an import by rendering the new case."""

from __future__ import annotations

import difflib
import re

from remiss.input.case import load_case_bytes
from remiss.model.project import Project
from remiss.review.importrun import ImportRun, where
from remiss.review.provenance import Untraceable, rendered_blocks
from remiss.review.wordread import Block, WordTable


def key(block: Block) -> tuple:
    if isinstance(block, WordTable):
        return ("T", tuple(block.rows[0]) if block.rows else ())
    return ("P", " ".join(block.text.split()))


def same(a: Block, b: Block) -> bool:
    if isinstance(a, WordTable) or isinstance(b, WordTable):
        return (
            isinstance(a, WordTable)
            and isinstance(b, WordTable)
            and [[c.strip() for c in r] for r in a.rows]
            == [[c.strip() for c in r] for r in b.rows]
        )
    return key(a) == key(b)


def pair_blocks(
    now: list[Block], edited: list[Block]
) -> list[tuple[int | None, int | None]]:
    """Pair rendered and edited blocks in order; None where one side has none."""
    a, b = [key(x) for x in now], [key(x) for x in edited]
    out: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        elif (
            op == "replace"
            and i2 - i1 == j2 - j1
            and all(
                a[i][0] == b[j][0]
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        ):
            out.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            out.extend(_similar(now, edited, i1, i2, j1, j2))
    return out


def _similar(
    now: list[Block], edited: list[Block], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int | None, int | None]]:
    out: list[tuple[int | None, int | None]] = []
    j = j1
    for i in range(i1, i2):
        best = None
        for k in range(j, j2):
            if type(now[i]) is not type(edited[k]):
                continue
            ratio = difflib.SequenceMatcher(
                None, now[i].text, edited[k].text, autojunk=False
            ).ratio()
            if ratio >= 0.5:
                best = k
                break
        if best is None:
            out.append((i, None))
            continue
        out.extend((None, k) for k in range(j, best))
        out.append((i, best))
        j = best + 1
    out.extend((None, k) for k in range(j, j2))
    return out


# -- from pairs to field changes ----------------------------------------------
def verify(run: ImportRun, text: str, project: Project, before: list[Block]) -> None:
    """Render the new case and compare it with the edited document: every
    paragraph must read as in the document, except figures that follow from
    a changed table where the person left the paragraph as it was."""
    result = load_case_bytes(text.encode("utf-8"), run.source.path, project)
    if result.case is None:
        run.found.extend(d for d in result.diagnostics if d.is_error)
        return
    try:
        _data, blocks = rendered_blocks(result, project)
    except Untraceable:
        return
    edited = run.edited.blocks
    untouched = {key(b) for b in before} & {key(b) for b in edited}
    got, wanted = [key(b) for b in blocks], [key(b) for b in edited]
    matcher = difflib.SequenceMatcher(None, got, wanted, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if (
            op == "replace"
            and i2 - i1 == j2 - j1
            and all(
                wanted[j] in untouched and _figures_only(got[i], wanted[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        ):
            continue
        at = min(j1, len(edited) - 1)
        run.at_doc(
            "E802",
            f"{where(edited, at)}: efter importen skulle ärendet ge en annan text här",
            "för in ändringen för hand",
        )
        return


def _figures_only(a: tuple, b: tuple) -> bool:
    """Whether two blocks differ only in figures."""
    digits = re.compile(r"[−-]?\d[\d\s\u00a0,.%]*")
    return digits.sub("#", str(a)) == digits.sub("#", str(b))
