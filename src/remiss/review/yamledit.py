"""Change values in a YAML file by rewriting only the characters they stand in.

Why: a case file is written by hand; its comments, key order, quoting, `|`
blocks and line breaks are the handläggare's. A YAML library that loads and
dumps the file would renormalise all of that, and `git diff` would show lines
nobody changed. Here each change replaces the characters of one scalar (or
adds or removes one list item) and leaves every other character as it was.
After the edits the file is read again, and unless every value is exactly
what was asked for, and every other value what it was, nothing is returned.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import yaml

from remiss.errors import RemissError

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BAD = set(",[]{}")


class EditFailed(RemissError):
    """A change could not be written so that the file reads back as asked."""


@dataclass
class _Edit:
    start: int
    end: int
    text: str


def _compose(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _plain(node: yaml.Node) -> Any:
    """Return the node as plain data: every scalar its text."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    return {str(k.value): _plain(v) for k, v in node.value}


def _node(root: yaml.Node, path: tuple[Any, ...]) -> yaml.Node:
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = [v for k, v in node.value if str(k.value) == str(part)]
            if not found:
                raise EditFailed(f"nyckeln {part} finns inte")
            node = found[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                raise EditFailed(f"platsen {part} finns inte i listan")
            node = node.value[part]
        else:
            raise EditFailed(f"{part} är inget värde som kan ändras")
    return node


class YamlEditor:
    """Collect changes to one YAML text and return the changed text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = _compose(text)
        self.edits: list[_Edit] = []
        self.expected = _plain(self.root)
        self.flow_depth: dict[int, bool] = {}

    # -- the changes ----------------------------------------------------
    def set_scalar(self, path: tuple[Any, ...], value: str) -> None:
        node = _node(self.root, path)
        if not isinstance(node, yaml.ScalarNode):
            raise EditFailed("värdet är ingen text")
        if node.value == value:
            return
        _set(self.expected, path, value)
        start, end = node.start_mark.index, node.end_mark.index
        style = node.style or ""
        if style == "|":
            self.edits.extend(self._literal(node, value))
        elif style in ("", ">", "'", '"'):
            self.edits.extend(self._traced(node, value, style))
        else:  # pragma: no cover - every style is one of the above
            self.edits.append(_Edit(start, end, _double(value)))

    def set_list(self, path: tuple[Any, ...], values: list[str]) -> None:
        """Make the list of texts at `path` hold `values`: items that stay
        keep their lines, changed items change in place, others are removed
        or added as lines of their own."""
        seq = _node(self.root, path)
        if not isinstance(seq, yaml.SequenceNode):
            raise EditFailed("värdet är ingen lista")
        old = [n.value if isinstance(n, yaml.ScalarNode) else None for n in seq.value]
        if old == values:
            return
        if seq.flow_style or not seq.value:
            raise EditFailed("bara en lista med - kan få nya eller färre punkter")
        matcher = difflib.SequenceMatcher(None, old, values, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    self.set_scalar((*path, i1 + k), values[j1 + k])
                continue
            for index in range(i1, i2):
                self._delete(seq, index)
            if j2 > j1:
                self._insert(seq, i2, values[j1:j2])
        _set(self.expected, path, list(values))

    def _item_line(self, seq: yaml.SequenceNode, index: int) -> int:
        item = seq.value[index]
        dash = self.text.rfind("-", 0, item.start_mark.index)
        return self.text.rfind("\n", 0, dash) + 1

    def _delete(self, seq: yaml.SequenceNode, index: int) -> None:
        start = self._item_line(seq, index)
        if index + 1 < len(seq.value):
            end = self._item_line(seq, index + 1)
        else:
            end = self._line_end(seq.value[index].end_mark.index)
        self.edits.append(_Edit(start, end, ""))

    def _insert(self, seq: yaml.SequenceNode, index: int, values: list[str]) -> None:
        """Insert lines for `values` before item `index` (or after the last)."""
        anchor = self._item_line(seq, min(index, len(seq.value) - 1))
        dash = self.text.find("-", anchor)
        prefix = self.text[anchor:dash]
        lines = "".join(f"{prefix}- {_scalar_text(v, flow=False)}\n" for v in values)
        if index < len(seq.value):
            position = anchor
        else:
            position = self._line_end(seq.value[-1].end_mark.index)
            if position == len(self.text) and not self.text.endswith("\n"):
                lines = "\n" + lines.rstrip("\n")
        self.edits.append(_Edit(position, position, lines))

    # -- writing -----------------------------------------------------------
    def result(self) -> str:
        """Return the edited text; raise EditFailed unless it reads back as
        asked, with every other value as it was."""
        out = self.text
        last = len(out) + 1
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end), reverse=True):
            if edit.end > last:
                raise EditFailed("två ändringar i samma värde")
            out = out[: edit.start] + edit.text + out[edit.end :]
            last = edit.start
        try:
            again = _plain(_compose(out))
        except yaml.YAMLError as exc:
            raise EditFailed(f"filen blev ogiltig YAML ({exc})") from None
        if again != self.expected:
            raise EditFailed("filen läses inte tillbaka som den skulle")
        return out

    def _line_end(self, index: int) -> int:
        """Return the start of the line after the one `index` ends on."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        newline = self.text.find("\n", index)
        return len(self.text) if newline < 0 else newline + 1

    # -- scalar styles ----------------------------------------------------
    def _literal(self, node: yaml.ScalarNode, value: str) -> list[_Edit]:
        """A `|` block keeps its lines: write the content lines anew, each
        unchanged line comes out the same."""
        start = node.start_mark.index
        header_end = self.text.find("\n", start)
        if header_end < 0:
            raise EditFailed("ett |-block utan innehåll")
        lines = self.text[header_end + 1 : node.end_mark.index].split("\n")
        filled = [line for line in lines if line.strip()]
        if not filled:
            raise EditFailed("ett |-block utan innehåll")
        header = self.text[start:header_end]
        explicit = re.search(r"\d", header)
        indent = (
            _indent_of(self.text, start) + int(explicit.group())
            if explicit
            else len(filled[0]) - len(filled[0].lstrip(" "))
        )
        last = max(i for i, line in enumerate(lines) if line.strip())
        end = header_end + 1 + sum(len(line) + 1 for line in lines[: last + 1]) - 1
        body = value
        if "-" in header:
            body = value
        else:
            body = value.rstrip("\n")
        if any(line[:1] == " " for line in body.split("\n")[:1]) and not explicit:
            raise EditFailed("en rad som börjar med mellanslag i ett |-block")
        pad = " " * indent
        content = "\n".join(pad + line if line else "" for line in body.split("\n"))
        return [_Edit(header_end + 1, end, content)]

    def _traced(self, node: yaml.ScalarNode, value: str, style: str) -> list[_Edit]:
        """Change a plain, quoted or `>` scalar word by word where it is typed;
        a value that cannot be traced is written anew on one line."""
        start, end = node.start_mark.index, node.end_mark.index
        flow = self._in_flow(node)
        traced = _trace(self.text, node, style)
        if style == ">":
            tail = node.value[len(node.value.rstrip("\n")) :]
            if value.endswith(tail) and "\n" not in value[: len(value) - len(tail)]:
                value = value[: len(value) - len(tail)]
            else:
                return [self._folded(node, value)]
        if traced is None or "\n" in value:
            if style == ">":
                return [self._folded(node, value)]
            return [
                _Edit(
                    start,
                    end,
                    _scalar_text(value, flow=flow, style=style, old=node.value),
                )
            ]
        old, spans = traced
        a_tokens, b_tokens = _TOKEN.findall(old), _TOKEN.findall(value)
        a_pos, b_pos = _positions(a_tokens), _positions(b_tokens)
        matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
        edits = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            a, b = a_pos[i1], a_pos[i2]
            text = value[b_pos[j1] : b_pos[j2]]
            if a < b:
                s, e = spans[a][0], spans[b - 1][1]
            elif a < len(spans):
                s = e = spans[a][0]
            else:
                s = e = spans[-1][1]
            edits.append(_Edit(s, e, _quote_inside(text, style)))
        if style == "" and not _plain_ok(value, flow, node.value):
            return [_Edit(start, end, _double(value))]
        return edits

    def _folded(self, node: yaml.ScalarNode, value: str) -> _Edit:
        """Write a `>` block's content anew: each line of the value becomes a
        paragraph of lines wrapped as a person would."""
        start = node.start_mark.index
        header_end = self.text.find("\n", start)
        lines = self.text[header_end + 1 : node.end_mark.index].split("\n")
        filled = [line for line in lines if line.strip()]
        if header_end < 0 or not filled:
            raise EditFailed("ett >-block utan innehåll")
        indent = len(filled[0]) - len(filled[0].lstrip(" "))
        last = max(i for i, line in enumerate(lines) if line.strip())
        end = header_end + sum(len(line) + 1 for line in lines[: last + 1])
        pad = " " * indent
        paragraphs = []
        for paragraph in value.rstrip("\n").split("\n"):
            words = paragraph.split(" ")
            rows, current = [], ""
            for word in words:
                if current and len(current) + 1 + len(word) > 76 - indent:
                    rows.append(current)
                    current = word
                else:
                    current = f"{current} {word}" if current else word
            rows.append(current)
            paragraphs.append("\n".join(pad + row for row in rows))
        return _Edit(header_end + 1, end, "\n\n".join(paragraphs))

    def _in_flow(self, node: yaml.Node) -> bool:
        def walk(current: yaml.Node, flow: bool) -> bool | None:
            if current is node:
                return flow
            if isinstance(current, yaml.SequenceNode):
                for child in current.value:
                    found = walk(child, flow or bool(current.flow_style))
                    if found is not None:
                        return found
            elif isinstance(current, yaml.MappingNode):
                for _key, child in current.value:
                    found = walk(child, flow or bool(current.flow_style))
                    if found is not None:
                        return found
            return None

        return bool(walk(self.root, False))


def _trace(
    text: str, node: yaml.ScalarNode, style: str
) -> tuple[str, list[tuple[int, int]]] | None:
    """Return the value as traced through the typed characters (line folds
    become one space), or None when escapes or blank lines make it unsure."""
    start, end = node.start_mark.index, node.end_mark.index
    if style in ("'", '"'):
        start, end = start + 1, end - 1
        if style == '"' and "\\" in text[start:end]:
            return None
    elif style == ">":
        header_end = text.find("\n", start)
        start = header_end + 1
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] in " \n":
            end -= 1
    value: list[str] = []
    spans: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if style == "'" and text.startswith("''", i):
            value.append("'")
            spans.append((i, i + 2))
            i += 2
            continue
        if ch in " \n":
            j = i
            while j < end and text[j] == " ":
                j += 1
            if j < end and text[j] == "\n":
                k = j + 1
                while k < end and text[k] in " \t":
                    k += 1
                if k < end and text[k] == "\n":
                    return None  # a blank line inside: a real line break
                value.append(" ")
                spans.append((i, k))
                i = k
                continue
        value.append(ch)
        spans.append((i, i + 1))
        i += 1
    traced = "".join(value)
    expected = node.value.rstrip("\n") if style == ">" else node.value
    if traced != expected:
        return None
    return traced, spans


def _indent_of(text: str, index: int) -> int:
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start:index]
    return len(line) - len(line.lstrip(" "))


def _positions(tokens: list[str]) -> list[int]:
    out = [0]
    for token in tokens:
        out.append(out[-1] + len(token))
    return out


def _quote_inside(text: str, style: str) -> str:
    if style == "'":
        return text.replace("'", "''")
    if style == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"')
    return text


def _plain_ok(value: str, flow: bool, old: str | None = None) -> bool:
    if not value or value != value.strip() or "\n" in value or "\t" in value:
        return False
    if value[0] in _PLAIN_BAD_START or ": " in value or " #" in value:
        return False
    if value.endswith(":") or (flow and any(c in _FLOW_BAD for c in value)):
        return False
    try:
        loaded = yaml.safe_load(value)
    except yaml.YAMLError:
        return False
    if isinstance(loaded, str):
        return loaded == value
    # A number stays a number when it was one (a table cell).
    return old is not None and type(loaded) is type(_load_plain(old))


def _load_plain(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _double(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _scalar_text(
    value: str, *, flow: bool, style: str = "", old: str | None = None
) -> str:
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style in ("", ">") and _plain_ok(value, flow, old):
        return value
    return _double(value)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value
