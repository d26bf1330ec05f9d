"""The `remiss` command.

`main` looks at the words first: `remiss textconv FILE` (run by git once per
changed Word file) and `remiss --version` are answered without loading the
command framework. Other commands go to remiss's background process when one
runs for this installation (`relay`, `zygote`): it has done the imports that
take most of a command's time. Without one, they run here, in the click
application in `app`.
"""

from __future__ import annotations

import sys

# Commands that stay in the process the user started: the preview server
# runs until Ctrl-C, and `bakgrund` manages the background process itself.
_HERE = frozenset({"serve", "bakgrund"})


def main() -> None:
    """Run the `remiss` command with the process's arguments."""
    args = sys.argv[1:]
    if args and args[0] not in _HERE and not _fast(args):
        from remiss.cli import relay

        code = relay.run()
        if code is not None:
            sys.exit(code)
    run_here(args)


def _fast(args: list[str]) -> bool:
    return (
        len(args) == 2 and args[0] == "textconv" and not args[1].startswith("-")
    ) or (args == ["--version"])


def run_here(args: list[str]) -> None:
    """Run the command in this process (exits through SystemExit)."""
    if len(args) == 2 and args[0] == "textconv" and not args[1].startswith("-"):
        from remiss.cli.fast import textconv

        sys.exit(textconv(args[1]))
    if args == ["--version"]:
        from remiss import __version__

        print(f"remiss {__version__}")
        sys.exit(0)
    from remiss.cli.app import main as app

    app(args)


__all__ = ["main", "run_here"]
