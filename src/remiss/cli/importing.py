"""`remiss import` (alias `importera`): changes made in Word back into a case."""

from __future__ import annotations

from pathlib import Path

import click

from remiss.cli import common
from remiss.cli.report import Report, echo
from remiss.errors import UsageError, os_problem


@click.command(
    "import",
    cls=common.Command,
    help="För in ändringar från ett Word-dokument i ärendefilen det gjordes "
    "från, eller gör ett nytt ärende av ett äldre tjänsteutlåtande (--ny).",
)
@click.argument("docx", type=click.Path(dir_okay=False), metavar="DOKUMENT.docx")
@click.argument(
    "case", required=False, type=click.Path(dir_okay=False), metavar="[ÄRENDE.yaml]"
)
@click.option(
    "--ny",
    "new_case",
    type=click.Path(dir_okay=False),
    metavar="NY.yaml",
    help="Gör en ny ärendefil av ett tjänsteutlåtande som remiss inte skrivit.",
)
@click.option(
    "--avvisa",
    "reject",
    is_flag=True,
    help="Avvisa spårade ändringar i stället för att godkänna dem.",
)
@click.option(
    "--delvis",
    "partial",
    is_flag=True,
    help="Skriv in det som går att föra över även när annat inte går.",
)
def import_command(
    docx: str, case: str | None, new_case: str | None, reject: bool, partial: bool
) -> None:
    path = Path(docx)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{docx}: filen finns inte") from None
    except OSError as exc:
        raise UsageError(f"{docx}: filen kan inte läsas ({os_problem(exc)})") from None
    if (case is None) == (new_case is None):
        raise UsageError(
            "ange antingen ärendefilen dokumentet gjordes från "
            "('remiss import DOKUMENT.docx ÄRENDE.yaml') eller en ny ärendefil "
            "('remiss import DOKUMENT.docx --ny cases/nytt.yaml')"
        )
    if new_case is not None:
        _new(path, data, Path(new_case), reject)
    assert case is not None
    _into(path, data, Path(case), reject, partial)


def _into(path: Path, data: bytes, case: Path, reject: bool, partial: bool) -> None:
    from remiss.build.files import atomic_write
    from remiss.review.wordimport import import_word

    if not case.is_file():
        raise UsageError(f"{case}: ärendefilen finns inte")
    project = common.project_for((str(case),))
    before = case.read_bytes()
    found = import_word(data, str(path), case, project, accept=not reject)
    report = Report()
    report.add(found.diagnostics)
    listed = bool(found.diagnostics)
    if found.blocked and not partial:
        echo(
            f"{case}: inget skrivet, eftersom allt i dokumentet inte kunde föras "
            "över\ntips: --delvis skriver in det som gick att föra över"
        )
    elif found.text is None:
        echo(f"{case}: inga ändringar att föra in")
    elif case.read_bytes() != before:
        echo(f"{case}: filen ändrades medan importen pågick; inget skrivet")
        listed = True
    else:
        bom = b"\xef\xbb\xbf" if before.startswith(b"\xef\xbb\xbf") else b""
        atomic_write(case, bom + found.text.encode("utf-8"))
        echo(f"{case}: ändrat {', '.join(found.changed)}")
    report.findings = listed
    report.finish()


def _new(path: Path, data: bytes, target: Path, reject: bool) -> None:
    from remiss.build.files import atomic_write
    from remiss.review.newcase import new_case

    if target.exists():
        raise UsageError(
            f"{target}: filen finns redan; välj ett annat namn (en befintlig "
            "ärendefil skrivs aldrig över)"
        )
    project = common.project_for((str(target.parent),))
    made = new_case(data, str(path), target, project, accept=not reject)
    report = Report()
    report.add(made.diagnostics)
    if made.text is None:
        echo(f"{target}: inget skrivet")
        report.findings = True
        report.finish()
    atomic_write(target, made.text.encode("utf-8"))
    echo(f"{target}: nytt ärende med {', '.join(made.placed)}")
    report.findings = bool(made.diagnostics)
    report.finish()
