"""Read YAML into plain data and a source map, without YAML 1.1 surprises.

Why: PyYAML's constructors turn an unquoted `2011:31` into 7291 and `no` into
False. We compose nodes only (libyaml when present, so it is fast and keeps
line numbers) and build the data ourselves: every scalar stays the text that
was typed, and the models decide what a field means. No tag ever constructs
an object.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from remiss.errors import (
    ERROR,
    WARNING,
    Diagnostic,
    RemissError,
    display_path,
    os_problem,
    readable,
)
from remiss.input.files import NotRegular, TooLarge, read_regular
from remiss.input.yamlerrors import MAX_DEPTH, _syntax_diagnostic
from remiss.model.types import PlainStr
from remiss.sourcemap import Path_, SourceMap, format_loc

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader


MAX_NODES = 200_000


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

_TAG = "tag:yaml.org,2002:"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A composer whose plain scalars are text, null or the merge key.

    Why: the builder keeps every scalar as typed, so YAML 1.1's int, float,
    bool and timestamp tags are never used; only null (an empty value) and
    merge (`<<`, refused) are. PyYAML's resolver tries a dozen patterns on
    every scalar, a fifth of the time it takes to read a case.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            if value in _NULLS:
                return _TAG + "null"
            return _TAG + ("merge" if value == "<<" else "str")
        return str(super().resolve(kind, value, implicit))


# Control characters YAML refuses in a file (tab, newline, return are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")


# Characters that XML 1.0 cannot hold (and so no .docx can).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


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
    """Read a YAML file from disk: a regular file, at most MAX_BYTES."""
    shown = display_path(path)
    if readable(str(path)) != str(path):
        return _failed(
            shown,
            "",
            "E012",
            "filens namn är inte skrivet i UTF-8, så det kan inte visas eller "
            "sparas säkert",
            "byt namn på filen, t.ex. med 'mv' eller i utforskaren",
        )
    try:
        raw = read_regular(path, MAX_BYTES + 1)
    except FileNotFoundError:
        return _failed(shown, "", "E010", "filen finns inte", "kontrollera sökvägen")
    except NotRegular as exc:
        what = "en mapp" if "mapp" in str(exc) else "ingen vanlig fil (t.ex. en FIFO)"
        return _failed(
            shown, "", "E010", f"sökvägen är {what}", "ange en ärende- eller mötesfil"
        )
    except TooLarge:
        raw = b" " * (MAX_BYTES + 1)  # reported as too large below
    except OSError as exc:
        return _failed(
            shown, "", "E010", f"filen kan inte läsas ({os_problem(exc)})", ""
        )
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
    # Some editors save ä as a + combining diaeresis (NFD); remiss reads
    # every text composed (NFC), so a key or a name typed either way is the same.
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
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


class _Abort(RemissError):
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
