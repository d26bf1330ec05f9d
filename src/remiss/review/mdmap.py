"""Between a Markdown field as typed and the paragraphs Word shows of it.

A field is cut into chunks, one per paragraph, list item, heading or table
the reader sees. Within a chunk every shown character is traced back to the
character typed for it, so that a word changed in Word changes that word in
the field and nothing else: line breaks, emphasis and links stay as typed.
A figure that an expression (`{{ statistik… }}`) printed is traced to the
expression, which is never overwritten.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from remiss.review.wordread import WordRun
from remiss.text.markdown import escape_inline

EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+|$)")
_HEADING = re.compile(r"^(#{1,6})(\s+)")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass
class Chunk:
    """The typed text of one shown block: value[start:end] is the whole
    chunk, value[body:end] the part shown as text (after a list marker or
    heading marks)."""

    start: int
    body: int
    end: int
    kind: str  # "para", "item", "heading", "table"


def chunks(value: str) -> list[Chunk]:
    """Cut a Markdown field into the chunks that become one block each."""
    out: list[Chunk] = []
    lines = value.split("\n")
    offset = 0
    current: Chunk | None = None
    in_table = False
    for line in lines:
        end = offset + len(line)
        stripped = line.strip()
        if not stripped:
            current, in_table = None, False
        elif in_table or (stripped.startswith("|") and current is None):
            if current is None or current.kind != "table":
                current = Chunk(offset, offset, end, "table")
                out.append(current)
            current.end = end
            in_table = True
        elif (item := _ITEM.match(line)) is not None:
            current = Chunk(offset, offset + item.end(), end, "item")
            out.append(current)
        elif (heading := _HEADING.match(line)) is not None and current is None:
            out.append(Chunk(offset, offset + heading.end(), end, "heading"))
            current = None
        elif current is None:
            current = Chunk(offset, offset, end, "para")
            out.append(current)
        else:
            current.end = end
        offset = end + 1
    return out


@dataclass
class Traced:
    """A chunk's shown text, and for each shown character the span it was
    typed as; expressions are holes, each printing one stretch of text."""

    text: str
    spans: list[tuple[int, int]]  # per shown character: typed [start, end)
    holes: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (shown start, shown end, typed start, typed end) per expression
    markup: list[tuple[int, int]] = field(default_factory=list)  # typed only


def _decode(source: str, start: int, end: int, markdown: bool) -> list[tuple]:
    """Return pieces: ("c", char, s, e) shown characters, ("h", s, e) holes,
    ("m", s, e) markup that is not shown."""
    pieces: list[tuple] = []
    i = start
    while i < end:
        ch = source[i]
        expression = EXPRESSION.match(source, i, end) if ch == "{" else None
        if expression is not None:
            pieces.append(("h", i, expression.end()))
            i = expression.end()
            continue
        if ch == "\n" or (ch == " " and source.startswith("\n", _skip(source, i))):
            j = _skip(source, i)
            if j < end and source[j] == "\n":
                j += 1
                while j < end and source[j] in " \t":
                    j += 1
                pieces.append(("c", " ", i, j))
                i = j
                continue
        if markdown:
            if ch == "\\" and i + 1 < end and source[i + 1] in _ESCAPABLE:
                pieces.append(("m", i, i + 1))
                pieces.append(("c", source[i + 1], i + 1, i + 2))
                i += 2
                continue
            if ch in "*_" and _delimiter(source, i, start, end):
                j = i
                while j < end and source[j] == ch:
                    j += 1
                pieces.append(("m", i, j))
                i = j
                continue
            if ch == "`":
                pieces.append(("m", i, i + 1))
                i += 1
                continue
            if ch == "[":
                pieces.append(("m", i, i + 1))
                i += 1
                continue
            if ch == "]" and source.startswith("(", i + 1):
                close = source.find(")", i + 2, end)
                if close >= 0:
                    pieces.append(("m", i, close + 1))
                    i = close + 1
                    continue
        pieces.append(("c", ch, i, i + 1))
        i += 1
    return pieces


def _skip(source: str, i: int) -> int:
    while i < len(source) and source[i] == " ":
        i += 1
    return i


def _delimiter(source: str, i: int, start: int, end: int) -> bool:
    ch = source[i]
    j = i
    while j < end and source[j] == ch:
        j += 1
    before = source[i - 1] if i > start else " "
    after = source[j] if j < end else " "
    if before.isspace() and after.isspace():
        return False  # a lone star between spaces is text
    if ch == "_" and before.isalnum() and after.isalnum():
        return False  # snake_case
    return True


def trace(
    source: str, start: int, end: int, shown: str, *, markdown: bool
) -> Traced | None:
    """Trace `shown` (what the reader sees) to source[start:end]; None when
    the typed text cannot be followed exactly (then the chunk is rewritten
    whole if it changed)."""
    pieces = _decode(source, start, end, markdown)
    pattern = []
    for piece in pieces:
        if piece[0] == "c":
            pattern.append(re.escape(piece[1]))
        elif piece[0] == "h":
            pattern.append("(.*?)")
    match = re.fullmatch("".join(pattern), shown.strip(), re.S)
    if match is None:
        return None
    text = match.string
    spans: list[tuple[int, int]] = []
    holes = []
    markup = []
    group = 0
    for piece in pieces:
        if piece[0] == "c":
            spans.append((piece[2], piece[3]))
        elif piece[0] == "h":
            group += 1
            a, b = match.span(group)
            holes.append((a, b, piece[1], piece[2]))
            spans.extend((piece[1], piece[2]) for _ in range(b - a))
        else:
            markup.append((piece[1], piece[2]))
    if len(spans) != len(text):
        return None
    return Traced(text, spans, holes, markup)


@dataclass
class Figure:
    """A figure an expression printed that the edit changed."""

    old: str
    new: str
    expression: str


def apply_edit(
    source: str, traced: Traced, new: str, *, markdown: bool
) -> tuple[str, list[Figure]] | None:
    """Return source with the change from traced.text to `new` made word by
    word where it was typed, and the figures from expressions the edit
    changed (those are left as typed). None when an edit crosses emphasis or
    a link, and the chunk must be written anew."""
    old = traced.text
    new = new.strip()
    a_tokens = _TOKEN.findall(old)
    b_tokens = _TOKEN.findall(new)
    a_pos = _positions(a_tokens)
    b_pos = _positions(b_tokens)
    matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    edits: list[tuple[int, int, str]] = []
    figures: list[Figure] = []
    opcodes = matcher.get_opcodes()

    def where(x: int, end: bool) -> int:
        """Map a boundary of the old text into the new one; text inserted
        right at a figure's edge counts as part of the figure."""
        for op, i1, _i2, j1, j2 in opcodes:
            if op == "insert" and a_pos[i1] == x:
                return b_pos[j2] if end else b_pos[j1]
        for op, i1, i2, j1, j2 in opcodes:
            if a_pos[i1] <= x <= a_pos[i2]:
                if op == "equal":
                    return b_pos[j1] + (x - a_pos[i1])
                return b_pos[j2] if end else b_pos[j1]
        return len(new)

    def touches(a: int, b: int, text: str) -> tuple | None:
        for h in traced.holes:
            if a < h[1] and b > h[0] or h[0] < a < h[1]:
                return h
            if a == b == h[0] and text and not text[-1].isspace():
                return h  # typed right before the figure: "5,4" for "4,9"
            if a == b == h[1] and text and not text[0].isspace():
                return h
        return None

    reported: set[int] = set()
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            continue
        a, b = a_pos[i1], a_pos[i2]
        text = new[b_pos[j1] : b_pos[j2]]
        hole = touches(a, b, text)
        if hole is not None:
            if hole[0] not in reported:
                reported.add(hole[0])
                shown = new[where(hole[0], False) : where(hole[1], True)]
                figures.append(
                    Figure(
                        old[hole[0] : hole[1]], shown.strip(), source[hole[2] : hole[3]]
                    )
                )
            continue
        if a < b:
            s, e = traced.spans[a][0], traced.spans[b - 1][1]
            if any(s <= m0 and m1 <= e for m0, m1 in traced.markup):
                return None  # the edit covers a delimiter: write the chunk anew
        elif a < len(traced.spans):
            s = e = traced.spans[a][0]
        elif traced.spans:
            s = e = traced.spans[-1][1]
        else:
            return None
        line_start = s == 0 or source[s - 1] == "\n"
        edits.append((s, e, _escape(text, markdown, line_start)))
    out = source
    for s, e, text in sorted(edits, reverse=True):
        out = out[:s] + text + out[e:]
    return out, figures


def _positions(tokens: list[str]) -> list[int]:
    out = [0]
    for token in tokens:
        out.append(out[-1] + len(token))
    return out


def _escape(text: str, markdown: bool, line_start: bool) -> str:
    if not text:
        return text
    if markdown:
        escaped = escape_inline(text, line_start=line_start)
    else:
        escaped = text
    return escaped.replace("{{", "{\\{") if markdown else escaped


def runs_markdown(runs: list[WordRun]) -> str:
    """Return a paragraph's runs as one line of Markdown: bold, italic and
    links as Word shows them, everything else escaped."""
    out: list[str] = []
    for run in _merged(runs):
        text = run.text.replace("\t", " ").replace("\n", " ")
        core = text.strip(" ")
        if not core:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip(" "))]
        tail = text[len(text.rstrip(" ")) :]
        body = escape_inline(core, line_start=not out).replace("{{", "{\\{")
        if run.bold and run.italic:
            body = f"***{body}***"
        elif run.bold:
            body = f"**{body}**"
        elif run.italic:
            body = f"*{body}*"
        if run.link:
            body = f"[{body}]({run.link})"
        out.append(lead + body + tail)
    return "".join(out).strip()


def _merged(runs: list[WordRun]) -> list[WordRun]:
    out: list[WordRun] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].link) == (
            run.bold,
            run.italic,
            run.link,
        ):
            out[-1] = WordRun(out[-1].text + run.text, run.bold, run.italic, run.link)
        else:
            out.append(WordRun(run.text, run.bold, run.italic, run.link))
    return out


def wrap(text: str, width: int = 76, indent: str = "") -> str:
    """Wrap one line of Markdown at spaces; no line may start with what
    would open a block (a list marker, a heading, a quote)."""
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and len(candidate) > width and not _opens_block(word):
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return ("\n" + indent).join(lines)


def _opens_block(word: str) -> bool:
    return bool(re.match(r"^([-+*>#=|:]|\d+[.)]$)", word))
