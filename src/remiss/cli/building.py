"""`remiss render` and `remiss build`: one batch, two ways of choosing sources."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from remiss.cli import common
from remiss.cli.report import EXIT_FINDINGS, Report, echo
from remiss.errors import UsageError, readable

if TYPE_CHECKING:
    from remiss.model.project import Project
    from remiss.render.source import JobResult


@click.command(
    cls=common.Command,
    help="Skapa Markdown, Word och HTML från ärende- och mötesfiler.",
)
@click.argument("cases", nargs=-1, required=True, type=click.Path(), metavar="FIL...")
@common.output_options
def render(
    cases: tuple[str, ...],
    out_dir: str | None,
    public: bool,
    **options: Any,
) -> None:
    project = common.project_for(cases)
    folder = Path(out_dir or ("output/offentlig" if public else "output"))
    run_build(project, common.sources(cases), folder, public=public, **options)


@click.command(
    "build",
    cls=common.Command,
    help="Bygg alla ärenden och möten i projektet, bara det som ändrats.",
)
@common.output_options
@click.option(
    "-j",
    "--jobs",
    "workers",
    default=None,
    type=common.Count(),
    help="Antal parallella processer (standard: antalet kärnor).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Skriv inget; slutkod 1 om något saknas eller är inaktuellt.",
)
@click.option("--alla", "everything", is_flag=True, help="Bygg om allt.")
def build_command(
    out_dir: str | None, public: bool, everything: bool, **options: Any
) -> None:
    project = common.project_for(())
    folder = Path(
        out_dir or project.root / ("output/offentlig" if public else "output")
    )
    files = project_sources(project)
    run_build(project, files, folder, public=public, incremental=not everything,
              progress=True, whole_project=True, **options)  # fmt: skip


def project_sources(project: Project) -> list[Path]:
    from remiss.input.discover import discover

    if not (project.root / "cases").is_dir():
        raise UsageError(
            f"ingen ärendemapp hittades ({project.root / 'cases'}); kör kommandot i "
            "projektets mapp eller skapa mappen cases/"
        )
    return discover(project.root)


def run_build(
    project: Project,
    files: list[Path],
    folder: Path,
    *,
    formats: str,
    public: bool,
    pdfa: bool,
    force: bool,
    strict: bool,
    incremental: bool = False,
    workers: int | None = 1,
    check_only: bool = False,
    progress: bool = False,
    whole_project: bool = False,
) -> NoReturn:
    """Build the files into folder, report what happened and exit."""
    from remiss.build.batch import build
    from remiss.build.statcache import StatCache
    from remiss.render.source import make_jobs

    chosen = common.formats(formats)
    report = Report(strict=strict)
    workers = _capped(workers)
    report.add(project.diagnostics)
    if report.errors:
        echo("remiss: remiss.yaml har fel; inget skrevs")
        sys.exit(EXIT_FINDINGS)
    # A build keeps what it learnt of each file (size, times, digest) in the
    # project's .remiss/ folder, so a build where nothing changed reads nothing.
    cache = StatCache.load(project.root, trust=incremental) if whole_project else None
    outcome = build(
        project,
        make_jobs(files, project.root, cache.is_meeting)
        if cache is not None
        else make_jobs(files, project.root),
        folder,
        chosen,
        public=public,
        incremental=incremental,
        workers=workers,
        check_only=check_only,
        force=force,
        pdfa=pdfa or project.config.pdfa,
        progress=_progress_printer(progress),
        cache=cache,
        prune=whole_project,
    )
    report.build_outcome(outcome, check_only=check_only)
    report.finish()


def _capped(workers: int | None) -> int:
    """Return the number of processes to use: the cores by default, and never
    more than four per core (each holds a whole renderer in memory)."""
    cores = os.cpu_count() or 1
    if workers is None:
        return cores
    if workers > 4 * cores:
        echo(
            f"remiss: -j {workers} är fler processer än datorn har nytta av; "
            f"använder {4 * cores} ({cores} kärnor)"
        )
        return 4 * cores
    return workers


def _progress_printer(enabled: bool):  # type: ignore[no-untyped-def]
    """Return a progress callback: a bar on a terminal, plain lines in a log."""
    if not enabled:
        return None
    tty = sys.stderr.isatty()

    def show(done: int, total: int, result: JobResult | None) -> None:
        if tty:
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            click.echo(f"\r[{bar}] {done}/{total}", err=True, nl=False)
            if done == total:
                click.echo("", err=True)
        elif result is not None:
            state = "fel" if result.failed else f"{len(result.outputs)} filer"
            click.echo(f"[{done}/{total}] {readable(result.key)}: {state}", err=True)

    return show
