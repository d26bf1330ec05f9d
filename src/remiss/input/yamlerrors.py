"""YAML syntax errors in words a handläggare can act on, at the real mistake.

libyaml reports where it gave up, which is often the line after the mistake:
a key missing its colon is found at the next key, an unclosed quote at the end
of the file. These rules move the position back to where the person erred.
"""

from __future__ import annotations

import re

import yaml

from remiss.errors import ERROR, Diagnostic
from remiss.sourcemap import SourceMap

MAX_DEPTH = 64


_SYNTAX_HINTS: list[tuple[str, str, str, str]] = [
    # (fragment of PyYAML/libyaml problem, code, message, hint)
    (
        "tab",
        "E002",
        "tabbtecken i indraget",
        "YAML tillåter bara mellanslag i indrag; byt tabben mot två mellanslag",
    ),
    (
        "mapping values are not allowed",
        "E001",
        "ett kolon står där inget värde får börja",
        "sätt texten inom citattecken om den innehåller ': ', t.ex. "
        'rubrik: "Motion: om bostäder"',
    ),
    (
        "could not find expected ':'",
        "E001",
        "ett ':' saknas efter en nyckel",
        "skriv 'nyckel: värde', eller sätt en lång text inom citattecken",
    ),
    (
        "did not find expected key",
        "E001",
        "indraget stämmer inte med raderna ovanför",
        "nycklar på samma nivå ska ha samma antal mellanslag framför sig",
    ),
    (
        "expected <block end>",
        "E001",
        "indraget stämmer inte med raderna ovanför",
        "nycklar på samma nivå ska ha samma antal mellanslag framför sig",
    ),
    (
        "did not find expected '-'",
        "E001",
        "en listpunkt ('- ') saknas eller är fel indragen",
        "varje punkt i en lista börjar med '- ' på samma indrag",
    ),
    (
        "unexpected end of stream",
        "E001",
        "filen tar slut mitt i ett värde",
        "kontrollera att varje citattecken och hakparentes stängs",
    ),
    (
        "expected node content",
        "E001",
        "ett värde saknas, eller en hakparentes eller klammer stängs aldrig",
        "kontrollera att varje [ har en ] och varje { har en }",
    ),
    (
        "undefined alias",
        "E001",
        "en referens (*namn) pekar på ett ankare (&namn) som inte finns",
        "definiera ankaret före referensen, eller skriv ut värdet",
    ),
    (
        "special characters are not allowed",
        "E006",
        "filen innehåller ett otillåtet styrtecken",
        "tecknet kommer ofta från text som klistrats in från ett annat program; "
        "skriv om stycket eller ta bort tecknet",
    ),
    (
        "control characters are not allowed",
        "E006",
        "filen innehåller ett otillåtet styrtecken",
        "tecknet kommer ofta från text som klistrats in från ett annat program; "
        "skriv om stycket eller ta bort tecknet",
    ),
    (
        "cannot start any token",
        "E001",
        "ett tecken som inte får inleda ett värde",
        "sätt värdet inom citattecken, t.ex. '\"@text\"' eller '\"`text`\"'",
    ),
]


def _content_start(line: str) -> int:
    """Return the 0-based column where a line's key or value starts."""
    match = re.match(r"^(\s*(?:-\s+)*)", line)
    return len(match.group(1)) if match else 0


def _previous_line(source: SourceMap, line: int) -> tuple[int, str]:
    for number in range(line - 1, 0, -1):
        text = source.line_text(number) or ""
        if text.strip() and not text.lstrip().startswith("#"):
            return number, text
    return 0, ""


_BLOCK_START = re.compile(r"^\s*(?:-\s+)?([^:#]+):\s*[|>][0-9+-]*\s*(?:#.*)?$")


def _block_above(source: SourceMap, line: int) -> str | None:
    """Return the key of the text block (| or >) the lines above `line`
    belong to, when they do; None otherwise."""
    for number in range(line - 1, 0, -1):
        text = source.line_text(number) or ""
        if not text.strip():
            continue
        start = _BLOCK_START.match(text)
        if start:
            return start.group(1).strip()
        if not text[:1].isspace():
            return None  # an unindented line that does not start a block
    return None


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, source: SourceMap) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    problem = exc.problem or ""
    context = exc.context or ""
    text = source.line_text(line) or ""
    context_at = (
        (exc.context_mark.line + 1, exc.context_mark.column + 1)
        if exc.context_mark
        else (line, col)
    )
    tab = re.match(r"^[ \t]*(?:-[ \t]*)*", text)
    code, message, hint = "E001", "", ""
    if (tab and "\t" in tab.group(0)) or "'\\t'" in problem or "tab" in problem:
        code, message, hint = _SYNTAX_HINTS[0][1:]
        if "\t" in text:
            col = text.index("\t") + 1
    elif "invalid Unicode character escape" in problem:
        escape = re.search(r"\\[uU][0-9A-Fa-f]{4,8}", text)
        col = escape.start() + 1 if escape else col
        shown_escape = escape.group(0) if escape else "\\u…"
        message = f"{shown_escape} står inte för något tecken"
        hint = (
            "skriv tecknet självt i texten, eller ta bort koden; "
            "\\ud800–\\udfff är halva tecken och kan inte stå ensamma"
        )
    elif "quoted scalar" in context:
        line, col = context_at
        message = "ett citattecken stängs aldrig"
        hint = "sätt samma citattecken i slutet av texten"
    elif "flow sequence" in context:
        line, col = context_at
        message = "en hakparentes [ stängs aldrig"
        hint = "avsluta listan med ], t.ex. [Innerstaden, 62]"
    elif "flow mapping" in context:
        line, col = context_at
        message = "en klammerparentes { stängs aldrig"
        hint = "avsluta med }, t.ex. {namn: Anna Lindqvist}"
    elif "another document" in problem or "single document" in context:
        message = "filen innehåller mer än ett dokument ('---')"
        hint = "ett ärende är ett dokument; ta bort '---' och det som följer, "
        hint += "eller lägg det i en egen fil"
    elif "maximum nesting depth" in problem:
        code, message = "E007", f"för djupt nästlad (mer än {MAX_DEPTH} nivåer)"
        hint = "ett ärende behöver bara några få nivåer"
    elif "could not find expected ':'" in problem and "simple key" in context:
        line, col = context_at
        message = "ett ':' saknas efter en nyckel"
        hint = "skriv 'nyckel: värde', eller sätt en lång text inom citattecken"
        number, previous = _previous_line(source, line)
        kept = source.text.splitlines(keepends=True)
        raw = kept[number - 1] if 0 < number <= len(kept) else previous
        breaker = re.search("[\u2028\u2029\u0085]", raw)
        block = _block_above(source, line)
        if breaker is not None:
            line, col = number, breaker.start() + 1
            message = (
                f"raden innehåller ett osynligt radbrytningstecken "
                f"(U+{ord(breaker.group(0)):04X}), som delar den i två"
            )
            hint = "ta bort tecknet (det följer ofta med text som klistrats in)"
        elif block is not None:
            message = (
                f"raden saknar indrag, så den hör inte till texten under '{block}'"
            )
            hint = (
                "ge raden samma indrag som textens andra rader (t.ex. två "
                "mellanslag), så blir den en del av texten"
            )
    elif "mapping values are not allowed" in problem:
        number, previous = _previous_line(source, line)
        here = _content_start(text)
        before = _content_start(previous)
        if previous and ":" not in previous and here == before:
            line, col = number, before + 1
            message = "ett ':' saknas efter en nyckel"
            hint = "skriv 'nyckel: värde'"
        elif previous and here > before and not previous.rstrip().endswith(":"):
            col = here + 1
            message = "indraget stämmer inte med raderna ovanför"
            hint = "nycklar på samma nivå ska ha samma antal mellanslag framför sig"
    if not message and "did not find expected key" in problem:
        quoted = re.match(
            r"""^\s*(?:-\s+)?[^:#]+:\s*(["'])(?:(?!\1).)*\1(?=\S)""", text
        )
        if quoted:
            col = quoted.end() + 1
            message = "ett citattecken i texten avslutar värdet för tidigt"
            other = "'" if quoted.group(1) == '"' else '"'
            hint = (
                f"sätt texten inom {other}…{other} i stället, "
                "eller skriv citattecknet inne i texten dubbelt ('') eller som \\\""
            )
    if not message:
        match = next((h for h in _SYNTAX_HINTS[1:] if h[0] in problem), None)
        if match:
            code, message, hint = match[1:]
        else:
            message = f"YAML-syntaxfel ({problem.strip() or context.strip()})"
            hint = "kontrollera indrag, kolon och citattecken på raden"
    shown = source.line_text(line) or ""
    return Diagnostic(source.path, line, col, code, message, hint, ERROR, shown)
