"""`remiss serve`: preview the project's documents in a web browser."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from remiss.cli import common
from remiss.cli.report import echo
from remiss.errors import UsageError, os_problem


@click.command(
    "serve",
    cls=common.Command,
    help="Förhandsvisa ärenden och möten i webbläsaren, med fynden från check "
    "bredvid. Sidorna uppdateras när en fil sparas; inget skrivs.",
)
@click.argument("path", required=False, type=click.Path(), metavar="[SÖKVÄG]")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    metavar="N",
    type=click.IntRange(0, 65535),
    help="Porten på 127.0.0.1; 0 väljer en ledig port.",
)
def serve(path: str | None, port: int) -> None:
    from remiss.input.project import find_project_root
    from remiss.preview.server import PreviewServer

    start = Path(path) if path else Path.cwd()
    if not start.exists():
        raise UsageError(f"{path}: mappen finns inte; ange projektets mapp")
    folder = start if start.is_dir() else start.parent
    root = find_project_root(folder) or folder.resolve()
    try:
        server = PreviewServer(root, port)
    except OSError as exc:
        raise UsageError(
            f"kunde inte lyssna på port {port} ({os_problem(exc)}); välj en annan "
            "med --port, eller --port 0 för en ledig"
        ) from exc
    click.echo(f"Förhandsvisningen av {root} finns på {server.url}")
    echo("remiss: avsluta med Ctrl-C")
    # SIGTERM stops it as Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        echo("remiss: förhandsvisningen är stoppad")
    finally:
        server.server_close()
