"""`remiss new-template`: a reference document to style in Word."""

from __future__ import annotations

from pathlib import Path

import click

from remiss.cli import common
from remiss.cli.report import echo
from remiss.errors import UsageError


@click.command(
    "new-template",
    cls=common.Command,
    help="Skriv ett referensdokument att formge i Word.",
)
@click.argument("target", type=click.Path(dir_okay=False), metavar="FIL.docx")
@click.option(
    "--utseende",
    "look",
    default="standard",
    show_default=True,
    type=click.Choice(["standard", "modern", "utlatande"]),
    help="Vilket inbyggt utseende att utgå från.",
)
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def new_template(target: str, look: str, force: bool) -> None:
    from remiss.build.files import atomic_write
    from remiss.docx.looks import build_reference

    path = Path(target)
    if path.suffix.lower() != ".docx":
        raise UsageError(
            f"{target}: ett referensdokument ska sluta på .docx, t.ex. mall.docx"
        )
    if path.exists() and not force:
        raise UsageError(
            f"{target} finns redan; välj ett annat namn eller använd --force"
        )
    atomic_write(path, build_reference(look))
    echo(
        f"{target}: referensdokument skrivet; ange det som "
        "'referensdokument:' i remiss.yaml"
    )
