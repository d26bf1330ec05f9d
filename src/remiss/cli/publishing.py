"""`remiss publish`: the public meetings as a static website."""

from __future__ import annotations

from pathlib import Path

import click

from remiss.cli import common
from remiss.cli.report import EXIT_FINDINGS, Report, echo, plural, shown


@click.command(
    "publish",
    cls=common.Command,
    help="Gör en webbplats av sammanträdenas offentliga handlingar: "
    "föredragningslistor, ärenden och index.json. Sekretess publiceras aldrig.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False),
    metavar="MAPP",
    help="Mappen där webbplatsen skrivs (standard: site i projektet).",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Lägg till PDF/A av varje handling (kräver LibreOffice).",
)
@click.option("--strict", is_flag=True, help="Låt varningar räknas som fel.")
def publish_command(out_dir: str | None, pdf: bool, strict: bool) -> None:
    from remiss.publish.site import publish

    project = common.project_for(())
    report = Report(strict=strict)
    report.add(project.diagnostics)
    if report.errors:
        echo("remiss: remiss.yaml har fel; inget publicerades")
        raise SystemExit(EXIT_FINDINGS)
    folder = Path(out_dir) if out_dir else project.root / "site"
    outcome = publish(project, folder, pdf=pdf)
    report.add(outcome.diagnostics)
    if outcome.failed:
        echo(f"remiss: inget publicerades; rätta felen ovan ({shown(folder)} är orörd)")
        report.findings = True
        report.finish()
    if not outcome.meetings:
        report.say("remiss: inga mötesfiler hittades under cases/; webbplatsen är tom")
    for path in outcome.removed:
        report.say(f"{shown(path)}: borttagen, den hör inte längre till webbplatsen")
    count = plural(
        outcome.meetings, "sammanträde publicerat", "sammanträden publicerade"
    )
    report.say(
        f"{count} i {shown(folder)}: {len(outcome.written)} filer skrivna, "
        f"{len(outcome.unchanged)} oförändrade"
        + (f", {len(outcome.removed)} borttagna" if outcome.removed else "")
    )
    report.finish()
