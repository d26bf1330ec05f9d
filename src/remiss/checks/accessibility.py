"""Content checks beyond the schema: accessibility and plain Swedish.

Each rule has a code; findings are warnings (`--strict` makes them fail) and
point at the line in the case file where the problem is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import mistune

from remiss.blocks import is_live_link
from remiss.checks.positions import markdown_fields, text_diagnostic
from remiss.errors import Diagnostic
from remiss.model.case import Case
from remiss.sourcemap import Path_, SourceMap, format_loc

_parse = mistune.create_markdown(renderer=None, plugins=["table"])


def _nodes(text: str) -> list[dict[str, Any]]:
    return cast("list[dict[str, Any]]", _parse(text))


def _walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        children = node.get("children")
        if isinstance(children, list):
            yield from _walk(children)


def accessibility(case: Case, source: SourceMap) -> list[Diagnostic]:
    """Return what would make the document hard to read with assistive tools."""
    out: list[Diagnostic] = []

    cursor: dict[str, int] = {}

    def warn(loc: Path_, text: str, needle: str, code: str, message: str, hint: str):
        # Each finding of a kind starts looking after the previous one.
        start = text.find(needle, cursor.get(f"{loc}{needle}", 0))
        offset = max(start, 0)
        cursor[f"{loc}{needle}"] = offset + 1
        out.append(text_diagnostic(source, loc, text, offset, code, message, hint))

    for loc, text in markdown_fields(case):
        where = format_loc(loc)
        nodes = _nodes(text)
        previous = 0
        for node in _walk(nodes):
            kind = node.get("type")
            if kind == "heading":
                level = node["attrs"]["level"]
                if previous and level > previous + 1:
                    warn(
                        loc,
                        text,
                        "#" * level + " ",
                        "W601",
                        f"{where}: rubriknivå {level} följer på nivå {previous}",
                        "hoppa inte över nivåer; skärmläsare använder rubrikerna "
                        "för att hitta i dokumentet",
                    )
                previous = level
            elif kind == "image":
                alt = "".join(c.get("raw", "") for c in node.get("children", []))
                if not alt.strip():
                    warn(
                        loc,
                        text,
                        "![",
                        "W602",
                        f"{where}: en bild saknar alternativtext",
                        "skriv vad bilden visar mellan hakparenteserna: "
                        "![Karta över stadsdelarna](karta.png)",
                    )
            elif kind == "link" and not is_live_link(node["attrs"].get("url", "")):
                url = node["attrs"].get("url", "")
                warn(
                    loc,
                    text,
                    url or "](",
                    "W604",
                    f"{where}: länken '{url}' blir inte klickbar",
                    "bara http-, https-, mailto- och relativa länkar blir länkar; "
                    "andra visas som text",
                )
            elif kind == "table":
                head = node["children"][0]
                cells = [
                    "".join(c.get("raw", "") for c in cell.get("children", []))
                    for cell in head.get("children", [])
                ]
                if not any(c.strip() for c in cells):
                    warn(
                        loc,
                        text,
                        "|",
                        "W603",
                        f"{where}: en tabell saknar rubrikrad",
                        "skriv kolumnernas rubriker på tabellens första rad",
                    )
    return out
