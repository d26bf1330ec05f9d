"""Which files are sources: the case and meeting files named or found."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from remiss.errors import UsageError
from remiss.input.project import PROJECT_FILE

SUFFIXES = (".yaml", ".yml")


def source_files(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files named, and the YAML files below the folders named.

    A folder's files come sorted by path, `.yaml` and `.yml` alike; the
    project's own `remiss.yaml` is settings, never a case.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix in SUFFIXES)
            files.extend(
                sorted(p for p in found if p.name != PROJECT_FILE and p.is_file())
            )
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{raw}: filen finns inte; kontrollera sökvägen")
    return files


def discover(root: Path) -> list[Path]:
    """Return every case and meeting file under `root/cases`, sorted."""
    folder = root / "cases"
    return source_files([folder]) if folder.is_dir() else []
