"""The `remiss` command.

`main` looks at the words first: `remiss textconv FILE` (run by git once per
changed Word file) and `remiss --version` are answered without loading the
command framework; everything else goes to the click application in `app`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the `remiss` command with the process's arguments."""
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "textconv" and not args[1].startswith("-"):
        from remiss.cli.fast import textconv

        sys.exit(textconv(args[1]))
    if args == ["--version"]:
        from remiss import __version__

        print(f"remiss {__version__}")
        sys.exit(0)
    from remiss.cli.app import main as app

    app()


__all__ = ["main"]
