"""Diagnostics and the one exception tree of remiss."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"


WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem a user can act on: where, what, and how to fix it."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: str = ERROR
    source_line: str | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def headline(self) -> str:
        """Return the first line, `path:line:col: CODE message`."""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def format(self) -> str:
        """Return the full message with the source excerpt and the hint."""
        lines = [self.headline()]
        if self.source_line is not None and self.line > 0:
            text = self.source_line.rstrip("\n").replace("\t", " ")
            number = f"{self.line:>5}"
            lines.append(f"{number} | {text}")
            caret = " " * max(self.col - 1, 0) + "^"
            lines.append(f"{' ' * len(number)} | {caret}")
        if self.hint:
            lines.append(f"tips: {self.hint}")
        return "\n".join(lines)


class RemissError(Exception):
    """Base of every error remiss raises on purpose."""


class InputError(RemissError):
    """Input that cannot be used; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.headline() for d in diagnostics))


class UsageError(RemissError):
    """A command used wrongly (a missing file, an unknown format)."""


class TemplateProblem(RemissError):
    """A template that cannot be found, parsed or rendered."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(diagnostic.headline())


def display_path(path: str | Path) -> str:
    """Return `path` relative to the working folder when it lies below it."""
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()
