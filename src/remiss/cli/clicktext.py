"""Click's own words (usage, errors, help headings) in Swedish.

Why: click asks gettext for its messages; we answer with Swedish, so a user
sees "Användning:" and "okänd flagga" instead of English, without a compiled
message catalogue to ship. Only the messages remiss's commands can show.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

SWEDISH = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "default: {default}": "standard: {default}",
    "Error: {message}": "Fel: {message}",
    "Aborted!": "Avbrutet.",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Värde saknas",
    "Missing command.": "Kommando saknas.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: "
    "{message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Got unexpected extra argument ({args})": "Oväntat extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Oväntade extra argument ({args})",
    "Option {name!r} requires an argument.": "Flaggan {name!r} behöver ett värde.",
    "Option {name!r} requires {nargs} arguments.": "Flaggan {name!r} behöver "
    "{nargs} värden.",
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Menade du någon av: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} är inte {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} är inte någon av {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inget giltigt "
    "{number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte inom {range}.",
    "integer": "heltal",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "file": "filen",
    "directory": "mappen",
    "path": "sökvägen",
}


def _gettext(message: str) -> str:
    return SWEDISH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click speak Swedish in this process."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
