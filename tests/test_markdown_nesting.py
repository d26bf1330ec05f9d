"""The Markdown reader survives any nesting and size, and loses no words.

Generated texts nest lists, numbered lists, block quotes, emphasis, strong
text and links inside one another, deeper than anyone writes, and repeat
them many times. `parse_document` must return a document (no RecursionError,
no other exception), keep list levels within the nine Word can show, and keep
every word of the text.
"""

from __future__ import annotations

import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remiss.blocks import Document, Paragraph, Table
from remiss.text.parse import MAX_LIST_LEVEL, parse_document

SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

WORD = re.compile(r"w\d+")


class _Words:
    """Hands out words w0, w1, … so that each one can be found again."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"w{self.count}"


@st.composite
def inline(draw: st.DrawFn, words: _Words, depth: int) -> str:
    """Draw a line of text with emphasis, strong text and links `depth` deep."""
    text = words()
    for level in range(depth):
        form = draw(st.integers(0, 5))
        if form == 0:
            text = f"*{text}*"
        elif form == 1:
            text = f"**{text}**"
        elif form == 2:
            text = f"_{text}_"
        elif form == 3:
            text = f"[{text}](https://exempel.se/{level})"
        elif form == 4:
            text = f"{words()} {text} {words()}"
        else:
            text = f"***{text}***"
    return text


@st.composite
def block(draw: st.DrawFn, words: _Words, depth: int) -> list[str]:
    """Draw the lines of a block nested `depth` deep: lists and quotes."""
    lines = [draw(inline(words, draw(st.integers(0, 6))))]
    for _ in range(depth):
        if draw(st.booleans()):  # a sibling paragraph before or after
            sibling = draw(inline(words, draw(st.integers(0, 3))))
            lines = (
                [sibling, "", *lines] if draw(st.booleans()) else [*lines, "", sibling]
            )
        form = draw(st.integers(0, 2))
        if form == 2:  # a block quote
            lines = [f"> {line}" if line else ">" for line in lines]
            continue
        marker = "- " if form == 0 else f"{draw(st.integers(1, 9))}. "
        indent = " " * len(marker)
        first, *rest = lines
        lines = [marker + first, *(indent + line if line else "" for line in rest)]
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    words = _Words()
    depths = draw(st.lists(st.integers(0, 60), min_size=1, max_size=4))
    emphasis = draw(st.integers(0, 60))
    blocks = ["\n".join(draw(block(words, depth))) for depth in depths]
    blocks.append(draw(inline(words, emphasis)))
    return "\n\n".join(blocks) + "\n"


SIZED = st.one_of(
    st.integers(0, 400).map(
        lambda n: "".join("  " * i + f"- w{i}\n" for i in range(n))
    ),
    st.integers(0, 400).map(
        lambda n: "".join("   " * i + f"1. w{i}\n" for i in range(n))
    ),
    st.integers(0, 3000).map(lambda n: "> " * n + "w0\n"),
    st.integers(0, 3000).map(lambda n: "- " * n + "w0\n"),
    st.integers(0, 3000).map(lambda n: "- > " * n + "w0\n"),
    st.integers(0, 3000).map(lambda n: "*_" * n + "w0" + "_*" * n + "\n"),
    st.integers(0, 3000).map(lambda n: "**" * n + "w0" + "**" * n + "\n"),
    st.integers(0, 3000).map(lambda n: "[" * n + "w0" + "](u)" * n + "\n"),
    st.integers(0, 3000).map(lambda n: "![" * n + "w0" + "](u)" * n + "\n"),
    st.integers(0, 3000).map(lambda n: "| w0 |\n|---|\n" + "| w1 |\n" * n),
)


def _text(document: Document) -> str:
    parts: list[str] = []
    for item in document.blocks:
        if isinstance(item, Paragraph):
            parts.extend(r.text for r in item.runs)
        elif isinstance(item, Table):
            for row in [item.header, *item.rows]:
                for cell in row:
                    parts.extend(r.text for r in cell)
        parts.append("\n")
    return "".join(parts)


def _reads_whole(markdown: str) -> None:
    document = parse_document(markdown)
    levels = [b.level for b in document.blocks if isinstance(b, Paragraph)]
    assert all(0 <= level <= MAX_LIST_LEVEL for level in levels), max(levels)
    found = set(WORD.findall(_text(document)))
    assert set(WORD.findall(markdown)) <= found, markdown[:200]


@SETTINGS
@given(documents())
def test_nested_blocks_and_emphasis_are_read_whole(markdown: str) -> None:
    _reads_whole(markdown)


@SETTINGS
@given(SIZED)
def test_deep_and_long_markdown_is_read_whole(markdown: str) -> None:
    _reads_whole(markdown)


def test_deep_lists_keep_to_the_levels_word_shows() -> None:
    markdown = "".join("  " * i + f"- w{i}\n" for i in range(20))
    document = parse_document(markdown)
    levels = [b.level for b in document.blocks if isinstance(b, Paragraph)]
    assert levels == [*range(MAX_LIST_LEVEL + 1), *[MAX_LIST_LEVEL] * 11]
    assert MAX_LIST_LEVEL == 8


def test_a_thousand_levels_take_little_time() -> None:
    started = time.perf_counter()
    for markdown in (
        "> " * 1000 + "w0\n",
        "- " * 1000 + "w0\n",
        "*_" * 1000 + "w0" + "_*" * 1000 + "\n",
        "".join("  " * i + f"- w{i}\n" for i in range(300)),
    ):
        _reads_whole(markdown)
    assert time.perf_counter() - started < 5.0
