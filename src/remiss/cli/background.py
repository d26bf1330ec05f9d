"""`remiss bakgrund`: start, stop and look at remiss's background process."""

from __future__ import annotations

import time

import click

from remiss.cli import common
from remiss.cli.report import echo
from remiss.errors import UsageError

_WAIT_SECONDS = 20.0


@click.group(
    "bakgrund",
    cls=click.Group,
    options_metavar="[FLAGGOR]",
    subcommand_metavar="KOMMANDO",
    help="Bakgrundsprocessen som gör att kommandona svarar snabbt: den har redan "
    "läst in det remiss behöver och kör varje kommando i en ny kopia av sig "
    "själv. Den startas av kommandon som skrivs i en terminal, avslutas efter "
    "15 minuter utan kommandon och när remiss uppdateras. REMISS_BAKGRUND=0 "
    "stänger av den, REMISS_BAKGRUND=1 startar den även utanför en terminal.",
)
def background() -> None:
    """Bakgrundsprocessen."""


def _path() -> str:
    from remiss.cli import relay

    if not relay.supported():
        raise UsageError("bakgrundsprocessen finns bara på Linux och macOS")
    path = relay.socket_path()
    if path is None:
        raise UsageError(
            "ingen privat mapp för bakgrundsprocessen (XDG_RUNTIME_DIR eller "
            "/tmp/remiss-ANVÄNDARID måste vara din och bara din)"
        )
    return path


@background.command(
    "starta",
    cls=common.Command,
    help="Starta bakgrundsprocessen och vänta tills den svarar.",
)
def start() -> None:
    from remiss.cli import relay

    path = _path()
    answer = relay.ask(path, "status")
    if answer is None or "served" not in answer:
        relay.start(path)
        deadline = time.monotonic() + _WAIT_SECONDS
        while time.monotonic() < deadline:
            answer = relay.ask(path, "status")
            if answer is not None and "served" in answer:
                break
            time.sleep(0.05)
        else:
            raise UsageError(
                "bakgrundsprocessen startade inte; kommandona körs som vanligt utan den"
            )
    echo(f"remiss: bakgrundsprocessen körs (process {answer['pid']})")


@background.command("stoppa", cls=common.Command, help="Avsluta bakgrundsprocessen.")
def stop() -> None:
    from remiss.cli import relay

    answer = relay.ask(_path(), "stop")
    if answer is None or not answer.get("stopped"):
        echo("remiss: ingen bakgrundsprocess körs")
        return
    echo(f"remiss: bakgrundsprocessen (process {answer['pid']}) är avslutad")


@background.command(
    "status", cls=common.Command, help="Visa om bakgrundsprocessen körs."
)
def status() -> None:
    from remiss.cli import relay

    answer = relay.ask(_path(), "status")
    if answer is None or "served" not in answer:
        echo("remiss: ingen bakgrundsprocess körs")
        return
    started = time.strftime("%Y-%m-%d %H:%M", time.localtime(answer["started"]))
    echo(
        f"remiss: bakgrundsprocessen körs (process {answer['pid']}, startad {started}, "
        f"{answer['served']} kommandon)"
    )
