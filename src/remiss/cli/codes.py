"""`remiss koder`: the catalogue of message codes, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

import click

from remiss.cli import common
from remiss.codes import CODES, FAMILIES, SEVERITY_WORDS, Code
from remiss.errors import UsageError


def as_text(wanted: set[str] | None = None) -> str:
    """Return the codes by family, one line each: code, severity, meaning."""
    blocks = []
    for family in FAMILIES:
        lines = [
            f"{c.code}  {SEVERITY_WORDS[c.severity]:<7}  {c.meaning} "
            f"(README: {c.section})"
            for c in family.codes
            if wanted is None or c.code in wanted
        ]
        if lines:
            blocks.append("\n".join([family.title, *lines]))
    return "\n\n".join(blocks) + "\n"


def as_json(wanted: set[str] | None = None) -> list[dict[str, Any]]:
    """Return the codes as plain data, in the order of the catalogue."""
    return [
        _entry(family.title, c)
        for family in FAMILIES
        for c in family.codes
        if wanted is None or c.code in wanted
    ]


def _entry(family: str, code: Code) -> dict[str, Any]:
    return {
        "kod": code.code,
        "allvarlighet": SEVERITY_WORDS[code.severity],
        "område": family,
        "betyder": code.meaning,
        "beskrivs_i": code.section,
    }


@click.command(
    "koder",
    help="Lista alla meddelandekoder och vad de betyder.",
    options_metavar="[FLAGGOR]",
)
@click.argument("wanted", nargs=-1, metavar="[KOD]...")
@common.output_format("json skriver koderna som JSON till standard output.")
def koder(wanted: tuple[str, ...], output_format: str) -> None:
    chosen = {w.strip().upper() for w in wanted} or None
    unknown = sorted(chosen - CODES.keys()) if chosen else []
    if unknown:
        raise UsageError(
            f"okänd kod {', '.join(unknown)}; 'remiss koder' listar alla koder"
        )
    if output_format == "json":
        click.echo(json.dumps(as_json(chosen), ensure_ascii=False, indent=1))
    else:
        click.echo(as_text(chosen), nl=False)
