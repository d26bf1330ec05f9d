"""Which field of the case each paragraph of its Word document comes from.

Why: the template decides where a field stands, and a project may have its
own template. Instead of guessing from headings, the case is rendered a
second time with every text field framed by markers (a paragraph of its own
around a Markdown field, a word at each end of a one-line field); where the
markers land tells each paragraph's origin. Taking the markers out again
must give exactly the document rendered from the case, or nothing is traced.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from remiss.errors import RemissError
from remiss.input.case import CaseResult, validate_case
from remiss.input.yaml import Loaded
from remiss.model.project import Project
from remiss.render.source import render_loaded
from remiss.review.wordread import Block, WordPara, WordTable, read_word

SECTION_KEYS = ("sammanfattning", "bakgrund", "ärendet", "beredning", "synpunkter")
_MARK = re.compile(r"QQ([BE])(\d+)QQ")


@dataclass
class Origin:
    """Where a rendered block comes from.

    kind: "block" (part `index` of a Markdown field), "inline" (a one-line
    field between `prefix` and `suffix` written by the template), "table"
    (the statistics table `path[1]`), or "template" (text of the template).
    """

    kind: str
    path: tuple[Any, ...] = ()
    index: int = 0
    prefix: str = ""
    suffix: str = ""


class Untraceable(RemissError):
    """The marked rendering does not match the plain one (a bug or a
    template that prints a field twice)."""


def _fields(data: dict[str, Any]) -> tuple[list[tuple], list[tuple]]:
    """Return the paths of the Markdown fields and of the one-line fields."""
    blocks: list[tuple] = [(key,) for key in SECTION_KEYS if _text(data.get(key))]
    for i, section in enumerate(_list(data.get("avsnitt"))):
        if isinstance(section, dict) and _text(section.get("text")):
            blocks.append(("avsnitt", i, "text"))
    inline: list[tuple] = [
        (k,) for k in ("rubrik", "underrubrik") if _text(data.get(k))
    ]
    for key in ("förslag_till_beslut", "bilagor", "beslut_sänds_till"):
        for i, item in enumerate(_list(data.get(key))):
            if _text(item):
                inline.append((key, i))
            elif isinstance(item, dict):  # a group of decisions, a bilaga with a file
                inline.extend(_inner_fields(key, i, item))
    headings = data.get("rubriker")
    if isinstance(headings, dict):  # the case's own text of fixed headings
        inline += [("rubriker", k) for k, v in headings.items() if _text(v)]
    statistics = data.get("statistik")
    if isinstance(statistics, dict):
        for key, table in statistics.items():
            if isinstance(table, dict) and _text(table.get("rubrik")):
                inline.append(("statistik", key, "rubrik"))
    return blocks, inline


def _inner_fields(key: str, index: int, item: dict[str, Any]) -> list[tuple]:
    """Return the one-line fields inside a list item with keys: a decision
    group's heading and decisions, an attachment's title."""
    out: list[tuple] = [
        (key, index, name) for name in ("rubrik", "titel") if _text(item.get(name))
    ]
    if key == "förslag_till_beslut":
        out += [
            (key, index, "beslut", j)
            for j, text in enumerate(_list(item.get("beslut")))
            if _text(text)
        ]
    return out


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def rendered_blocks(result: CaseResult, project: Project) -> tuple[bytes, list[Block]]:
    """Return the case's .docx as remiss renders it now, and its blocks."""
    rendered = render_loaded(result, project, ("md", "docx"))
    data = rendered.outputs.get("docx")
    if data is None:
        raise Untraceable("ärendet kan inte renderas")
    return data, read_word(data).blocks


def origins(
    result: CaseResult, project: Project, blocks: list[Block]
) -> tuple[list[Origin], dict[int, tuple]]:
    """Return the origin of each rendered block, and the marker numbers."""
    loaded = result.loaded
    if loaded is None or not isinstance(loaded.data, dict):
        raise Untraceable("ärendefilen kan inte läsas")
    data = copy.deepcopy(loaded.data)
    block_paths, inline_paths = _fields(data)
    numbers: dict[int, tuple] = {}
    for path in block_paths:
        n = len(numbers)
        numbers[n] = path
        value = _get(data, path)
        _set(data, path, type(value)(f"QQB{n}QQ\n\n{value}\n\nQQE{n}QQ"))
    for path in inline_paths:
        n = len(numbers)
        numbers[n] = path
        value = _get(data, path)
        _set(data, path, type(value)(f"QQB{n}QQ{value}QQE{n}QQ"))
    probe = validate_case(result.path, Loaded(data, loaded.source, []), project)
    if probe.case is None:
        raise Untraceable("ärendet med markeringar är ogiltigt")
    _data, marked = rendered_blocks(probe, project)
    return _align(marked, blocks, numbers, data), numbers


def _align(
    marked: list[Block], blocks: list[Block], numbers: dict[int, tuple], data: Any
) -> list[Origin]:
    out: list[Origin] = []
    open_field: int | None = None
    index = 0
    pending_table: tuple | None = None
    for block in marked:
        if isinstance(block, WordTable):
            if pending_table is not None:
                out.append(Origin("table", pending_table))
                pending_table = None
            elif open_field is not None:
                out.append(Origin("block", numbers[open_field], index))
                index += 1
            else:
                out.append(Origin("template"))
            continue
        text = block.text.strip()
        whole = _MARK.fullmatch(text)
        if whole is not None:
            kind, n = whole.group(1), int(whole.group(2))
            if kind == "B":
                open_field, index = n, 0
                if out and numbers[n][0] == "avsnitt":
                    _heading(out, blocks, numbers[n], data)
            else:
                open_field = None
            continue
        found = list(_MARK.finditer(text))
        if found and found[0].group(1) == "B":
            n = int(found[0].group(2))
            end = next(
                (m for m in found if m.group(1) == "E" and int(m.group(2)) == n), None
            )
            if end is None:
                raise Untraceable(f"markering {n} saknar slut")
            path = numbers[n]
            out.append(
                Origin(
                    "inline",
                    path,
                    prefix=_MARK.sub("", text[: found[0].start()]),
                    suffix=_MARK.sub("", text[end.end() :]),
                )
            )
            if path[0] == "statistik":
                pending_table = (path[0], path[1])
            continue
        if open_field is not None:
            out.append(Origin("block", numbers[open_field], index))
            index += 1
        else:
            out.append(Origin("template"))
    if len(out) != len(blocks):
        raise Untraceable(f"{len(out)} stycken med markeringar men {len(blocks)} utan")
    for (
        origin,
        block,
    ) in zip(out, blocks, strict=True):
        if origin.kind == "inline" and isinstance(block, WordPara):
            text = block.text.strip()
            if not (text.startswith(origin.prefix) and text.endswith(origin.suffix)):
                raise Untraceable(f"stycket '{text[:40]}' följer inte mallen")
    return out


def _heading(out: list[Origin], blocks: list[Block], path: tuple, data: Any) -> None:
    """Mark the heading just before a section's text as its `rubrik`."""
    last = len(out) - 1
    block = blocks[last] if last < len(blocks) else None
    section = data["avsnitt"][path[1]]
    if (
        isinstance(block, WordPara)
        and block.level
        and out[last].kind == "template"
        and block.text.strip() == str(section.get("rubrik", "")).strip()
    ):
        out[last] = Origin("inline", ("avsnitt", path[1], "rubrik"))
