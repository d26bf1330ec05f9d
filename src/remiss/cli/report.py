"""What a command tells the user: messages once each, counts, and the exit code.

Every command reports through one Report, so messages are deduplicated the
same way everywhere, `--strict` means the same thing everywhere, and the
exit code follows one rule: 0 clean, 1 findings, 2 usage (raised, see main).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from remiss.errors import Diagnostic, display_path

if TYPE_CHECKING:
    from remiss.build.batch import BuildReport

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def echo(message: str) -> None:
    """Write a message for the user (standard error)."""
    click.echo(message, err=True)


def out(text: str) -> None:
    """Write a result to standard output; a closed output is a usage error,
    never a silent success."""
    from remiss.errors import UsageError

    out_ready()
    try:
        click.echo(text)
    except BrokenPipeError:
        raise UsageError("mottagaren slutade läsa resultatet") from None


def out_ready() -> None:
    """Refuse at once when standard output is closed."""
    import sys

    from remiss.errors import UsageError

    if sys.stdout is None:
        raise UsageError(
            "standard output är stängd, så resultatet kan inte skrivas; "
            "skicka det till en fil, t.ex. '> resultat.json'"
        )


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class Report:
    """The messages of one command run, each shown once, and their counts."""

    def __init__(self, *, strict: bool = False, quiet: bool = False) -> None:
        self.strict = strict
        self.quiet = quiet  # counted but not printed (e.g. for --format json)
        self.errors = 0
        self.warnings = 0
        self.findings = False  # something else that makes the run exit 1
        self._seen: set[tuple[str, int, int, str, str]] = set()

    def add(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Show and count the diagnostics not shown before; return those."""
        new = []
        for d in diagnostics:
            key = (d.path, d.line, d.col, d.code, d.message)
            if key in self._seen:
                continue
            self._seen.add(key)
            new.append(d)
            if d.is_error:
                self.errors += 1
            else:
                self.warnings += 1
            if not self.quiet:
                echo(d.format())
        return new

    def say(self, message: str) -> None:
        if not self.quiet:
            echo(message)

    @property
    def exit_code(self) -> int:
        failed = self.errors or self.findings or (self.strict and self.warnings)
        return EXIT_FINDINGS if failed else EXIT_OK

    def finish(self) -> NoReturn:
        sys.exit(self.exit_code)

    def counts(self) -> str:
        return (
            f"{plural(self.errors, 'fel', 'fel')}, "
            f"{plural(self.warnings, 'varning', 'varningar')}"
        )

    # -- builds ----------------------------------------------------------------

    def build_outcome(self, outcome: BuildReport, *, check_only: bool) -> None:
        """Report what a build wrote, refused, removed or found stale."""
        self.add(outcome.diagnostics)
        for target in outcome.refused:
            self.say(
                f"{shown(target)}: filen har ändrats sedan remiss skrev den och "
                "skrivs inte över\ntips: spara dina ändringar under ett annat "
                "namn, eller kör med --force för att ersätta filen"
            )
        for target in outcome.links:
            self.say(
                f"{shown(target)}: här står en symbolisk länk, och remiss skriver "
                "aldrig genom en länk\ntips: ta bort länken så skrivs en vanlig "
                "fil här, eller kör med --force för att ersätta länken (inte "
                "filen den pekar på)"
            )
        for target in outcome.held:
            self.say(
                f"{shown(target)}: skrevs inte heller, eftersom en annan fil från "
                "samma källa är skyddad; en källas filer skrivs alla eller ingen"
            )
        for target in outcome.forced:
            self.say(f"{shown(target)}: ersatt med --force (den var ändrad för hand)")
        for target in outcome.unlinked:
            self.say(
                f"{shown(target)}: länken ersattes med en vanlig fil (--force); "
                "filen den pekade på är orörd"
            )
        for target in outcome.decided:
            self.say(
                f"{shown(target)}: skrevs över med --force fast ärendet är "
                "beslutat; den tidigare versionen finns kvar i git om den "
                "checkats in"
            )
        for path in outcome.removed:
            self.say(
                f"{shown(path)}: borttagen, den hör inte längre till den "
                "offentliga versionen"
            )
        if check_only:
            for key in outcome.stale:
                self.say(f"{key}: utdata saknas eller är inaktuella")
            self.say(
                f"{plural(len(outcome.stale), 'källa', 'källor')} behöver byggas, "
                f"{outcome.fresh_sources} aktuella"
            )
            # Only staleness decides --check; the sources' findings are shown.
            self.errors = 0
            self.strict = False
            self.findings = bool(outcome.stale)
            return
        self.say(build_summary(outcome))
        # A source with errors counts once, however many messages it gave.
        self.errors = 0
        self.findings = bool(outcome.failed_sources or outcome.refused or outcome.links)


def build_summary(report: BuildReport) -> str:
    written = len(report.written)
    text = (
        f"{plural(written, 'dokument skapat', 'dokument skapade')}, "
        f"{len(report.unchanged)} oförändrade"
    )
    if report.fresh_sources:
        text += f", {plural(report.fresh_sources, 'källa', 'källor')} redan aktuella"
    if report.removed:
        text += f", {len(report.removed)} borttagna"
    protected = len(report.refused) + len(report.links)
    if protected:
        text += f", {protected} skyddade mot överskrivning"
    if report.failed_sources:
        n = len(report.failed_sources)
        text += f", {plural(n, 'fil', 'filer')} med fel"
    return text


def shown(path: Path) -> str:
    return display_path(path)
