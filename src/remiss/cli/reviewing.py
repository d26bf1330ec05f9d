"""`remiss diff` and `remiss textconv`: reading changes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from remiss.cli import common
from remiss.cli.report import Report, echo, out


@click.command(
    cls=common.Command,
    help="Jämför två versioner av ett ärende: i ord, i texten och som Word.",
)
@click.argument("old", metavar="GAMMAL")
@click.argument("new", metavar="NY")
@click.option(
    "-o",
    "--output",
    "redline_path",
    type=click.Path(dir_okay=False),
    help="Skriv ett Word-dokument med spårade ändringar (.docx).",
)
@click.option(
    "--författare",
    "author",
    default="remiss",
    show_default=True,
    help="Namnet på ändringarna i Word-dokumentet.",
)
@click.option(
    "--färg/--ingen-färg",
    "color",
    default=None,
    help="Färga ordändringarna (standard: i en terminal).",
)
def diff(
    old: str, new: str, redline_path: str | None, author: str, color: bool | None
) -> None:
    from remiss.review.diff import compare

    project = common.project_for((new,) if Path(new).exists() else ())
    use_color = _isatty(sys.stdout) if color is None else color
    found = compare(
        old, new, project, color=use_color, author=author if redline_path else None
    )
    report = Report()
    report.add(found.diagnostics)
    if not found.comparable:
        echo("remiss: jämförelsen kräver två felfria ärenden")
        report.findings = True
        report.finish()
    _print_changes(found.changes, found.text_lines)
    if redline_path and found.redline is not None:
        _write(Path(redline_path), found.redline)
    if not found.differs:
        echo("inga skillnader")
    report.findings = found.differs
    report.finish()


def _print_changes(changes: list[str], text_lines: list[str]) -> None:
    lines: list[str] = []
    if changes:
        lines += ["Ändringar i ärendet:", *(f"  {change}" for change in changes)]
    if text_lines:
        lines += [""] if changes else []
        lines += ["Ändringar i texten:", *text_lines]
    if lines:
        out("\n".join(lines))


def _write(path: Path, data: bytes) -> None:
    from remiss.build.files import atomic_write

    atomic_write(path, data)
    echo(f"{path}: Word-dokument med spårade ändringar skrivet")


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False


@click.command(
    cls=common.Command, help="Skriv ut texten i ett Word-dokument, för git diff."
)
@click.argument("path", type=click.Path(dir_okay=False), metavar="FIL.docx")
def textconv(path: str) -> None:
    from remiss.cli.fast import textconv as run

    sys.exit(run(path))
