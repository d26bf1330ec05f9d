"""The `remiss` command."""

from remiss.cli.main import main

__all__ = ["main"]
