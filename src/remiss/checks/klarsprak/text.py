"""Check plain Swedish (klarspråk): LIX, long sentences, stiff words, decisions.

Why: språklagen 11 § requires public Swedish to be "vårdat, enkelt och
begripligt". This module gives officials concrete, positioned findings on the
Markdown texts and the proposed decisions of a case.

Text model, used by every check:

* Markdown is masked before counting, character for character, so offsets in
  the masked text are offsets in the original: heading marks, list markers,
  quote marks, emphasis, link targets, images, inline code, HTML tags, URLs,
  e-mail addresses, fenced blocks and template expressions (`{{ … }}`,
  `{% … %}`, which mostly print numbers) become spaces. Pipe tables are skipped
  for LIX and sentences (their cells are not prose); the word list still
  checks the cell text.
* A word is a run of letters and digits that may be joined inside by a single
  hyphen, apostrophe or colon ("e-post", "LVU:s", "12-årig"), and that holds
  at least one letter. Numbers such as "1 277", "2012–2015" or "13.00" are not
  words. A hyphen at the end is not part of the word, so "försöks- och" is
  the two words "försöks" and "och". A listed abbreviation with its periods
  ("t.ex.", "bl.a.", "p.g.a.", "c:a", "dvs.", "m.m.", "kap." …) is one word.
* A word's length is its number of letters; a long word has more than six.
* A sentence ends after ".", "!", "?" or ":" (with any closing quotes or
  brackets) that is followed by white space or the end of the text, except
  that a "." never ends a sentence when the next word starts with a lower-case
  letter, and the period of an abbreviation ends a sentence only for the
  abbreviations that can close one ("m.m.", "osv.", "etc." …) and only when a
  capital letter follows. A sentence also ends at a blank line, at the end of
  a heading, before each list item, and around tables, fences and rules.
  A sentence needs at least one word to be counted.
* LIX = words / sentences + 100 * long words / words, and 0 for a text
  without words. The band uses LIX rounded half up to a whole number:
  under 25, 25–34, 35–44, 45–54, 55 and over.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

WORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "klarsprak.yaml"


DECISIONS_KEY = "förslag_till_beslut"


W_LIX = "W701"


W_LONG_SENTENCE = "W702"


W_WORD = "W703"


W_NOT_SENTENCE = "W704"


W_NO_COMMITTEE = "W705"


W_ATT_CLAUSE = "W706"


W_FORELIGGANDE = "W707"


LIX_BANDS: tuple[tuple[int, str], ...] = (
    (25, "mycket lättläst (barnböcker)"),
    (35, "lättläst (skönlitteratur, populärtidningar)"),
    (45, "medelsvår (normal tidningstext)"),
    (55, "svår (officiella texter)"),
)


LIX_TOP_BAND = "mycket svår (byråkratsvenska)"


# Abbreviations whose final period never ends a sentence.
_ABBREV_INSIDE = (
    "t.ex.",
    "bl.a.",
    "p.g.a.",
    "pga.",
    "d.v.s.",
    "dvs.",
    "c:a",
    "ca.",
    "kap.",
    "s.k.",
    "jfr.",
    "resp.",
    "fr.o.m.",
    "t.o.m.",
    "f.d.",
    "f.n.",
    "i.st.f.",
    "m.a.o.",
    "t.v.",
    "kl.",
    "nr.",
    "st.",
    "s.",
    "p.",
    "ang.",
    "enl.",
    "inkl.",
    "exkl.",
    "ev.",
    "obs.",
    "tel.",
    "prop.",
)


# Abbreviations that may close a sentence: they do when a capital follows.
_ABBREV_FINAL = (
    "m.m.",
    "m.fl.",
    "o.s.v.",
    "osv.",
    "etc.",
    "o.d.",
    "e.d.",
    "o.dyl.",
    "ff.",
)


_LETTER = r"[^\W\d_]"


_ALNUM = r"[^\W_]"


_WORD_RE = re.compile(
    r"(?P<abbr>(?<![\w.:])(?i:"
    + "|".join(
        re.escape(a) for a in sorted(_ABBREV_INSIDE + _ABBREV_FINAL, key=len)[::-1]
    )
    + r")(?!\w))"
    + rf"|(?P<tok>{_ALNUM}+(?:[-'’:]{_ALNUM}+)*)"
)


_HAS_LETTER = re.compile(_LETTER)


_NON_SPACE = re.compile(r"\S")


_SPACE_BEFORE_MARK = re.compile(r" ([.,:;!?])")


_TERMINATOR = re.compile(r"[.!?:]+[\"'”’»)\]]*(?=\s|$)")


# Template expressions ({{ … }} usually prints a number), masked first.
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


# Line-level Markdown.
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


_DIV_FENCE = re.compile(r"^[ \t]*:::")


_QUOTE = re.compile(r"^(?:[ \t]*>[ \t]?)+")


_HEADING = re.compile(r"^([ \t]{0,3})(#{1,6})(?=[ \t]|$)")


_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


_LIST_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?=[ \t]|$)")


_TASK_BOX = re.compile(r"^[ \t]+\[[ xX]\](?=[ \t])")


_RULE = re.compile(r"^[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*$")


_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S")


_TABLE_DELIM = re.compile(r"^[ \t]*[|:\- \t]*-[|:\- \t]*$")


# Inline Markdown, masked in this order.
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


_LINK = re.compile(r"\[([^\]\n]*)\](\([^)\n]*\)|\[[^\]\n]*\])")


_HTML = re.compile(r"<(?=[A-Za-z/!?])[^>\n]*>")


_URL = re.compile(r"(?:https?://|www\.)[^\s<>()]*[^\s<>().,:;!?'\"]")


# An address starts only where a run of its characters starts: without the
# look-behind, a long run with no "@" was scanned again from each of its
# characters (quadratic); with it, each character is scanned a bounded number
# of times. The matches are the same, as the leftmost start of a run is tried
# first and a later start in the run could only need the same "@".
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")


_ESCAPE = re.compile(r"\\(?=[^\w\s])")


_EMPHASIS = re.compile(r"[*_~]")


_PHRASE_EDGE_BEFORE = r"(?<![\w-])"


_PHRASE_EDGE_AFTER = r"(?![\w-])"


_FORELIGGANDE = re.compile(
    _PHRASE_EDGE_BEFORE
    + r"i\s+enlighet\s+med\s+föreliggande\s+förslag"
    + _PHRASE_EDGE_AFTER,
    re.IGNORECASE,
)


_ATT_START = re.compile(r"^\s*att(?=\s|$)", re.IGNORECASE)


_OPENING = "\"'”’»«(["


_CLOSING = "\"'”’»)]"


@dataclass(frozen=True)
class Lix:
    """A LIX readability value with the counts behind it."""

    words: int
    sentences: int
    long_words: int
    value: float
    band: str

    @classmethod
    def from_counts(cls, words: int, sentences: int, long_words: int) -> Lix:
        """Return the LIX for the given counts."""
        value = 0.0
        if words and sentences:
            value = words / sentences + 100 * long_words / words
        return cls(words, sentences, long_words, value, lix_band(value))

    @property
    def rounded(self) -> int:
        """Return the value rounded half up, as LIX is usually given."""
        return math.floor(self.value + 0.5)

    def __str__(self) -> str:
        return f"LIX {self.rounded} ({self.band})"


@dataclass(frozen=True)
class Finding:
    """One klarspråk problem at a 1-based line and column of a section's text."""

    section: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Report:
    """The outcome of `analyse`: LIX per section, for all sections, findings."""

    sections: dict[str, Lix]
    total: Lix
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class WordEntry:
    """A stiff word or phrase, its inflected forms and the plain alternative."""

    ord: str
    ersätt: str
    böjningar: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Return the base form followed by the inflected forms."""
        return (self.ord, *self.böjningar)


# A kommun's own words: a list of {ord, ersätt, böjningar?} or {ord: ersätt}.
ExtraWords: TypeAlias = (
    Iterable[Mapping[str, Any] | WordEntry] | Mapping[str, str] | None
)


@dataclass(frozen=True)
class Word:
    """One counted word: its offsets in the text and its number of letters."""

    start: int
    end: int
    text: str
    letters: int

    @property
    def is_long(self) -> bool:
        """Return whether the word has more than six letters."""
        return self.letters > 6


@dataclass(frozen=True)
class Sentence:
    """One sentence: where it starts, its plain text and its words."""

    start: int
    line: int
    col: int
    text: str
    words: tuple[Word, ...]


# ---------------------------------------------------------------------------
# Markdown masking


def _blank(text: str) -> str:
    """Return the text with everything but line breaks turned into spaces."""
    return "".join(c if c == "\n" else " " for c in text)


def _mask_inline(line: str) -> str:
    """Return one line with inline Markdown syntax blanked, same length."""
    line = _CODE_SPAN.sub(lambda m: _blank(m.group(0)), line)
    line = _IMAGE.sub(lambda m: _blank(m.group(0)), line)
    line = _LINK.sub(
        lambda m: " " + m.group(1) + _blank(m.group(0)[len(m.group(1)) + 1 :]), line
    )
    for pattern in (_HTML, _URL, _EMAIL, _ENTITY, _ESCAPE, _EMPHASIS):
        line = pattern.sub(lambda m: _blank(m.group(0)), line)
    return line


def _table_lines(lines: list[str]) -> set[int]:
    """Return the indexes of the lines that belong to pipe tables."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("|"):
            found.add(i)
        elif (
            "|" in line
            and i + 1 < len(lines)
            and "|" in lines[i + 1]
            and _TABLE_DELIM.match(lines[i + 1].rstrip("\n"))
        ):
            j = i
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                found.add(j)
                j += 1
    return found


def _mask(text: str, *, tables: bool = False) -> tuple[str, list[int]]:
    """Return the text with Markdown blanked, and the offsets of hard breaks.

    A hard break is an offset where a new sentence must start. With `tables`
    the cell text of pipe tables is kept (pipes and delimiter rows blanked);
    without it, tables are blanked entirely.
    """
    text = _TEMPLATE.sub(lambda m: _blank(m.group(0)), text)
    lines = _LINES.findall(text)  # only "\n" breaks lines, as in _position
    table = _table_lines(lines)
    out: list[str] = []
    breaks: list[int] = []
    offset = 0
    fence: str | None = None
    for i, raw in enumerate(lines):
        body = raw.rstrip("\r\n")
        ending = raw[len(body) :]
        start, end = offset, offset + len(raw)
        offset = end
        fence_match = _FENCE.match(body)
        if fence is not None or fence_match:
            if fence is None and fence_match:
                fence = fence_match.group(1)[0] * 3
            elif fence is not None and body.strip().startswith(fence):
                fence = None
            out.append(_blank(raw))
            breaks += [start, end]
            continue
        if i in table:
            breaks += [start, end]
            if tables and not _TABLE_DELIM.match(body):
                out.append(_mask_inline(body.replace("|", " ")) + ending)
            else:
                out.append(_blank(raw))
            continue
        if (
            not body.strip()
            or _DIV_FENCE.match(body)
            or _RULE.match(body)
            or _LINK_DEF.match(body)
        ):
            out.append(_blank(raw))
            breaks += [start, end]
            continue
        prefix = ""
        quote = _QUOTE.match(body)
        if quote:
            prefix = _blank(quote.group(0))
            body = body[quote.end() :]
        heading = _HEADING.match(body)
        if heading:
            closing = _HEADING_CLOSE.search(body)
            if closing:
                body = body[: closing.start()] + _blank(closing.group(0))
            prefix += _blank(heading.group(0))
            body = body[heading.end() :]
            breaks += [start, end]
        else:
            item = _LIST_ITEM.match(body)
            if item:
                prefix += _blank(item.group(0))
                body = body[item.end() :]
                box = _TASK_BOX.match(body)
                if box:
                    prefix += _blank(box.group(0))
                    body = body[box.end() :]
                breaks.append(start)
        out.append(prefix + _mask_inline(body) + ending)
    return "".join(out), sorted(set(breaks))


def strip_markdown(text: str) -> str:
    """Return the text as counted: Markdown and tables blanked, same offsets."""
    return _mask(text)[0]


# ---------------------------------------------------------------------------
# Words and sentences


def _position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of an offset in the text."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _words(masked: str) -> list[tuple[Word, str | None]]:
    """Return the words of masked text, each with its abbreviation if it is one."""
    found: list[tuple[Word, str | None]] = []
    for m in _WORD_RE.finditer(masked):
        token = m.group(0)
        if m.group("abbr"):
            letters = sum(c.isalpha() for c in token)
            found.append((Word(m.start(), m.end(), token, letters), token.lower()))
        elif _HAS_LETTER.search(token):
            letters = sum(c.isalpha() for c in token)
            found.append((Word(m.start(), m.end(), token, letters), None))
    return found


def _next_char(masked: str, offset: int) -> str:
    """Return the first non-space character at or after offset, or ''."""
    m = _NON_SPACE.search(masked, offset)
    return m.group(0) if m else ""


def _sentence_ends(masked: str, words: list[tuple[Word, str | None]]) -> list[int]:
    """Return the offsets just after each sentence-ending punctuation mark."""
    abbrev_at = {w.end - 1: abbr for w, abbr in words if abbr and abbr[-1] == "."}
    ends: list[int] = []
    for m in _TERMINATOR.finditer(masked):
        marks = m.group(0).rstrip(_CLOSING)
        following = _next_char(masked, m.end())
        if set(marks) == {"."}:
            abbr = abbrev_at.get(m.start())
            if abbr is not None:
                if abbr not in _ABBREV_FINAL or not following[:1].isupper():
                    continue
            elif following[:1].isalpha() and following[:1].islower():
                continue
        ends.append(m.end())
    return ends


def _split(text: str) -> list[Sentence]:
    """Return the sentences of a Markdown text."""
    masked, breaks = _mask(text)
    words = _words(masked)
    bounds = sorted(set(breaks) | set(_sentence_ends(masked, words)))
    groups: dict[int, list[Word]] = {}
    for word, _ in words:
        groups.setdefault(bisect_right(bounds, word.start), []).append(word)
    sentences: list[Sentence] = []
    for index, group in groups.items():
        begin = bounds[index - 1] if index > 0 else 0
        stop = bounds[index] if index < len(bounds) else len(masked)
        lead = _NON_SPACE.search(masked, begin, group[0].start + 1)
        start = lead.start() if lead else group[0].start
        line, col = _position(text, start)
        plain = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(masked[start:stop].split()))
        sentences.append(Sentence(start, line, col, plain, tuple(group)))
    return sentences


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of a Markdown text as LIX counts them."""
    return _split(text)


def lix_band(value: float) -> str:
    """Return the Swedish name of the LIX band for a value."""
    rounded = math.floor(value + 0.5)
    for limit, name in LIX_BANDS:
        if rounded < limit:
            return name
    return LIX_TOP_BAND


def lix(text: str) -> Lix:
    """Return the LIX of a Markdown text."""
    sentences = _split(text)
    words = [w for s in sentences for w in s.words]
    return Lix.from_counts(len(words), len(sentences), sum(w.is_long for w in words))


def long_sentences(text: str, limit: int = 25, *, section: str = "") -> list[Finding]:
    """Return a finding for each sentence with more than `limit` words."""
    findings = []
    for s in _split(text):
        if len(s.words) > limit:
            findings.append(
                Finding(
                    section,
                    s.line,
                    s.col,
                    W_LONG_SENTENCE,
                    f"meningen har {len(s.words)} ord; gränsen är {limit}",
                    "dela upp meningen i kortare meningar med en tanke i varje",
                )
            )
    return findings
