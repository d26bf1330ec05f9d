"""A decided case (`status: beslutad`) whose text has changed since it was built."""

from __future__ import annotations

from pathlib import Path

from remiss.errors import Diagnostic, display_path
from remiss.sourcemap import SourceMap

DECIDED = b'\nstatus: "beslutad"\n'


def status_line(source: SourceMap) -> Diagnostic:
    """Return where the case's `status` is (a stub E401 carrying the place),
    small enough to send from a worker process with its result."""
    return source.diagnostic(("status",), "E401", "")


def decided_change(
    new: bytes | None,
    built_path: Path,
    built: bytes | None,
    source: SourceMap | Diagnostic,
) -> list[Diagnostic]:
    """Report E401 when the last built Markdown (the record of what was
    decided) says `beslutad` and the text rendered now differs from it.

    `source` is the case's source map, or where its `status` is (status_line).
    """
    if new is None or DECIDED not in new:
        return []
    if built is None or DECIDED not in built or built == new:
        return []
    at = source if isinstance(source, Diagnostic) else status_line(source)
    return [
        Diagnostic(
            at.path,
            at.line,
            at.col,
            "E401",
            "ärendet är beslutat, men texten skiljer sig från den byggda versionen "
            f"({display_path(built_path)})",
            "ett beslutat ärende ska inte ändras i efterhand; se skillnaden med "
            "'remiss diff', och ändra status om ärendet ska upp igen",
            source_line=at.source_line,
        )
    ]
