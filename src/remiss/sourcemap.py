"""Where each key and value of a YAML file stands: line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from remiss.errors import ERROR, Diagnostic

Path_ = tuple[Any, ...]


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


# What one item of each list is called, for messages that count from 1.
ITEM_WORDS = {
    "förslag_till_beslut": "beslut",
    "handläggare": "handläggare",
    "underskrifter": "underskrift",
    "bilagor": "bilaga",
    "avsnitt": "avsnitt",
    "punkter": "punkt",
    "rader": "rad",
    "kolumner": "kolumn",
    "beräknade_kolumner": "beräknad kolumn",
    "yrkanden": "yrkande",
    "motionärer": "motionär",
    "även_till": "mottagare",
    "beslut_sänds_till": "mottagare",
    "ord": "ord",
    "böjningar": "böjning",
}


def format_loc(loc: Path_) -> str:
    """Return a key path as a person reads it, counting list items from 1:
    `motion, motionär 1, namn`, `beslut 2`, `statistik.lagenheter, rad 3`,
    `grupp 2, beslut 1` (a decision in a group of decisions)."""
    parts: list[str] = []
    for index, part in enumerate(loc):
        if isinstance(part, int):
            before = loc[index - 1] if index else None
            if isinstance(before, int):  # a cell in a table row
                if parts and not parts[-1]:
                    parts.pop()
                parts.append(f"cell {part + 1}")
                parts.append("")
                continue
            key = str(before) if before is not None else ""
            word = ITEM_WORDS.get(key, key or "punkt")
            if key == "förslag_till_beslut" and index + 1 < len(loc):
                word = "grupp"  # a group of decisions: `grupp 2, beslut 1`
            if parts and key:
                parts[-1] = parts[-1][: -len(key)].rstrip(".")
                if not parts[-1]:
                    parts.pop()
            parts.append(f"{word} {part + 1}")
            parts.append("")  # what follows an item starts a new part
        elif parts and parts[-1]:
            parts[-1] += f".{part}"
        else:
            if parts and not parts[-1]:
                parts.pop()
            parts.append(str(part))
    while parts and not parts[-1]:
        parts.pop()
    return ", ".join(parts) or "(filen)"
