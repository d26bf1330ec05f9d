"""The prose reader reads what it takes exactly as the full Markdown parser.

The reader (remiss.text.prose) takes chunks of plain prose, headings, simple
lists and pipe tables; everything else goes to mistune. These tests compare
the two readers block by block on hand-picked edge cases and on generated
texts mixing every construct the reader must recognise and refuse.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from remiss.blocks import Document, Paragraph
from remiss.text import parse

ROOT = Path(__file__).resolve().parents[1]


def _full(text: str, style: str | None) -> Document:
    doc = Document()
    parse._blocks(parse._nodes(text), doc, style, 0)
    return doc


def _with_reader(text: str, style: str | None) -> Document:
    doc = Document()
    parse._segment_blocks(text, doc, style)
    return doc


EDGE_CASES = [
    "Förvaltningen tycker så.\nDet är 2011 nu.",
    "En rad\\\nen till\\\nsista\\",
    "- a\n\n- b",  # one loose list, not two
    "- a\n- b\n\n  fortsättning",
    "1. a\n\n10.",
    "Text\n1. punkt\n\n2. nästa",  # a list that starts inside a chunk
    "- a\n* b",  # another bullet is another list
    "1. a\n2) b",
    "10. tio\n    fortsätter\n11. elva",
    "## Rubrik\nText direkt under",
    "Text\n## Rubrik",
    "####### sju",
    "# Rubrik #",
    "Text\n===",
    "Text\n---",
    "**Fet** och (**fet**) och **fet**.",
    "a**b** och **x **och ** y**",
    "**100,0\xa0%**",
    "*kursiv* och (*kursiv*) och *kursiv.* och a*b* och * x*",
    "*x**y**z* och **x *y* z**",
    "**x.**\\\nnästa",
    "***x***",
    "| A | B |\n|:--|--:|\n| x | **1\xa0277** |\n|  | \xa0 |",
    "| A | B |\n| x | 1 |",
    "| A | B |\n|---|---|\n| x |",
    "|\n|",
    "Text med\xa0hårt mellanslag\n\xa0\nnästa",
    "Rad\n\t\nrad",
    "Rad\n    \nrad",
    "> citat\n\nText",
    "[a]: http://x.se\n\nSe [a].",
    "```\n\nText\n\n```",
    "<!--\n\nText\n\n-->",
    "Text med \u2028 radskifte",
    "Text\x85med NEL",
]


@pytest.mark.parametrize("text", EDGE_CASES)
@pytest.mark.parametrize("style", [None, "Quote"])
def test_edge_cases_read_as_the_full_parser_reads_them(
    text: str, style: str | None
) -> None:
    full, read = _full(text, style), _with_reader(text, style)
    assert read.blocks == full.blocks
    assert read.list_count == full.list_count


WORDS = ["ord", "Åsa", "år", "2011", "(V)", "1\xa0277", "4,9", "%", "–", "”", "»"]
WORDS += ["é", "x.", "sa:", "a@b.se", "http://x.se", "ǅ", "٣", "²", "{", "$", "'"]
WORDS += ['"', "-", "1.", "2)"]
STRONG = ["**ord**", "**4,9\xa0%**", "**x%**\\", "**x.**\\", "**x:** ", "**x?**)"]
STRONG += ["**Å t**", "(**x**)", "**x**.", "**x**)", "a**b**", "**x**,", "** x**"]
STRONG += ["**x **", "***x***", "*x*", "**x**y", "**.x**", "__x__", "**–x**", "”**x**”"]
STRONG += ["(*x*)", "*x*.", "*x.*", "a*b*", "* x*", "*x *", "*x**y**z*", "**x *y* z**"]
SPECIAL = ["*", "_", "`", "\\", "[", "]", "<", ">", "&", "!", "~", "|", "#", "=", "+"]
SPECIAL += ["\t", "  ", "\xa0", "\u2009", "\x85", "\u2028"]
STARTS = ["", "", "", "", "", "- ", "- ", "* ", "+ ", "1. ", "2. ", "1) ", "10. "]
STARTS += ["§ ", "…", "(", "”", "'", ":", ".", "%", "/", "$", "{", "–", ":::", "^"]
STARTS += ["@", ",", "?", ")", "\xa0", "\u3000", "1"]
STARTS += ["> ", "# ", "## ", "###### ", "####### ", "#", "    ", "  ", "   ", "\t"]
STARTS += ["|", "---", "===", "***", "-", "**"]
LINES = ["Förvaltningen tycker så.", "Det är 2011 nu", "- en punkt", "1. första"]
LINES += [
    "2010. Sedan",
    "1. ett",
    "01) noll",
    "## 1.\tRubrik",
    "#### 5 a)\tx",
    "| 1. | - x |",
]
LINES += ["2. andra", "  fortsätter här", "## Rubrik", "**Fet** text här"]
LINES += ["rad med brytning\\", "| A | B |", "|:--|--:|", "|---|:-:|", "| x | 1 |"]
LINES += ["| **T** | 2\xa0% |", "||x|", "| a |", "| 1. x | - |", "|", "| a | b | c |"]
LINES += ["|  | \xa0 |", "| - | --- |", "|:--| -- |"]


def _line(r: random.Random) -> str:
    line = r.choice(STARTS)
    for _ in range(r.randint(0, 6)):
        x = r.random()
        pool = WORDS if x < 0.5 else STRONG if x < 0.8 else SPECIAL if x < 0.85 else []
        line += r.choice(pool) if pool else "och"
        if r.random() < 0.7:
            line += " "
    if r.random() < 0.5:
        line = line.rstrip(" ")
    if r.random() < 0.15:
        line += "\\"
    return line


def _text(r: random.Random) -> str:
    lines = []
    for _ in range(r.randint(1, 14)):
        x = r.random()
        if x < 0.22:
            lines.append(r.choice(["", "", " ", "   ", "    ", "\t"]))
        elif x < 0.4:
            lines.append(r.choice(LINES))
        else:
            lines.append(_line(r))
    return "\n".join(lines)


def _unordered(doc: Document) -> list[str]:
    return sorted(
        repr(replace(b, list_id=None)) if isinstance(b, Paragraph) else repr(b)
        for b in doc.blocks
    )


@pytest.mark.parametrize("seed", range(4))
def test_generated_texts_read_as_the_full_parser_reads_them(seed: int) -> None:
    r = random.Random(seed)
    read_by_reader = 0
    for _ in range(1000):
        text, style = _text(r), r.choice([None, "Quote"])
        full, read = _full(text, style), _with_reader(text, style)
        if read.blocks != full.blocks and ">" in text:
            # mistune can put a block quote after the list that follows it,
            # and so number the lists in another order; both readers keep
            # every block, only the order and the list numbers may differ.
            assert _unordered(read) == _unordered(full), text
            continue
        assert read.blocks == full.blocks, text
        assert read.list_count == full.list_count, text
        read_by_reader += bool(read.blocks)
    assert read_by_reader > 700  # the texts are not all empty


def test_the_example_case_needs_no_markdown_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The seed case's text is all prose, headings, lists and a pipe table."""
    markdown = (ROOT / "output" / "forsokslagenheter.md").read_text("utf-8")
    with monkeypatch.context() as full_parser_only:
        full_parser_only.setattr(
            parse,
            "_segment_blocks",
            lambda text, doc, style: parse._blocks(parse._nodes(text), doc, style, 0),
        )
        expected = parse.parse_document(markdown)

    def refuse(text: str) -> list[dict[str, object]]:
        raise AssertionError(f"the full parser was asked to read {text!r}")

    monkeypatch.setattr(parse, "_nodes", refuse)
    assert parse.parse_document(markdown) == expected


# Each is built in the child process from this expression.
HOSTILE_LINES = [
    '"**a** " * 5000 + "x`"',  # many pairs, then a character the reader refuses
    '"**a.** " * 5000 + "`"',
    '"(**a**)" * 5000 + "<"',
    '"**a " * 5000',  # openers without closers
    '"a " * 5000 + "**" + "b " * 5000',
    '"**" * 10000',
    '"*a* " * 5000 + "x`"',
    '"*a " * 5000',
    '"*a**b** " * 5000 + "`"',
]


def test_hostile_lines_are_read_in_linear_time() -> None:
    """A line the reader refuses must fail fast, not by trying every way.

    Run in a child process with a generous limit: a pattern that backtracks
    through 2^n ways does not finish 5 000 pairs in any lifetime, a linear
    one takes milliseconds, so the limit cannot make a slow machine fail.
    """
    import subprocess
    import sys

    program = "from remiss.text.parse import parse_document\n" + "".join(
        f"line = {expression}\nparse_document(line + '\\n\\n' + line)\n"
        for expression in HOSTILE_LINES
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
