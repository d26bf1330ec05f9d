"""`remiss protokoll`: give the meeting's items their § and write the protokoll."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from remiss.cli import common
from remiss.cli.report import Report, echo
from remiss.errors import UsageError, os_problem


@click.command(
    "protokoll",
    cls=common.Command,
    help="Ge sammanträdets punkter paragrafnummer (i projektets "
    "paragrafregister.json, fortlöpande under nämndens år) och skapa protokollet "
    "och ett protokollsutdrag per paragraf.",
)
@click.argument("meeting", type=click.Path(), metavar="MÖTESFIL")
@common.output_options
def minutes_command(
    meeting: str, out_dir: str | None, public: bool, **options: Any
) -> None:
    from remiss.build.files import atomic_write
    from remiss.cli.building import run_build
    from remiss.input.meeting import load_meeting
    from remiss.input.register import Register

    project = common.project_for((meeting,))
    path = Path(meeting)
    if not path.is_file():
        what = "är ingen vanlig fil" if path.exists() else "filen finns inte"
        raise UsageError(f"{meeting}: {what}; ange sammanträdets mötesfil")
    result = load_meeting(path, project)
    if result.meeting is None:
        # Errors in the file are findings (exit 1), as in every other command.
        report = Report()
        report.add(result.diagnostics)
        report.say(f"remiss: {meeting}: mötesfilen har fel; rätta dem först")
        report.findings = True
        report.finish()
    if result.meeting.minutes is None:
        raise UsageError(
            f"{meeting}: mötesfilen har ingen 'protokoll:'; lägg till närvarande, "
            "justerare och besluten (se README, Protokoll)"
        )
    register = Register.load(project.root)
    if register.problem is not None:
        report = Report()
        report.add([register.diagnostic()])
        report.finish()
    given = register.assign(result, project.root, result.meeting.minutes.first)
    if given:
        try:
            atomic_write(register.path, register.text().encode("utf-8"))
        except OSError as exc:
            raise UsageError(
                f"{register.path}: kan inte skrivas ({os_problem(exc)})"
            ) from exc
        numbers = [n.paragraph for n in given]
        echo(
            f"remiss: § {numbers[0]}–{numbers[-1]} gavs till {len(given)} punkter "
            f"({register.path.name})"
            if len(numbers) > 1
            else f"remiss: § {numbers[0]} gavs till en punkt ({register.path.name})"
        )
    folder = Path(out_dir or ("output/offentlig" if public else "output"))
    run_build(project, [path], folder, public=public, **options)
