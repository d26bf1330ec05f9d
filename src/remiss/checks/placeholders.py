"""Placeholders left in a case: «…» marks what `remiss new` asked to fill in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from remiss.errors import WARNING, Diagnostic
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.model.schema import dump
from remiss.sourcemap import SourceMap, format_loc

PLACEHOLDER = re.compile(r"«[^»\n]{1,80}»")


def placeholders(case: Case, source: SourceMap, project: Project) -> list[Diagnostic]:
    """Return a warning for each placeholder still in the case's values."""
    return placeholders_in(dump(case), source)


def placeholders_in(data: Any, source: SourceMap) -> list[Diagnostic]:
    """Return a warning for each placeholder in loaded data (any file)."""
    out = []
    for loc, text in _texts(data, ()):
        for match in PLACEHOLDER.finditer(text):
            out.append(
                source.diagnostic(
                    loc,
                    "W103",
                    f"{format_loc(loc)}: platshållaren {match.group(0)} är inte ifylld",
                    "skriv in den riktiga texten i stället för «…»",
                    severity=WARNING,
                )
            )
    return out


def _texts(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
