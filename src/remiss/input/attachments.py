"""The files of a case's attachments: each exists, is a PDF and lies inside
the project.

Why: an attachment's PDF is appended to the meeting's combined document and
may be published. A path that leads out of the project, through `..`, an
absolute path or a symbolic link, could put any file of the machine there.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from remiss.errors import Diagnostic
from remiss.model.case import Attachment, Case
from remiss.model.project import Project
from remiss.sourcemap import SourceMap, format_loc

PDF_MAGIC = b"%PDF-"


def attachment_problems(
    case: Case, case_path: Path, project: Project, source: SourceMap
) -> list[Diagnostic]:
    """Return what is wrong with the files the case's `bilagor` name."""
    out: list[Diagnostic] = []
    folder = case_path.parent
    root: Path | None = None
    for index, item in enumerate(case.attachments):
        if not isinstance(item, Attachment) or not item.file:
            continue
        root = root or project.root.resolve()
        loc = ("bilagor", index, "fil")
        where = format_loc(loc)
        written = item.file
        raw = folder / written
        try:
            resolved = raw.resolve()
        except (OSError, RuntimeError, ValueError):  # a link loop, a long name
            out.append(_missing(source, loc, where, written, ""))
            continue
        if not resolved.is_relative_to(root):
            through = _link_in(raw, folder)
            out.append(
                source.diagnostic(
                    loc,
                    "E112",
                    f"{where}: '{written}' ligger utanför projektets mapp"
                    + (f" (via den symboliska länken '{through}')" if through else ""),
                    "lägg PDF-filen i projektet, t.ex. i mappen bilagor/, och "
                    "hänvisa dit",
                )
            )
            continue
        kind = _kind(resolved)
        if kind != "file":
            out.append(_missing(source, loc, where, written, kind))
            continue
        if not _is_pdf(resolved):
            out.append(
                source.diagnostic(
                    loc,
                    "E113",
                    f"{where}: '{written}' är ingen PDF-fil",
                    "spara bilagan som PDF (i Word: Arkiv > Spara som > PDF) och "
                    "hänvisa till den filen",
                )
            )
    return out


def _kind(path: Path) -> str:
    """Return "file", "mapp", "annat" (a FIFO, a device) or "" (none)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return ""
    if stat.S_ISREG(mode):
        return "file"
    return "mapp" if stat.S_ISDIR(mode) else "annat"


def _missing(
    source: SourceMap, loc: tuple[Any, ...], where: str, written: str, kind: str
) -> Diagnostic:
    what = {"mapp": " (det är en mapp)", "annat": " (det är ingen vanlig fil)"}
    return source.diagnostic(
        loc,
        "E111",
        f"{where}: filen '{written}' finns inte" + what.get(kind, ""),
        "sökvägen räknas från ärendefilens mapp; kontrollera namnet eller lägg "
        "PDF-filen där",
    )


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        return False


def _link_in(raw: Path, folder: Path) -> str | None:
    """Return the first symbolic link on the way to `raw`, as written."""
    current = raw
    found = None
    while current != folder and current != current.parent:
        try:
            if current.is_symlink():
                found = current
        except (OSError, ValueError):
            pass
        current = current.parent
    if found is None:
        return None
    try:
        return found.relative_to(folder).as_posix()
    except ValueError:
        return found.as_posix()
