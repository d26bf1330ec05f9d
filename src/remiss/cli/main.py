"""The `remiss` command: thin click commands, the only place that prints or exits."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path

import click

from remiss import __version__
from remiss.build.batch import BuildReport, build, discover, make_jobs
from remiss.build.statcache import StatCache
from remiss.cli import clicktext as clitext
from remiss.errors import Diagnostic, RemissError, TemplateProblem, UsageError
from remiss.input.project import find_project_root, load_project
from remiss.model.project import Project
from remiss.render.case import FORMATS
from remiss.render.source import Job, JobResult

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


clitext.install()


def _echo(message: str) -> None:
    click.echo(message, err=True)


def _report(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for d in diagnostics:
        _echo(d.format())
        if d.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def _dedupe(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[str, int, int, str, str]] = set()
    out = []
    for d in diagnostics:
        key = (d.path, d.line, d.col, d.code, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _case_files(paths: tuple[str, ...], project_root: Path | None) -> list[Path]:
    """Return the case files named or found below the named folders, sorted."""
    if not paths:
        base = project_root or Path.cwd()
        folder = base / "cases"
        if not folder.is_dir():
            raise UsageError(
                f"ingen ärendemapp hittades ({folder}); ange ärendefiler, "
                "t.ex. 'remiss check cases/mitt-arende.yaml'"
            )
        paths = (str(folder),)
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.yaml") if p.is_file()))
            files.extend(sorted(p for p in path.rglob("*.yml") if p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{raw}: filen finns inte; kontrollera sökvägen")
    return files


def _project_for(paths: tuple[str, ...]) -> Project:
    start = Path(paths[0]).resolve() if paths else Path.cwd()
    root = find_project_root(start if start.is_dir() else start.parent)
    if root is None and not paths:
        root = find_project_root(Path.cwd())
    return load_project(root)


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"okänt format '{', '.join(unknown) or value}'; välj bland "
            + ", ".join(FORMATS),
            param_hint="--format",
        )
    return chosen


class _Command(click.Command):
    """A command whose usage line says [FLAGGOR]."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    """Show usage errors and bugs in Swedish, never as a bare traceback."""

    command_class = _Command

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        debug = "--debug" in sys.argv
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Abort:
            _echo("remiss: avbrutet")
            sys.exit(130)
        except click.ClickException as exc:
            _echo(f"remiss: {exc.format_message()}")
            _echo("tips: 'remiss --help' visar kommandona och deras flaggor")
            sys.exit(EXIT_USAGE)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except UsageError as exc:
            _echo(f"remiss: {exc}")
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            _echo("remiss: avbrutet; redan skrivna filer är hela, övriga orörda")
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if debug:
                traceback.print_exc()
            _echo(
                "remiss: internt fel, detta är en bugg i remiss "
                f"({type(exc).__name__}: {exc})."
            )
            if not debug:
                _echo(
                    "tips: kör igen med --debug för att se detaljerna "
                    "och rapportera dem"
                )
            sys.exit(EXIT_USAGE)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[FLAGGOR]",
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
    help="Skapa tjänsteutlåtanden i Markdown och Word från ärendefiler i YAML.",
)
@click.version_option(__version__, "--version", message="remiss %(version)s")
@click.option("--debug", is_flag=True, help="Visa tekniska detaljer vid interna fel.")
def main(debug: bool) -> None:
    """Skapa tjänsteutlåtanden i Markdown och Word från ärendefiler i YAML."""


@main.command(help="Kontrollera ärende- och mötesfiler utan att skriva något.")
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[SÖKVÄG]...")
@click.option("--strict", is_flag=True, help="Låt varningar räknas som fel.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json skriver fynden och LIX-värdena till standard output.",
)
def check(paths: tuple[str, ...], strict: bool, output_format: str) -> None:
    from remiss.render.check import (
        as_json,
        as_json_diagnostic,
        check_file,
        lix_summary,
        reference_findings,
    )

    project = _project_for(paths)
    files = _case_files(paths, project.root if project.file else None)
    as_text = output_format == "text"
    project.diagnostics.extend(reference_findings(project))
    if as_text:
        _report(project.diagnostics)
    errors = sum(d.is_error for d in project.diagnostics)
    warnings = len(project.diagnostics) - errors
    shown: list[Diagnostic] = []
    reports = []
    out_dir = project.root / "output"
    for job in make_jobs(files, project.root):
        report = check_file(job, project, out_dir)
        report.diagnostics = [d for d in _dedupe(report.diagnostics) if d not in shown]
        shown.extend(report.diagnostics)
        reports.append(report)
        errors += sum(d.is_error for d in report.diagnostics)
        warnings += sum(not d.is_error for d in report.diagnostics)
        if as_text:
            _report(report.diagnostics)
            if report.lix is not None:
                _echo(f"{_shown(job.path)}: {lix_summary(report.lix)}")
    summary = (
        f"{_plural(len(files), 'fil kontrollerad', 'filer kontrollerade')}: "
        f"{_plural(errors, 'fel', 'fel')}, {_plural(warnings, 'varning', 'varningar')}"
    )
    if as_text:
        _echo(summary)
    else:
        payload = {
            "projekt": [as_json_diagnostic(d) for d in project.diagnostics],
            "filer": [as_json(r) for r in reports],
            "summering": {"filer": len(files), "fel": errors, "varningar": warnings},
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    sys.exit(EXIT_FINDINGS if errors or (strict and warnings) else EXIT_OK)


def _summary(report: BuildReport) -> str:
    written = len(report.written)
    text = (
        f"{_plural(written, 'dokument skapat', 'dokument skapade')}, "
        f"{len(report.unchanged)} oförändrade"
    )
    if report.fresh_sources:
        text += f", {_plural(report.fresh_sources, 'källa', 'källor')} redan aktuella"
    if report.removed:
        text += f", {len(report.removed)} borttagna"
    if report.refused:
        text += f", {len(report.refused)} skyddade mot överskrivning"
    if report.failed_sources:
        n = len(report.failed_sources)
        text += f", {_plural(n, 'fil', 'filer')} med fel"
    return text


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
            end = "\n" if done == total else ""
            click.echo(f"\r[{bar}] {done}/{total}", err=True, nl=False)
            if end:
                click.echo("", err=True)
        elif result is not None:
            state = "fel" if result.failed else f"{len(result.outputs)} filer"
            click.echo(f"[{done}/{total}] {result.key}: {state}", err=True)

    return show


def _run_build(
    jobs: list[Job],
    project: Project,
    folder: Path,
    chosen: tuple[str, ...],
    *,
    public: bool,
    incremental: bool,
    workers: int,
    check_only: bool,
    force: bool,
    strict: bool,
    progress: bool,
    pdfa: bool = False,
    cache: StatCache | None = None,
) -> None:
    errors, warnings = _report(project.diagnostics)
    if errors:
        _echo("remiss: remiss.yaml har fel; inget skrevs")
        sys.exit(EXIT_FINDINGS)
    seen: set[tuple[str, int, int, str, str]] = set()
    report = build(
        project,
        jobs,
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
    )
    for d in report.diagnostics:
        key = (d.path, d.line, d.col, d.code, d.message)
        if key in seen:
            continue
        seen.add(key)
        _echo(d.format())
        warnings += 0 if d.is_error else 1
    for target in report.refused:
        _echo(
            f"{_shown(target)}: filen har ändrats sedan remiss skrev den och skrivs "
            "inte över\ntips: spara dina ändringar under ett annat namn, "
            "eller kör med --force för att ersätta filen"
        )
    for path in report.removed:
        _echo(
            f"{_shown(path)}: borttagen, den hör inte längre till den "
            "offentliga versionen"
        )
    if check_only:
        for key in report.stale:
            _echo(f"{key}: utdata saknas eller är inaktuella")
        _echo(
            f"{_plural(len(report.stale), 'källa', 'källor')} behöver byggas, "
            f"{report.fresh_sources} aktuella"
        )
        sys.exit(EXIT_FINDINGS if report.stale else EXIT_OK)
    _echo(_summary(report))
    findings = report.failed_sources or report.refused or (strict and warnings)
    sys.exit(EXIT_FINDINGS if findings else EXIT_OK)


def _shown(path: Path) -> str:
    from remiss.errors import display_path

    return display_path(path)


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
        help="Format att skapa, kommaseparerade: md, docx, pdf.",
    ),
    click.option(
        "--public", is_flag=True, help="Bygg den offentliga versionen (utan sekretess)."
    ),
    click.option("--pdfa", is_flag=True, help="Gör PDF/A-2 för arkivet (med pdf)."),
    click.option(
        "--force", is_flag=True, help="Skriv över filer som ändrats för hand."
    ),
    click.option("--strict", is_flag=True, help="Låt varningar räknas som fel."),
]


def _output_options(command):  # type: ignore[no-untyped-def]
    """Add the options render and build share."""
    for option in reversed(_OUTPUT_OPTIONS):
        command = option(command)
    return command


@main.command(help="Skapa Markdown och Word från ärende- och mötesfiler.")
@click.argument("cases", nargs=-1, required=True, type=click.Path(), metavar="FIL...")
@_output_options
def render(
    cases: tuple[str, ...],
    out_dir: str | None,
    formats: str,
    public: bool,
    pdfa: bool,
    force: bool,
    strict: bool,
) -> None:
    chosen = _formats(formats)
    project = _project_for(cases)
    files = _case_files(cases, None)
    folder = Path(out_dir or ("output/offentlig" if public else "output"))
    _run_build(
        make_jobs(files, project.root),
        project,
        folder,
        chosen,
        public=public,
        incremental=False,
        workers=1,
        check_only=False,
        force=force,
        strict=strict,
        progress=False,
        pdfa=pdfa,
    )


@main.command(
    "build", help="Bygg alla ärenden och möten i projektet, bara det som ändrats."
)
@_output_options
@click.option(
    "-j",
    "--jobs",
    "workers",
    default=None,
    type=click.IntRange(min=1),
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
    out_dir: str | None,
    formats: str,
    workers: int | None,
    check_only: bool,
    public: bool,
    pdfa: bool,
    everything: bool,
    force: bool,
    strict: bool,
) -> None:
    chosen = _formats(formats)
    root = find_project_root(Path.cwd())
    project = load_project(root)
    if not (project.root / "cases").is_dir():
        raise UsageError(
            f"ingen ärendemapp hittades ({project.root / 'cases'}); kör kommandot i "
            "projektets mapp eller skapa mappen cases/"
        )
    files = discover(project.root)
    default = "output/offentlig" if public else "output"
    folder = Path(out_dir) if out_dir else project.root / default
    cache = StatCache.load(project.root, trust=not everything)
    _run_build(
        make_jobs(files, project.root, cache),
        project,
        folder,
        chosen,
        public=public,
        incremental=not everything,
        workers=workers or os.cpu_count() or 1,
        check_only=check_only,
        force=force,
        strict=strict,
        progress=True,
        pdfa=pdfa,
        cache=cache,
    )


@main.command(help="Jämför två versioner av ett ärende: i ord, i texten och som Word.")
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
    from remiss.build.files import atomic_write
    from remiss.render.case import render_markdown
    from remiss.review.diff import describe_changes, read_side, redline_docx, word_diff

    project = _project_for((new,) if Path(new).exists() else ())
    sides = [read_side(old, project), read_side(new, project)]
    errors = 0
    for side in sides:
        e, _ = _report(side.result.diagnostics)
        errors += e
    if errors or any(side.result.case is None for side in sides):
        _echo("remiss: jämförelsen kräver två felfria ärenden")
        sys.exit(EXIT_FINDINGS)
    before, after = (side.result.case for side in sides)
    typed = [side.result.typed for side in sides]
    if before is None or after is None or None in typed:  # pragma: no cover
        sys.exit(EXIT_FINDINGS)
    changes = describe_changes(typed[0], typed[1])  # what the user typed
    old_md, _, _ = render_markdown(before, project)
    new_md, _, _ = render_markdown(after, project)
    use_color = sys.stdout.isatty() if color is None else color
    if changes:
        click.echo("Ändringar i ärendet:")
        for change in changes:
            click.echo(f"  {change}")
    text_lines = word_diff(old_md, new_md, color=use_color)
    if text_lines:
        if changes:
            click.echo("")
        click.echo("Ändringar i texten:")
        for line in text_lines:
            click.echo(line)
    if redline_path:
        data, warnings = redline_docx(before, after, project, author)
        _report(warnings)
        atomic_write(Path(redline_path), data)
        _echo(f"{redline_path}: Word-dokument med spårade ändringar skrivet")
    if not changes and not text_lines:
        _echo("inga skillnader")
    sys.exit(EXIT_FINDINGS if changes or text_lines else EXIT_OK)


@main.command(help="Skriv ut texten i ett Word-dokument, för git diff.")
@click.argument("path", type=click.Path(dir_okay=False), metavar="FIL.docx")
def textconv(path: str) -> None:
    from remiss.docx.textconv import NotADocx, docx_text

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: filen kan inte läsas ({exc.strerror})") from None
    try:
        text = docx_text(data)
    except NotADocx:
        raise UsageError(
            f"{path}: filen är inget läsbart Word-dokument (.docx)"
        ) from None
    click.echo(text, nl=False)


@main.command("new-template", help="Skriv ett referensdokument att formge i Word.")
@click.argument("target", type=click.Path(dir_okay=False), metavar="FIL.docx")
@click.option(
    "--utseende",
    "look",
    default="standard",
    show_default=True,
    type=click.Choice(["standard", "modern"]),
    help="Vilket inbyggt utseende att utgå från.",
)
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def new_template(target: str, look: str, force: bool) -> None:
    from remiss.build.files import atomic_write
    from remiss.docx.looks import build_reference

    path = Path(target)
    if path.exists() and not force:
        raise UsageError(
            f"{target} finns redan; välj ett annat namn eller använd --force"
        )
    atomic_write(path, build_reference(look))
    _echo(
        f"{target}: referensdokument skrivet; ange det som "
        "'referensdokument:' i remiss.yaml"
    )


__all__ = ["main", "RemissError", "TemplateProblem"]
