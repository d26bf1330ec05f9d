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


def format_loc(loc: Path_) -> str:
    """Return a key path as a user writes it: `motion.motionärer[0].namn`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(filen)"
