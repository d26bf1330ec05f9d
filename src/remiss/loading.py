"""Read YAML into plain data and a source map, without YAML 1.1 surprises.

Why: PyYAML's constructors turn an unquoted `2011:31` into 7291 and `no` into
False. We compose nodes only (libyaml when present, so it is fast and keeps
line numbers) and build the data ourselves: every scalar stays the text that
was typed, and the models decide what a field means. No tag ever constructs
an object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ERROR, WARNING, Diagnostic, display_path

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_BYTES = 5_000_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "map",
        "seq",
        "value",
    )
}
_NULLS = {"", "~", "null", "Null", "NULL"}
# Control characters YAML refuses in a file (tab, newline, return are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
# Characters that XML 1.0 cannot hold (and so no .docx can).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

Path_ = tuple[Any, ...]


class PlainStr(str):
    """A scalar typed without quotes; it may be read as a number."""

    __slots__ = ()


@dataclass
class SourceMap:
    """Line and column (1-based) of every key and value in one file."""

    path: str
    text: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    _lines: list[str] | None = None

    def line_text(self, line: int) -> str | None:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return None

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Return the best known position for `loc`, walking up when unknown."""
        loc = tuple(loc)
        while True:
            if key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if loc in self.keys:
                return self.keys[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def diagnostic(
        self,
        loc: Path_,
        code: str,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: str = ERROR,
    ) -> Diagnostic:
        line, col = self.where(loc, key=key)
        return Diagnostic(
            self.path,
            line,
            col,
            code,
            message,
            hint,
            severity,
            self.line_text(line),
        )


def format_loc(loc: Path_) -> str:
    """Return a key path as a user writes it: `motion.motionärer[0].namn`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(filen)"


@dataclass
class Loaded:
    """The outcome of reading one YAML file."""

    data: Any
    source: SourceMap
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(d.is_error for d in self.diagnostics)


def load_yaml_file(path: str | Path) -> Loaded:
    """Read a YAML file from disk."""
    shown = display_path(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return _failed(shown, "", "E010", "filen finns inte", "kontrollera sökvägen")
    except IsADirectoryError:
        return _failed(shown, "", "E010", "sökvägen är en mapp, inte en fil", "")
    except OSError as exc:
        return _failed(shown, "", "E010", f"filen kan inte läsas ({exc.strerror})", "")
    return load_yaml_bytes(raw, shown)


def load_yaml_bytes(raw: bytes, shown: str) -> Loaded:
    """Read YAML from bytes; `shown` is the file name used in messages."""
    diagnostics: list[Diagnostic] = []
    if len(raw) > MAX_BYTES:
        return _failed(
            shown,
            "",
            "E011",
            f"filen är för stor ({len(raw) // 1_000_000} MB, högst 5 MB)",
            "dela upp ärendet eller flytta stora texter till bilagor",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        diagnostics.append(
            Diagnostic(
                shown,
                1,
                1,
                "W001",
                "filen börjar med ett BOM-tecken (byte order mark)",
                "spara filen som UTF-8 utan BOM; tecknet hoppas över",
                WARNING,
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return Loaded(
            None,
            SourceMap(shown, ""),
            [
                Diagnostic(
                    shown,
                    line,
                    col,
                    "E003",
                    f"filen är inte UTF-8 (byte 0x{bad})",
                    "spara filen som UTF-8; i Anteckningar: Spara som, Kodning: UTF-8",
                )
            ],
        )
    source = SourceMap(shown, text)
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        diagnostics.append(
            Diagnostic(
                shown,
                line,
                col,
                "E006",
                "filen innehåller ett otillåtet styrtecken "
                f"(U+{ord(match.group()):04X})",
                "tecknet kommer ofta från text som klistrats in från ett annat "
                "program; ta bort det eller skriv om stycket",
                ERROR,
                source.line_text(line),
            )
        )
    # Keep reading past such characters to report every other problem too.
    loader = _Loader(_CONTROL.sub(" ", text) if diagnostics else text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return Loaded(None, source, [*diagnostics, _syntax_diagnostic(exc, source)])
    except yaml.YAMLError as exc:  # a reader error: position, no mark
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        return Loaded(
            None,
            source,
            [
                *diagnostics,
                Diagnostic(
                    shown,
                    line,
                    col,
                    "E006",
                    "filen innehåller ett tecken som YAML inte tillåter",
                    "ta bort tecknet eller skriv om stycket",
                    ERROR,
                    source.line_text(line),
                ),
            ],
        )
    finally:
        loader.dispose()
    if node is None or (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:null"
        and not node.value
    ):
        return Loaded(
            None,
            source,
            [
                *diagnostics,
                Diagnostic(
                    shown,
                    1,
                    1,
                    "E004",
                    "filen är tom eller innehåller bara kommentarer",
                    "skriv ärendets uppgifter, t.ex. 'diarienummer: 1.6-0463/2011'",
                ),
            ],
        )
    builder = _Builder(source)
    try:
        data = builder.build(node, ())
    except _Abort as abort:
        return Loaded(None, source, [*diagnostics, *builder.problems, abort.diagnostic])
    return Loaded(data, source, [*diagnostics, *builder.problems])


def _failed(shown: str, text: str, code: str, message: str, hint: str) -> Loaded:
    return Loaded(
        None, SourceMap(shown, text), [Diagnostic(shown, 0, 0, code, message, hint)]
    )


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
    if not message:
        match = next((h for h in _SYNTAX_HINTS[1:] if h[0] in problem), None)
        if match:
            code, message, hint = match[1:]
        else:
            message = f"YAML-syntaxfel ({problem.strip() or context.strip()})"
            hint = "kontrollera indrag, kolon och citattecken på raden"
    shown = source.line_text(line) or ""
    return Diagnostic(source.path, line, col, code, message, hint, ERROR, shown)


class _Abort(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Turn composed nodes into dicts, lists and strings, recording marks."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.count = 0
        self.problems: list[Diagnostic] = []

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _abort(self, node: yaml.Node, code: str, message: str, hint: str) -> _Abort:
        line, col = self._mark(node)
        return _Abort(
            Diagnostic(
                self.source.path,
                line,
                col,
                code,
                message,
                hint,
                ERROR,
                self.source.line_text(line),
            )
        )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._abort(
                node,
                "E007",
                "filen blir för stor när dess referenser (*namn) fylls i",
                "skriv ut värdena i stället för att upprepa referenser",
            )
        if len(path) > MAX_DEPTH:
            raise self._abort(
                node,
                "E007",
                f"för djupt nästlad (mer än {MAX_DEPTH} nivåer)",
                "ett ärende behöver bara några få nivåer",
            )
        if node.tag not in _STANDARD_TAGS:
            raise self._abort(
                node,
                "E005",
                f"YAML-taggen {node.tag.replace('tag:yaml.org,2002:', '!!')} "
                "stöds inte",
                "ta bort taggen; remiss läser bara text, listor och nycklar",
            )
        self.source.values[path] = self._mark(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._mapping(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value = node.value
        bad = _XML_ILLEGAL.search(value)
        if bad:
            line, col = self._mark(node)
            self.problems.append(
                Diagnostic(
                    self.source.path,
                    line,
                    col,
                    "E006",
                    f"{format_loc(path)}: otillåtet styrtecken "
                    f"U+{ord(bad.group()):04X} i texten",
                    "tecknet kommer ofta från text som klistrats in från ett annat "
                    "program; ta bort det (Word kan inte visa det)",
                    ERROR,
                    self.source.line_text(line),
                )
            )
            value = _XML_ILLEGAL.sub("\ufffd", value)  # keeps the text non-empty
        if not node.style:  # plain: None from PyYAML, "" from libyaml
            if value in _NULLS and node.tag == "tag:yaml.org,2002:null" and path:
                return None
            return PlainStr(value)
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._abort(
                    key_node,
                    "E008",
                    "en nyckel måste vara text",
                    "skriv nyckeln som ett ord följt av kolon, t.ex. 'rubrik:'",
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._abort(
                    key_node,
                    "E005",
                    "sammanslagning med '<<' stöds inte",
                    "skriv ut nycklarna i stället",
                )
            key = str(key_node.value)
            child = (*path, key)
            if key in out:
                line, col = self._mark(key_node)
                first = self.source.keys.get(child, (0, 0))[0]
                self.problems.append(
                    Diagnostic(
                        self.source.path,
                        line,
                        col,
                        "E009",
                        f"nyckeln '{format_loc(child)}' står två gånger "
                        f"(först på rad {first})",
                        "ta bort den ena; annars vore det oklart vilken som gäller",
                        ERROR,
                        self.source.line_text(line),
                    )
                )
                continue
            self.source.keys[child] = self._mark(key_node)
            out[key] = self.build(value_node, child)
        return out
