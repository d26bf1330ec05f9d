"""`remiss check`: every finding about the files, nothing written."""

from __future__ import annotations

import json

import click

from remiss.cli import common
from remiss.cli.report import Report, echo, out, out_ready, plural, shown


@click.command(
    cls=common.Command, help="Kontrollera ärende- och mötesfiler utan att skriva något."
)
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[SÖKVÄG]...")
@click.option("--strict", is_flag=True, help="Låt varningar räknas som fel.")
@common.output_format("json skriver fynden och LIX-värdena till standard output.")
def check(paths: tuple[str, ...], strict: bool, output_format: str) -> None:
    from remiss.render.check import check_sources

    if output_format == "json":
        out_ready()
    project = common.project_for(paths)
    files = common.sources(paths, project)
    report = Report(strict=strict, quiet=output_format == "json")
    found, files_found = check_sources(files, project, project.root / "output")
    found = report.add(found)
    for item in files_found:
        item.diagnostics = report.add(item.diagnostics)
        if item.lix is not None and not report.quiet:
            from remiss.render.check import lix_summary

            echo(f"{shown(item.path)}: {lix_summary(item.lix)}")
    summary = f"{plural(len(files), 'fil kontrollerad', 'filer kontrollerade')}: "
    report.say(summary + report.counts())
    if report.quiet:
        _print_json(found, files_found, len(files), report)
    report.finish()


def _print_json(found, files_found, count, report):  # type: ignore[no-untyped-def]
    from remiss.render.check import as_json, as_json_diagnostic

    payload = {
        "projekt": [as_json_diagnostic(d) for d in found],
        "filer": [as_json(r) for r in files_found],
        "summering": {
            "filer": count,
            "fel": report.errors,
            "varningar": report.warnings,
        },
    }
    out(json.dumps(payload, ensure_ascii=False, indent=1))
