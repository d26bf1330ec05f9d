"""`remiss new case|meeting` and `remiss schema`: starting a file, with help
in the editor."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import click

from remiss.cli import common
from remiss.cli.report import echo, out
from remiss.errors import UsageError

KINDS = {"ärende": "ärende", "case": "ärende", "möte": "möte", "meeting": "möte"}


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} {value}: inget datum på formen ÅÅÅÅ-MM-DD"
        ) from None


def schema_text(kind: str) -> str:
    """Return the JSON Schema of a file kind, as the bytes remiss writes."""
    from remiss.model.case import Case
    from remiss.model.jsonschema import json_schema
    from remiss.model.meeting import Meeting

    model = Case if kind == "ärende" else Meeting
    data = json_schema(model)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _schema_beside(project_root: Path, target: Path, kind: str) -> str:
    """Write (or refresh) the project's schema file; return its path as seen
    from the new file, for the editor's `$schema=` line."""
    from remiss.build.files import atomic_write
    from remiss.text.starters import SCHEMA_FILES

    folder = project_root / "schemas"
    path = folder / SCHEMA_FILES[kind]
    text = schema_text(kind).encode("utf-8")
    if not path.exists() or path.read_bytes() != text:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    return Path(os.path.relpath(path, target.resolve().parent)).as_posix()


@click.command(
    "new",
    cls=common.Command,
    help="Skapa ett nytt ärende eller sammanträde: SORT är ärende eller möte.",
)
@click.argument("kind", metavar="SORT", type=click.Choice(sorted(KINDS)))
@click.argument("target", metavar="FIL.yaml", type=click.Path(dir_okay=False))
@click.option("--från", "sender", help="Vem remissen kommer från.")
@click.option("--dnr", "reference", help="Remissens diarienummer.")
@click.option("--svar-senast", "reply_by", help="Sista dag för svaret (ÅÅÅÅ-MM-DD).")
@click.option("--rubrik", "title", help="Ärendets rubrik.")
@click.option("--datum", "day", help="Datum (ÅÅÅÅ-MM-DD; standard: i dag).")
@click.option("--nämnd", "committee", help="Sammanträdets nämnd.")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def new(kind: str, target: str, force: bool, **options: Any) -> None:
    from remiss.build.files import atomic_write

    path = Path(target)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{target}: en ärende- eller mötesfil ska sluta på .yaml")
    if path.exists() and not force:
        raise UsageError(f"{target} finns redan; välj ett annat namn eller --force")
    project = common.project_for((str(path.parent) if path.parent.is_dir() else "",))
    text = _text(KINDS[kind], path, project, options)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))
    echo(f"{target}: skapad; fyll i det som står inom «…» och kör 'remiss check'")


def _text(kind: str, path: Path, project: Any, options: dict[str, Any]) -> str:
    from remiss.text.starters import new_case, new_meeting

    schema = _schema_beside(project.root, path, kind)
    today = _date(options["day"], "--datum") or date.today()
    defaults = dict(project.config.defaults)
    if kind == "möte":
        return new_meeting(
            schema=schema,
            meeting_date=today,
            defaults=defaults,
            committee=options["committee"],
        )
    return new_case(
        schema=schema,
        today=today,
        defaults=defaults,
        sender=options["sender"],
        reference=options["reference"],
        reply_by=_date(options["reply_by"], "--svar-senast"),
        title=options["title"],
    )


@click.command(
    "schema",
    cls=common.Command,
    help="Skriv JSON Schema för ärende- eller mötesfiler (för editorer).",
)
@click.argument(
    "kind", metavar="[SORT]", default="ärende", type=click.Choice(sorted(KINDS))
)
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False),
    help="Skriv till en fil i stället för till standard output.",
)
def schema(kind: str, target: str | None) -> None:
    text = schema_text(KINDS[kind])
    if target is None:
        out(text.rstrip("\n"))
        return
    from remiss.build.files import atomic_write

    atomic_write(Path(target), text.encode("utf-8"))
    echo(f"{target}: JSON Schema skrivet")
