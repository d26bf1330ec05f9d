"""The `remiss` command: thin click commands, the only place that prints or exits."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable
from pathlib import Path

import click

from . import __version__
from .errors import Diagnostic, RemissError, TemplateProblem, UsageError
from .output import Manifest, PathEscape, write_outputs
from .pipeline import FORMATS, inputs_digest, render_file
from .project import Project, find_project_root, load_project

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


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


class _Group(click.Group):
    """Show usage errors and bugs in Swedish, never as a bare traceback."""

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        debug = "--debug" in sys.argv
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Abort:
            _echo("remiss: avbrutet")
            sys.exit(130)
        except click.ClickException as exc:
            _echo(f"remiss: {_swedish_usage(exc.format_message())}")
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


_USAGE_WORDS = [
    ("No such option", "okänd flagga"),
    ("No such command", "okänt kommando"),
    ("Missing argument", "argument saknas"),
    ("Missing option", "flagga saknas"),
    ("requires an argument", "behöver ett värde"),
    ("Invalid value for", "ogiltigt värde för"),
    ("Got unexpected extra argument", "oväntat extra argument"),
    ("Got unexpected extra arguments", "oväntade extra argument"),
    ("Did you mean", "menade du"),
    ("does not exist", "finns inte"),
]


def _swedish_usage(message: str) -> str:
    for english, swedish in _USAGE_WORDS:
        message = message.replace(english, swedish)
    return message


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Skapa tjänsteutlåtanden i Markdown och Word från ärendefiler i YAML.",
)
@click.version_option(__version__, "--version", message="remiss %(version)s")
@click.option("--debug", is_flag=True, help="Visa tekniska detaljer vid interna fel.")
def main(debug: bool) -> None:
    """Skapa tjänsteutlåtanden i Markdown och Word från ärendefiler i YAML."""


@main.command(help="Kontrollera ärendefiler utan att skriva något.")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Låt varningar räknas som fel.")
def check(paths: tuple[str, ...], strict: bool) -> None:
    project = _project_for(paths)
    files = _case_files(paths, project.root if project.file else None)
    errors, warnings = _report(project.diagnostics)
    failed_cases = 0
    for path in files:
        rendered = render_file(path, project, ("md",))
        e, w = _report(rendered.diagnostics)
        errors += e
        warnings += w
        failed_cases += 1 if e else 0
    _echo(
        f"{_plural(len(files), 'ärende kontrollerat', 'ärenden kontrollerade')}: "
        f"{_plural(errors, 'fel', 'fel')}, {_plural(warnings, 'varning', 'varningar')}"
    )
    sys.exit(EXIT_FINDINGS if errors or (strict and warnings) else EXIT_OK)


@main.command(help="Skapa Markdown och Word från ärendefiler.")
@click.argument("cases", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    "out_dir",
    default="output",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Mappen där dokumenten skrivs.",
)
@click.option(
    "--format",
    "formats",
    default="md,docx",
    show_default=True,
    help="Format att skapa, kommaseparerade: md, docx.",
)
@click.option("--force", is_flag=True, help="Skriv över filer som ändrats för hand.")
@click.option("--strict", is_flag=True, help="Låt varningar räknas som fel.")
def render(
    cases: tuple[str, ...], out_dir: str, formats: str, force: bool, strict: bool
) -> None:
    chosen = _formats(formats)
    project = _project_for(cases)
    files = _case_files(cases, None)
    errors, warnings = _report(project.diagnostics)
    if errors:
        _echo("remiss: remiss.yaml har fel; inget skrevs")
        sys.exit(EXIT_FINDINGS)
    folder = Path(out_dir)
    manifest = Manifest.load(folder)
    written = unchanged = refused = failed = 0
    try:
        for path in files:
            rendered = render_file(path, project, chosen)
            e, w = _report(rendered.diagnostics)
            warnings += w
            if e or not rendered.outputs:
                failed += 1
                continue
            named = {
                f"{rendered.stem}.{suffix}": data
                for suffix, data in rendered.outputs.items()
            }
            try:
                outcome = write_outputs(
                    manifest, named, inputs_digest(rendered.inputs), force=force
                )
            except PathEscape as exc:
                _echo(
                    f"{path}: utdatanamnet '{exc}' hamnar utanför {folder}; "
                    "inget skrevs"
                )
                failed += 1
                continue
            except OSError as exc:
                _echo(
                    f"{path}: kunde inte skriva i {folder}: {exc.strerror}; "
                    "tidigare filer är orörda"
                )
                failed += 1
                continue
            written += len(outcome.written)
            unchanged += len(outcome.unchanged)
            for target in outcome.refused:
                refused += 1
                _echo(
                    f"{target}: filen har ändrats sedan remiss skrev den och skrivs "
                    "inte över\ntips: spara dina ändringar under ett annat namn, "
                    "eller kör med --force för att ersätta filen"
                )
    finally:
        manifest.save()
    summary = (
        f"{_plural(written, 'dokument skapat', 'dokument skapade')}, "
        f"{unchanged} oförändrade"
    )
    if refused:
        summary += f", {refused} skyddade mot överskrivning"
    if failed:
        summary += f", {_plural(failed, 'ärende', 'ärenden')} med fel"
    _echo(summary)
    findings = failed or refused or (strict and warnings)
    sys.exit(EXIT_FINDINGS if findings else EXIT_OK)


@main.command("new-template", help="Skriv ett referensdokument att formge i Word.")
@click.argument("target", type=click.Path(dir_okay=False))
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
    from .output import atomic_write
    from .writers.reference_builder import build_reference

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
