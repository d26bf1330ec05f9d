"""The public folder holds only what the current public build accounts for.

Three rules keep anything confidential out of it, whatever happened before:

- A source that is confidential in this build, or that fails, keeps nothing
  there: its earlier files are removed and the manifest forgets it (its
  path and digest would tell something too). A failed source comes back
  once it is mended.
- A file the manifest lists that no source makes any longer is removed.
- Without a manifest that can be read, remiss cannot tell its own earlier
  files from anything else, so every file in the folder is moved to a
  folder beside it (`<mapp>.undanlagt/`) and the build starts from scratch.

A file remiss wrote and a person changed since is never deleted: the user
is told to remove it before the folder is published (W310).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from remiss.build.files import TEMP_SUFFIX, is_link, own_file
from remiss.build.manifest import MANIFEST, Manifest
from remiss.errors import WARNING, Diagnostic, display_path
from remiss.render.source import JobResult

ASIDE_SUFFIX = ".undanlagt"


@dataclass
class Cleared:
    """What clearing the public folder did."""

    removed: list[Path] = field(default_factory=list)
    moved: list[Path] = field(default_factory=list)  # where each file went
    diagnostics: list[Diagnostic] = field(default_factory=list)


def aside_folder(folder: Path) -> Path:
    """Return where files are moved out of a public folder: beside it, so
    that nothing moved is published with the folder."""
    return folder.parent / f"{folder.name}{ASIDE_SUFFIX}"


def start_afresh(folder: Path, manifest: Manifest) -> Cleared:
    """Move every file out of a public folder whose manifest is missing or
    could not be read; return where they went."""
    done = Cleared()
    if not folder.is_dir() or not (manifest.set_aside or _missing(folder)):
        return done
    unknown = sorted(
        p
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink())
        and p.name != MANIFEST
        and not p.name.endswith(TEMP_SUFFIX)
    )
    if not unknown:
        return done
    for path in unknown:
        done.moved.append(_move_aside(folder, path))
    done.diagnostics.append(
        Diagnostic(
            display_path(folder),
            0,
            0,
            "W322",
            f"den offentliga mappen saknade ett läsbart manifest, så remiss kan "
            f"inte redovisa {len(unknown)} filer i den; de har flyttats till "
            f"{display_path(aside_folder(folder))} och allt byggs på nytt",
            "titta igenom de flyttade filerna och ta bort dem som inte behövs",
            WARNING,
        )
    )
    return done


def _missing(folder: Path) -> bool:
    return not (folder / MANIFEST).exists()


def withdraw(manifest: Manifest, keys: set[str]) -> None:
    """Forget the sources in `keys`: what they made is then unaccounted for,
    and `clear_unwanted` removes it."""
    for key in sorted(keys):
        manifest.drop_source(key)


def clear_unwanted(manifest: Manifest) -> Cleared:
    """Remove every file the manifest lists that no source record wants; one
    a person changed since remiss wrote it is left, with a warning."""
    done = Cleared()
    wanted = {name for record in manifest.sources.values() for name in record.outputs}
    for name in sorted(set(manifest.files) - wanted):
        path = manifest.target(name)
        if is_link(path):  # never removed, never followed
            manifest.forget(name)
            continue
        try:
            data = own_file(path)
        except OSError:
            continue  # unreadable: not known to be remiss's, so kept
        if data is not None and manifest.status(name, data) == "ours":
            os.unlink(path)
            done.removed.append(path)
        elif data is not None:
            # A person's change is theirs to remove: said, never deleted.
            done.diagnostics.append(
                Diagnostic(
                    display_path(path),
                    0,
                    0,
                    "W310",
                    "filen hör inte längre till den offentliga versionen men har "
                    "ändrats för hand och togs därför inte bort",
                    "ta bort filen innan mappen publiceras",
                    WARNING,
                )
            )
        manifest.forget(name)
    return done


def _move_aside(folder: Path, path: Path) -> Path:
    """Move a file out of the public folder, keeping its place below it and
    never replacing a file moved there before."""
    target = aside_folder(folder) / path.relative_to(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    stem, suffix, number = target.stem, target.suffix, 1
    while target.exists() or target.is_symlink():
        number += 1
        target = target.with_name(f"{stem}-{number}{suffix}")
    os.replace(path, target)
    return target


def up_to_date(result: JobResult, manifest: Manifest, formats: tuple[str, ...]) -> bool:
    """Return whether the public folder already holds what a source just made
    (for `build --check --public`, where a confidential source, and a meeting
    that shows one, has no digest to compare): nothing at all for a
    confidential source, the same bytes, written by remiss, for the rest."""
    if result.failed:
        return False
    record = manifest.sources.get(result.key)
    if result.withheld:
        return record is None
    if record is None:
        return False
    wanted = {
        n: d
        for n, d in result.outputs.items()
        if n.rpartition(".")[2] in formats or (n.endswith(".png") and "md" in formats)
    }
    if "pdf" in formats:  # made from the documents, which may not be kept
        wanted.update(
            (n[: -len(".docx")] + ".pdf", b"")
            for n in result.outputs
            if n.endswith(".docx")
        )
    if set(record.outputs) != set(wanted):
        return False
    for name in record.outputs:
        try:
            data = own_file(manifest.target(name))
        except OSError:
            return False
        if data is None or manifest.status(name, data) != "ours":
            return False
        if not name.endswith(".pdf") and data != wanted[name]:
            return False
    return True
