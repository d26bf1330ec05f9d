"""The `remiss` command group: the one place that turns problems into exit codes.

Each command lives in its own module and imports what it needs when it runs,
so `remiss --version` or `remiss textconv` do not pay for the models, the
templates or the Word writer.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

import click

from remiss import __version__
from remiss.cli import clicktext
from remiss.cli.background import background
from remiss.cli.building import build_command, render
from remiss.cli.checking import check
from remiss.cli.codes import koder
from remiss.cli.common import Command
from remiss.cli.gitsetup import git_setup
from remiss.cli.importing import import_command
from remiss.cli.minutes import minutes_command
from remiss.cli.publishing import publish_command
from remiss.cli.report import EXIT_FINDINGS, EXIT_USAGE, echo
from remiss.cli.reviewing import diff, textconv
from remiss.cli.serving import serve
from remiss.cli.starting import new, schema
from remiss.cli.templates import new_template
from remiss.errors import InputError, RemissError, TemplateProblem, UsageError

clicktext.install()


class _Group(click.Group):
    """Show usage errors, user errors and bugs in Swedish, never a traceback."""

    command_class = Command

    def main(  # type: ignore[override]
        self, args: list[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        debug = "--debug" in sys.argv
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            echo("remiss: avbrutet")
            sys.exit(130)
        except click.ClickException as exc:
            echo(f"remiss: {exc.format_message()}")
            echo("tips: 'remiss --help' visar kommandona och deras flaggor")
            sys.exit(EXIT_USAGE)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except UsageError as exc:
            echo(f"remiss: {exc}")
            sys.exit(EXIT_USAGE)
        except InputError as exc:
            for d in exc.diagnostics:
                echo(d.format())
            sys.exit(EXIT_FINDINGS)
        except TemplateProblem as exc:
            echo(exc.diagnostic.format())
            sys.exit(EXIT_FINDINGS)
        except RemissError as exc:
            echo(f"remiss: {exc}")
            sys.exit(EXIT_FINDINGS)
        except KeyboardInterrupt:
            echo("remiss: avbrutet; redan skrivna filer är hela, övriga orörda")
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if debug:
                traceback.print_exc()
            echo(
                "remiss: internt fel, detta är en bugg i remiss "
                f"({type(exc).__name__}: {exc})."
            )
            if not debug:
                echo("tips: kör igen med --debug för att se detaljerna")
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


for _command in (
    check,
    render,
    build_command,
    serve,
    publish_command,
    diff,
    textconv,
    new_template,
    koder,
    new,
    schema,
    import_command,
    background,
    git_setup,
    minutes_command,
):
    main.add_command(_command)
main.add_command(import_command, "importera")
main.add_command(new, "ny")
main.add_command(git_setup, "git-installera")
