"""Changes in the text a reader sees, marked word by word.

Words and whole numbers are the units (`formatting.word_tokens`): `1 565`
becoming `1 592` is one changed number, never `1 [-565-]{+592+}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from remiss.blocks import word_tokens
from remiss.review.readtext import Line, reader_lines

RED, GREEN, RESET = "\x1b[31m", "\x1b[32m", "\x1b[0m"

# Two changed lines closer than this are taken as one line edited, not as
# one removed and another added.
_PAIR_RATIO = 0.4
_MAX_PAIRS = 2_500


def word_diff(old: str, new: str, *, color: bool) -> list[str]:
    """Return the changed lines of two rendered Markdown texts, marked word
    by word in the text a reader sees.

    Without colour, deletions are `[-so-]` and insertions `{+so+}` as in
    `git diff --word-diff`; each change is preceded by its heading.
    """
    return line_diff(reader_lines(old), reader_lines(new), color=color)


def line_diff(a: list[Line], b: list[Line], *, color: bool) -> list[str]:
    """Return the changes between two texts' lines, under `@@ heading @@`."""
    matcher = SequenceMatcher(None, [x.text for x in a], [y.text for y in b], False)
    lines: list[str] = []
    heading: str | None = None
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for old, new in _paired(a[i1:i2], b[j1:j2]):
            here = (new or old or Line("", "")).heading
            if here != heading:
                heading = here
                lines.append(f"@@ {heading} @@")
            if old is not None and new is not None:
                lines.append(mark_words(old.text, new.text, color))
            elif old is not None:
                lines.append(_deleted(old.text, color))
            elif new is not None:
                lines.append(_inserted(new.text, color))
    return lines


def _paired(
    olds: list[Line], news: list[Line]
) -> list[tuple[Line | None, Line | None]]:
    """Pair each edited line with its new version, in order; a line with no
    similar partner is removed or added whole."""
    if not olds or not news or len(olds) * len(news) > _MAX_PAIRS:
        if olds and news:  # too many to weigh: in order, as far as they go
            return [
                *zip(olds, news, strict=False),
                *_paired(olds[len(news) :], news[len(olds) :]),
            ]
        return [(x, None) for x in olds] + [(None, y) for y in news]
    if len(olds) == len(news) == 1:
        return [(olds[0], news[0])]  # one line in place of another: edited
    best, at = 0.0, (0, 0)
    for i, old in enumerate(olds):
        for j, new in enumerate(news):
            ratio = _similarity(old.text, new.text)
            if ratio > best:
                best, at = ratio, (i, j)
    if best < _PAIR_RATIO:
        return [(x, None) for x in olds] + [(None, y) for y in news]
    i, j = at
    return [
        *_paired(olds[:i], news[:j]),
        (olds[i], news[j]),
        *_paired(olds[i + 1 :], news[j + 1 :]),
    ]


def _similarity(old: str, new: str) -> float:
    return SequenceMatcher(None, word_tokens(old), word_tokens(new), False).ratio()


def _deleted(text: str, color: bool) -> str:
    return f"{RED}{text}{RESET}" if color else f"[-{text}-]"


def _inserted(text: str, color: bool) -> str:
    return f"{GREEN}{text}{RESET}" if color else f"{{+{text}+}}"


def mark_words(old: str, new: str, color: bool) -> str:
    """Return NEW with OLD's removed words and NEW's added ones marked.

    A space alone between two changes joins them, so a changed phrase reads
    `[-gammal text-]{+ny text+}` rather than word by word.
    """
    a, b = word_tokens(old), word_tokens(new)
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    spans: list[tuple[bool, list[str], list[str]]] = []  # changed, old, new
    for op, i1, i2, j1, j2 in ops:
        changed = op != "equal"
        joinable = not changed and _spaces(b[j1:j2]) and spans
        if joinable and spans[-1][0] and _changed_after(ops, j2):
            spans[-1][1].extend(a[i1:i2])
            spans[-1][2].extend(b[j1:j2])
        elif changed and spans and spans[-1][0]:
            spans[-1][1].extend(a[i1:i2])
            spans[-1][2].extend(b[j1:j2])
        else:
            spans.append((changed, list(a[i1:i2]), list(b[j1:j2])))
    out: list[str] = []
    for changed, gone, came in spans:
        if not changed:
            out.append("".join(came))
            continue
        if gone:
            out.append(_deleted("".join(gone), color))
        if came:
            out.append(_inserted("".join(came), color))
    return "".join(out)


def _spaces(tokens: list[str]) -> bool:
    """Return whether tokens are spaces only (a tab between cells is not)."""
    text = "".join(tokens)
    return bool(text) and not text.strip(" \u00a0\u202f")


def _changed_after(ops: Sequence[tuple[str, int, int, int, int]], j: int) -> bool:
    return any(op != "equal" and j1 == j for op, _i1, _i2, j1, _j2 in ops)
