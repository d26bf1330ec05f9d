"""The document model: paragraphs with styles, runs, lists and tables.

Markdown is read into it (`text.parse`); the Word writer and the redline
work on it. It imports nothing of remiss."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

STRONG = "Strong"


EMPHASIS = "Emphasis"


CODE = "HTML Code"


LINK = "Hyperlink"


@dataclass(slots=True)
class Run:
    """A piece of text with its character styles; `\\t` and `\\n` are tab and break."""

    text: str
    marks: tuple[str, ...] = ()
    link: str | None = None
    change: str = ""  # "" unchanged, "+" inserted, "-" deleted (redlines)
    image: str | None = None  # an image's file name; `text` is its alt text


@dataclass(slots=True)
class Paragraph:
    style: str
    runs: list[Run]
    list_id: int | None = None
    level: int = 0
    ordered: bool = False
    columns: int = 0
    change: str = ""  # the paragraph mark: "" unchanged, "+" inserted, "-" deleted
    heading: int = 0  # the level of a heading set in a style of its own

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(slots=True)
class Table:
    header: list[list[Run]]
    rows: list[list[list[Run]]]
    right: list[bool]
    row_changes: list[str] = field(default_factory=list)  # per body row, redlines
    header_change: str = ""


Block = Union[Paragraph, Table]  # noqa: UP007 - a runtime alias on 3.10


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    list_count: int = 0


LIVE_SCHEMES = ("http", "https", "mailto")
_INVISIBLE = dict.fromkeys(range(0x21), None) | {0x7F: None}


def is_live_link(url: str) -> bool:
    """Return whether a link may be clickable in a document: http, https,
    mailto, or relative to the document. `javascript:`, `data:`, `file:` and
    the like are shown as text instead.

    Browsers ignore tabs and line breaks inside a scheme (`java\tscript:`),
    so they are ignored here too before the scheme is read.
    """
    from urllib.parse import urlsplit

    cleaned = url.translate(_INVISIBLE)
    if cleaned.startswith(("//", "\\\\")) or "\\" in cleaned.split("/")[0]:
        return False  # another host without a scheme, or a Windows share
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in LIVE_SCHEMES or scheme == ""


# -- words and numbers, the units a reader compares ---------------------------

_GROUP_SPACE = " \u00a0\u202f\u2009"
# A Swedish number is one word: `1 565` (a space, a hard or a thin space
# between thousands), `26,3 %`, `−33` or `-33`, `2011:31`, `2011-08-31`,
# `325-827/2011`, `18.00`. Digit groups join only in threes after a first
# group of one to three digits, so `år 2011 150 lägenheter` stays two numbers.
_NUMBER = (
    rf"(?:(?<!\w)[-−+](?=\d))?"
    rf"(?:\d{{1,3}}(?:[{_GROUP_SPACE}]\d{{3}}(?!\d))+|\d+)"
    rf"(?:[,.:/\-]\d+)*"
    rf"(?:[{_GROUP_SPACE}]?%)?"
    rf"(?!\w)"
)
WORD_TOKENS = re.compile(rf"{_NUMBER}|\s+|\w+|[^\w\s]", re.UNICODE)


def word_tokens(text: str) -> list[str]:
    """Split text into what a reader compares: words, whole numbers, spaces
    and single punctuation marks; joined again they give the text back."""
    return WORD_TOKENS.findall(text)
