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
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias

import yaml

WORDS_FILE = Path(__file__).resolve().parent / "data" / "klarsprak.yaml"

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
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
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


# ---------------------------------------------------------------------------
# The word list


def _normal(phrase: str) -> str:
    """Return a phrase lower-cased with single spaces, as a lookup key."""
    return " ".join(phrase.split()).casefold()


def _entry(raw: Any, where: str) -> WordEntry:
    """Return a validated word-list entry, or raise ValueError in Swedish."""
    if isinstance(raw, WordEntry):
        return raw
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: skriv posten som 'ord: …' och 'ersätt: …'")
    values: dict[str, Any] = dict(raw)
    for key in ("ord", "ersätt"):
        value = values.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: '{key}' saknas eller är tomt")
    forms = values.get("böjningar") or []
    if isinstance(forms, str):
        forms = [forms]
    if not isinstance(forms, list) or not all(
        isinstance(f, str) and f.strip() for f in forms
    ):
        raise ValueError(f"{where}: 'böjningar' ska vara en lista med ord")
    extra_keys = set(values) - {"ord", "ersätt", "böjningar"}
    if extra_keys:
        names = ", ".join(sorted(extra_keys))
        raise ValueError(
            f"{where}: okänd nyckel {names}; tillåtna är ord, ersätt, böjningar"
        )
    return WordEntry(
        " ".join(values["ord"].split()),
        values["ersätt"].strip(),
        tuple(" ".join(f.split()) for f in forms),
    )


@lru_cache(maxsize=1)
def _builtin() -> tuple[WordEntry, ...]:
    """Return the built-in word list, read once."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{WORDS_FILE}: ordlistan ska vara en lista med poster")
    return tuple(
        _entry(raw, f"{WORDS_FILE.name}, post {i}") for i, raw in enumerate(data, 1)
    )


def load_word_list(
    extra: ExtraWords = None,
) -> list[WordEntry]:
    """Return the built-in word list merged with a kommun's extra entries.

    Entries are keyed by `ord` (case and spacing ignored) and a later entry
    wins: it replaces `ersätt`, and its `böjningar` when it gives any, else
    the earlier entry's inflected forms are kept. New words are appended.
    `extra` may also be a mapping from `ord` to `ersätt`.
    """
    merged: dict[str, WordEntry] = {_normal(e.ord): e for e in _builtin()}
    if isinstance(extra, Mapping):  # the short form `ord: ersätt`
        extra = [{"ord": k, "ersätt": v} for k, v in extra.items()]
    for i, raw in enumerate(extra or [], 1):
        entry = _entry(raw, f"klarspråk, post {i}")
        key = _normal(entry.ord)
        old = merged.get(key)
        if old is not None and not entry.böjningar:
            entry = WordEntry(entry.ord, entry.ersätt, old.böjningar)
        merged[key] = entry
    return list(merged.values())


@lru_cache(maxsize=16)
def _compile(
    entries: tuple[WordEntry, ...],
) -> tuple[re.Pattern[str], dict[str, WordEntry]]:
    """Return one regex for all forms and the entry of each normalised form."""
    by_form: dict[str, WordEntry] = {}
    for entry in entries:
        for form in entry.forms:
            by_form[_normal(form)] = entry
    alternatives = [
        r"\s+".join(re.escape(part) for part in form.split())
        for form in sorted(by_form, key=len, reverse=True)
    ]
    pattern = re.compile(
        _PHRASE_EDGE_BEFORE + "(?:" + "|".join(alternatives) + ")" + _PHRASE_EDGE_AFTER,
        re.IGNORECASE,
    )
    return pattern, by_form


def _word_hits(
    text: str, entries: tuple[WordEntry, ...]
) -> list[tuple[int, int, str, WordEntry]]:
    """Return (start, end, matched text, entry) for each listed word in text."""
    if not entries:
        return []
    masked, _ = _mask(text, tables=True)
    pattern, by_form = _compile(entries)
    hits = []
    for m in pattern.finditer(masked):
        found = " ".join(text[m.start() : m.end()].split())
        hits.append((m.start(), m.end(), found, by_form[_normal(m.group(0))]))
    return hits


def _word_finding(
    text: str, section: str, start: int, found: str, entry: WordEntry
) -> Finding:
    """Return the W703 finding for one listed word."""
    line, col = _position(text, start)
    base = "" if _normal(found) == _normal(entry.ord) else f' (av "{entry.ord}")'
    return Finding(
        section,
        line,
        col,
        W_WORD,
        f'"{found}"{base}: skriv hellre "{entry.ersätt}"',
        "välj vanliga ord som läsaren känner igen (klarspråk, språklagen 11 §)",
    )


def check_words(
    text: str,
    extra: ExtraWords = None,
    *,
    section: str = "",
) -> list[Finding]:
    """Return a finding for each listed stiff word or phrase in the text."""
    entries = tuple(load_word_list(extra))
    return [
        _word_finding(text, section, start, found, entry)
        for start, _, found, entry in _word_hits(text, entries)
    ]


# ---------------------------------------------------------------------------
# Decisions


def _committee_pattern(committee: str) -> re.Pattern[str]:
    """Return a regex for the committee's name, also in the genitive."""
    parts = committee.split()
    name = r"\s+".join(re.escape(p) for p in parts)
    genitive = "" if parts[-1][-1:].lower() in "sxz" else "s?"
    return re.compile(rf"(?<!\w){name}{genitive}(?!\w)", re.IGNORECASE)


def _example(committee: str) -> str:
    """Return an example decision in the committee's name."""
    name = committee.strip() or "Socialnämnden"
    return f'"{name[:1].upper()}{name[1:]} överlämnar ärendet till kommunstyrelsen."'


def check_decision(
    text: str, committee: str, *, section: str = DECISIONS_KEY
) -> list[Finding]:
    """Return the problems of one proposed decision (förslag till beslut)."""
    findings: list[Finding] = []
    example = _example(committee)
    sentence_hint = f"skriv beslutet som en hel mening i nämndens namn, t.ex. {example}"

    def add(offset: int, code: str, message: str, hint: str) -> None:
        line, col = _position(text, offset)
        findings.append(Finding(section, line, col, code, message, hint))

    stripped = text.strip()
    if not stripped:
        add(0, W_NOT_SENTENCE, "beslutet är tomt", sentence_hint)
        return findings
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip()) - 1
    att = _ATT_START.match(text)
    if not att and not stripped.lstrip(_OPENING)[:1].isupper():
        add(
            first,
            W_NOT_SENTENCE,
            "beslutet börjar inte med stor bokstav",
            sentence_hint,
        )
    if not stripped.rstrip(_CLOSING).endswith(".") or stripped.endswith(".."):
        add(last, W_NOT_SENTENCE, "beslutet slutar inte med punkt", sentence_hint)
    if committee.strip() and not _committee_pattern(committee).search(text):
        add(
            first,
            W_NO_COMMITTEE,
            f"beslutet nämner inte {committee.strip()}",
            sentence_hint,
        )
    if att:
        add(
            first,
            W_ATT_CLAUSE,
            "beslutet är skrivet som en att-sats",
            f'börja med nämndens namn i stället för "att", t.ex. {example}',
        )
    for m in _FORELIGGANDE.finditer(text):
        add(
            m.start(),
            W_FORELIGGANDE,
            'skriv inte "i enlighet med föreliggande förslag"',
            "skriv ut vad nämnden beslutar, så att beslutet går att förstå i "
            f"protokollet utan förslaget, t.ex. {example}",
        )
    return findings


# ---------------------------------------------------------------------------
# The whole case


def _format_lix(value: float, limit: float) -> str:
    """Return a LIX value for a message: whole, unless that hides the excess."""
    rounded = math.floor(value + 0.5)
    return f"{rounded}" if rounded > limit else f"{value:.1f}"


def analyse(
    sections: dict[str, str],
    decisions: list[str],
    committee: str,
    *,
    lix_limit: float = 50,
    sentence_limit: int = 25,
    extra_words: ExtraWords = None,
) -> Report:
    """Return LIX per section and in total, and all klarspråk findings.

    The total LIX adds up the counts of all sections (not the decisions).
    Decision findings use the section `förslag_till_beslut[i]`, 0-based.
    """
    entries = tuple(load_word_list(extra_words))
    per_section: dict[str, Lix] = {}
    findings: list[Finding] = []
    for key, text in sections.items():
        text = text or ""
        value = lix(text)
        per_section[key] = value
        section_findings: list[Finding] = []
        if value.words and value.value > lix_limit:
            first = _NON_SPACE.search(strip_markdown(text))
            line, col = _position(text, first.start() if first else 0)
            section_findings.append(
                Finding(
                    key,
                    line,
                    col,
                    W_LIX,
                    f"LIX {_format_lix(value.value, lix_limit)} ({value.band}); "
                    f"gränsen är {lix_limit:g}",
                    "skriv kortare meningar och byt långa ord mot kortare, t.ex. "
                    '"få" i stället för "erhålla"',
                )
            )
        section_findings += long_sentences(text, sentence_limit, section=key)
        section_findings += [
            _word_finding(text, key, start, found, entry)
            for start, _, found, entry in _word_hits(text, entries)
        ]
        findings += sorted(section_findings, key=lambda f: (f.line, f.col, f.code))
    for i, text in enumerate(decisions):
        key = f"{DECISIONS_KEY}[{i}]"
        spans = [m.span() for m in _FORELIGGANDE.finditer(text)]
        decision_findings = check_decision(text, committee, section=key)
        decision_findings += long_sentences(text, sentence_limit, section=key)
        decision_findings += [
            _word_finding(text, key, start, found, entry)
            for start, _, found, entry in _word_hits(text, entries)
            if not any(a <= start < b for a, b in spans)
        ]
        findings += sorted(decision_findings, key=lambda f: (f.line, f.col, f.code))
    total = Lix.from_counts(
        sum(v.words for v in per_section.values()),
        sum(v.sentences for v in per_section.values()),
        sum(v.long_words for v in per_section.values()),
    )
    return Report(per_section, total, findings)
