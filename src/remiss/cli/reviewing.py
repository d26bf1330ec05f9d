"""`remiss diff` and `remiss textconv`: reading changes."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from remiss.cli import common
from remiss.cli.report import Report, echo, out


@click.command(
    cls=common.Command,
    help=(
        "Jämför två versioner av ett ärende (i ord, i texten och som Word) "
        "eller av ett sammanträdes föredragningslista."
    ),
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
    default=None,
    help="Namnet på ändringarna i Word-dokumentet (standard: user.name i git).",
)
@click.option(
    "--datum",
    "moment",
    default=None,
    metavar="DATUM",
    help=(
        "Ändringarnas datum i Word-dokumentet, t.ex. 2011-08-31 (standard: "
        "incheckningens tid när NY är en git-revision, annars ärendets datum)."
    ),
)
@click.option(
    "--färg/--ingen-färg",
    "color",
    default=None,
    help="Färga ordändringarna (standard: i en terminal).",
)
def diff(
    old: str,
    new: str,
    redline_path: str | None,
    author: str | None,
    moment: str | None,
    color: bool | None,
) -> None:
    from remiss.review.diff import compare
    from remiss.review.revisions import parse_moment

    project = common.project_for((new,) if Path(new).exists() else ())
    use_color = _isatty(sys.stdout) if color is None else color
    found = compare(
        old,
        new,
        project,
        color=use_color,
        redline=redline_path is not None,
        author=author,
        moment=parse_moment(moment) if moment is not None else None,
    )
    report = Report()
    report.add(found.diagnostics)
    if not found.comparable:
        what = "två felfria sammanträden" if found.meeting else "två felfria ärenden"
        echo(f"remiss: jämförelsen kräver {what}")
        report.findings = True
        report.finish()
    _print_changes(found.changes, found.text_lines, found.meeting)
    if redline_path and found.redline is not None:
        _write(Path(redline_path), found.redline, found.revision)
    if not found.differs:
        echo("inga skillnader")
    report.findings = found.differs
    report.finish()


def _print_changes(changes: list[str], text_lines: list[str], meeting: bool) -> None:
    lines: list[str] = []
    if changes:
        title = (
            "Ändringar i föredragningslistan:" if meeting else "Ändringar i ärendet:"
        )
        lines += [title, *(f"  {change}" for change in changes)]
    if text_lines:
        lines += [""] if changes else []
        lines += ["Ändringar i texten:", *text_lines]
    if lines:
        out("\n".join(lines))


def _write(path: Path, data: bytes, revision: tuple[str, datetime] | None) -> None:
    from remiss.build.files import atomic_write

    atomic_write(path, data)
    by = ""
    if revision is not None:
        author, moment = revision
        by = f" (av {author}, {moment.strftime('%Y-%m-%d %H:%M')} UTC)"
    echo(f"{path}: Word-dokument med spårade ändringar skrivet{by}")


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
