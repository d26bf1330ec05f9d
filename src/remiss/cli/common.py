"""What the commands share: finding the project, the sources and the formats,
and the options of `render` and `build`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from remiss.errors import UsageError

if TYPE_CHECKING:
    from remiss.model.project import Project

FORMATS = ("md", "docx", "html", "pdf")


def project_for(paths: tuple[str, ...]) -> Project:
    """Return the project the first path lies in (or the working folder's)."""
    from remiss.input.project import find_project_root, load_project

    start = Path(paths[0]).resolve() if paths else Path.cwd()
    root = find_project_root(start if start.is_dir() else start.parent)
    if root is None and not paths:
        root = find_project_root(Path.cwd())
    return load_project(root)


def sources(paths: tuple[str, ...], project: Project | None = None) -> list[Path]:
    """Return the files named, or the project's cases/ folder when none are."""
    from remiss.input.discover import source_files

    if paths:
        return source_files(paths)
    base = project.root if project is not None and project.file else Path.cwd()
    folder = base / "cases"
    if not folder.is_dir():
        raise UsageError(
            f"ingen ärendemapp hittades ({folder}); ange ärendefiler, "
            "t.ex. 'remiss check cases/mitt-arende.yaml'"
        )
    return source_files([folder])


def formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"okänt format '{', '.join(unknown) or value}'; välj bland "
            + ", ".join(FORMATS),
            param_hint="--format",
        )
    return chosen


_OUTPUT_OPTIONS = [
    click.option(
        "-o",
        "--output",
        "out_dir",
        default=None,
        type=click.Path(file_okay=False),
        help="Mappen där dokumenten skrivs (standard: output, med --public "
        "output/offentlig).",
    ),
    click.option(
        "--format",
        "formats",
        default="md,docx",
        show_default=True,
        help="Format att skapa, kommaseparerade: md, docx, html, pdf.",
    ),
    click.option(
        "--public", is_flag=True, help="Bygg den offentliga versionen (utan sekretess)."
    ),
    click.option("--pdfa", is_flag=True, help="Gör PDF/A-2 för arkivet (med pdf)."),
    click.option(
        "--force",
        is_flag=True,
        help="Skriv över filer som ändrats för hand, länkar där utdata ska ligga "
        "och beslutade ärendens dokument.",
    ),
    click.option("--strict", is_flag=True, help="Låt varningar räknas som fel."),
]


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options render and build share."""
    for option in reversed(_OUTPUT_OPTIONS):
        command = option(command)
    return command


class Command(click.Command):
    """A command whose usage line says [FLAGGOR]."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        super().__init__(*args, **kwargs)


class Count(click.ParamType):
    """A whole number of at least one, with Swedish messages."""

    name = "antal"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"'{value}' är inget heltal; ange t.ex. 2", param, ctx)
        if number < 1:
            self.fail(f"{number} är för litet; ange minst 1", param, ctx)
        return number


def output_format(help_text: str) -> Callable[..., Any]:
    """The `--format text|json` option of commands that report findings."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )
