"""What a build will not do, said as findings: use a manifest entry that
leaves its folder (W312), or rewrite a decided case's text (E401)."""

from __future__ import annotations

from remiss.build.files import own_file
from remiss.build.manifest import Manifest
from remiss.checks import decided
from remiss.errors import WARNING, Diagnostic, display_path
from remiss.render.source import JobResult


def manifest_warnings(manifest: Manifest) -> list[Diagnostic]:
    """W311 for a manifest set aside, W312 for each entry not used."""
    found = []
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
