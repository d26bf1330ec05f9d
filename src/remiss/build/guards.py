"""What a build will not or cannot do, said as findings: use a manifest
entry that leaves its folder (W312), rewrite a decided case's text (E401),
or write where the system says no (E312)."""

from __future__ import annotations

from pathlib import Path

from remiss.build.digests import dependency_key
from remiss.build.files import own_file
from remiss.build.manifest import Manifest
from remiss.checks import decided
from remiss.errors import WARNING, Diagnostic, display_path, os_problem
from remiss.render.source import JobResult, resolve_paths


def manifest_warnings(manifest: Manifest) -> list[Diagnostic]:
    """W311 for a manifest set aside, W312 for each entry not used."""
    found: list[Diagnostic] = []
    if not manifest.set_aside and not manifest.ignored:
        return found
    shown = display_path(manifest.path)
    if manifest.set_aside:
        found.append(
            Diagnostic(
                shown,
                0,
                0,
                "W311",
                "manifestet kunde inte läsas och lades åt sidan",
                "allt byggs som första gången; filer som remiss inte känner "
                "igen tas inte bort",
                WARNING,
            )
        )
    for name, (line, col) in manifest.ignored:
        found.append(
            Diagnostic(
                shown,
                line,
                col,
                "W312",
                f"posten '{name}' är ingen utdatafil i mappen och används inte",
                "manifestet har ändrats för hand (se vem som ändrade det med git "
                "log); remiss skriver och tar bara bort filer i mappen själv, och "
                "posten stryks när manifestet sparas",
                WARNING,
            )
        )
    return found


def decided_change(
    result: JobResult, manifest: Manifest, outputs: dict[str, bytes]
) -> Diagnostic | None:
    """E401 at the case's `status` line when the Markdown last built says the
    case is decided and the text made now differs from it (as `check` says)."""
    if result.status_at is None:
        return None
    for name, data in outputs.items():
        if not name.endswith(".md"):
            continue
        path = manifest.target(name)
        found = decided.decided_change(data, path, own_file(path), result.status_at)
        if found:
            return found[0]
    return None


def decided_shown(result: JobResult, kept: list[str], root: Path) -> list[str]:
    """Return the decided cases, kept as they were in this build (E401),
    that a source shows: a meeting's documents hold its cases' text."""
    if not kept or result.failed:
        return []
    shown = {dependency_key(p, root) for p in resolve_paths(result.depends)}
    return [key for key in kept if key in shown and key != result.key]


def decided_in_meeting(key: str, cases: list[str]) -> Diagnostic:
    """E402: a meeting's documents are kept as they were, because they show
    a decided case whose changed text was not written (E401)."""
    names = ", ".join(cases)
    return Diagnostic(
        key,
        1,
        1,
        "E402",
        f"mötets dokument skrivs inte om: de tar med det beslutade ärendet {names}, "
        "som har ändrats (se E401)",
        "ta tillbaka ändringen i ärendet, eller ändra status om ärendet ska upp "
        "igen; --force skriver om både ärendets och mötets dokument",
    )


def write_failed(key: str, manifest: Manifest, exc: OSError) -> Diagnostic:
    """E312 for a source whose files could not be written, naming the file
    when the system said which, and what to do about this kind of failure."""
    import errno

    where = (
        display_path(exc.filename) if exc.filename else display_path(manifest.folder)
    )
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        hint = "flytta eller byt namn på det som står i vägen; tidigare filer är orörda"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "frigör utrymme på disken och bygg igen; tidigare filer är orörda"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "bygg till en mapp du får skriva i (-o MAPP); tidigare filer är orörda"
    else:
        hint = "tidigare filer är orörda; kontrollera utrymme och behörighet"
    return Diagnostic(
        key, 1, 1, "E312", f"kunde inte skriva i {where}: {os_problem(exc)}", hint
    )
