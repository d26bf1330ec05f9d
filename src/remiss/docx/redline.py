"""Compare two document models and mark every difference as a tracked change.

The result is NEW's document in which deleted text is kept inside w:del and
added text inside w:ins, so "accept all" gives NEW and "reject all" gives OLD.
Paragraphs, list items, headings and table cells are compared word by word;
a paragraph, table row or section that exists on one side only is marked as
inserted or deleted whole.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from remiss.blocks import WORD_TOKENS as _TOKEN
from remiss.blocks import Block, Document, Paragraph, Run, Table

_PAIR_RATIO = 0.35


Token = tuple[str, tuple[str, ...], "str | None"]


def _tokens(runs: list[Run]) -> list[Token]:
    out: list[Token] = []
    for r in runs:
        for piece in _TOKEN.findall(r.text):
            out.append((piece, r.marks, r.link))
    return out


def _runs(tokens: list[Token], change: str) -> list[Run]:
    out: list[Run] = []
    for text, marks, link in tokens:
        last = out[-1] if out else None
        if last and last.marks == marks and last.link == link and last.change == change:
            last.text += text
        else:
            out.append(Run(text, marks, link, change))
    return out


def diff_runs(old: list[Run], new: list[Run]) -> list[Run]:
    """Return NEW's runs with OLD's removed words kept as deletions."""
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    out: list[Run] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(_runs(b[j1:j2], ""))
            continue
        if op in ("delete", "replace"):
            out.extend(_runs(a[i1:i2], "-"))
        if op in ("insert", "replace"):
            out.extend(_runs(b[j1:j2], "+"))
    return _merge(out)


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        last = out[-1] if out else None
        if (
            last
            and (last.marks, last.link, last.change) == (r.marks, r.link, r.change)
            and "\n" not in (last.text + r.text)
        ):
            last.text += r.text
        else:
            out.append(Run(r.text, r.marks, r.link, r.change))
    return out


def _text(block: Block) -> str:
    if isinstance(block, Table):
        cells = [block.header, *block.rows]
        return "\n".join(
            "|".join("".join(r.text for r in cell) for cell in row) for row in cells
        )
    return block.text


def _kind(block: Block) -> tuple[str, ...]:
    if isinstance(block, Table):
        return ("tabell", str(len(block.header)))
    return ("stycke", block.style)


def _whole(block: Block, change: str) -> Block:
    if isinstance(block, Table):
        mark = [
            [[replace(r, change=change) for r in cell] for cell in row]
            for row in block.rows
        ]
        header = [[replace(r, change=change) for r in cell] for cell in block.header]
        return Table(
            header,
            mark,
            list(block.right),
            row_changes=[change] * len(block.rows),
            header_change=change,
        )
    return replace(
        block, runs=[replace(r, change=change) for r in block.runs], change=change
    )


def _pair_table(old: Table, new: Table) -> Table:
    """Compare two tables with the same columns, row by row and cell by cell."""
    header = [diff_runs(o, n) for o, n in zip(old.header, new.header, strict=True)]

    def key(row: list[list[Run]]) -> str:
        return "".join(r.text for r in row[0]) if row else ""

    matcher = SequenceMatcher(
        None, [key(r) for r in old.rows], [key(r) for r in new.rows], autojunk=False
    )
    rows: list[list[list[Run]]] = []
    changes: list[str] = []
    width = len(new.header)

    def pad(row: list[list[Run]]) -> list[list[Run]]:
        return row + [[] for _ in range(width - len(row))]

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for o, n in zip(old.rows[i1:i2], new.rows[j1:j2], strict=True):
                rows.append(
                    [diff_runs(a, b) for a, b in zip(pad(o), pad(n), strict=True)]
                )
                changes.append("")
            continue
        olds, news = old.rows[i1:i2], new.rows[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for o, n in zip(olds[:paired], news[:paired], strict=True):
            rows.append([diff_runs(a, b) for a, b in zip(pad(o), pad(n), strict=True)])
            changes.append("")
        for o in olds[paired:]:
            rows.append([[replace(r, change="-") for r in cell] for cell in pad(o)])
            changes.append("-")
        for n in news[paired:]:
            rows.append([[replace(r, change="+") for r in cell] for cell in pad(n)])
            changes.append("+")
    return Table(header, rows, list(new.right), row_changes=changes)


def _pair(old: Block, new: Block) -> Block:
    if isinstance(old, Table) and isinstance(new, Table):
        return _pair_table(old, new)
    assert isinstance(old, Paragraph)
    assert isinstance(new, Paragraph)
    return replace(new, runs=diff_runs(old.runs, new.runs))


def _similar(old: Block, new: Block) -> bool:
    if _kind(old) != _kind(new):
        return False
    if isinstance(old, Table):
        return True
    return SequenceMatcher(None, _text(old), _text(new), autojunk=False).ratio() >= (
        _PAIR_RATIO
    )


def _changed_range(olds: list[Block], news: list[Block]) -> list[Block]:
    """Pair similar blocks in order; the rest are deleted or inserted whole."""
    out: list[Block] = []
    i = 0
    for new in news:
        match = next((k for k in range(i, len(olds)) if _similar(olds[k], new)), None)
        if match is None:
            out.append(_whole(new, "+"))
            continue
        out.extend(_whole(o, "-") for o in olds[i:match])
        out.append(_pair(olds[match], new))
        i = match + 1
    out.extend(_whole(o, "-") for o in olds[i:])
    return out


def redline(old: Document, new: Document) -> Document:
    """Return NEW with every difference from OLD as a tracked change."""
    keys_old = [(_kind(b), _text(b)) for b in old.blocks]
    keys_new = [(_kind(b), _text(b)) for b in new.blocks]
    matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    blocks: list[Block] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            blocks.extend(new.blocks[j1:j2])
        else:
            blocks.extend(_changed_range(old.blocks[i1:i2], new.blocks[j1:j2]))
    _join_lists(blocks, new.list_count)
    return Document(blocks, max(old.list_count, new.list_count) * 2 + 1)


def _join_lists(blocks: list[Block], offset: int) -> None:
    """Give a deleted list item the list of its neighbours, so that "reject all"
    shows one list, not a list of its own that restarts at 1."""
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.change != "-":
            continue
        if block.list_id is None:
            continue
        neighbour = None
        for step in (-1, 1):
            k = index + step
            while 0 <= k < len(blocks):
                other = blocks[k]
                if isinstance(other, Paragraph) and other.list_id is not None:
                    if other.change != "-" and other.style == block.style:
                        neighbour = other
                    break
                if not (isinstance(other, Paragraph) and other.change == "-"):
                    break
                k += step
            if neighbour is not None:
                break
        if neighbour is not None:
            blocks[index] = replace(block, list_id=neighbour.list_id)
        else:
            blocks[index] = replace(block, list_id=block.list_id + offset)
