"""The output folder's manifest: what remiss wrote, and from what."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from remiss.build.files import (
    StagedWrites,
    atomic_write,
    contained,
    is_link,
    own_file,
    safe_name,
    sha256,
)

MANIFEST = ".remiss-manifest.json"


@dataclass
class SourceRecord:
    """What one source (case or meeting file) was built from, and into."""

    digest: str
    depends: list[str]
    outputs: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "indata": self.digest,
            "beroenden": self.depends,
            "utdata": self.outputs,
        }


@dataclass
class Manifest:
    """What remiss wrote into one output folder.

    `files`: per output file, the hash of the bytes remiss wrote (to notice a
    hand edit). `sources`: per source file, the digest of what it was built
    from, the files it depends on, and the outputs it made (for incremental
    builds).
    """

    folder: Path
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    changed: bool = False
    _base: Path | None = field(default=None, repr=False, compare=False)
    set_aside: bool = False  # the file was there but could not be understood
    # Entries naming something outside the folder, not used: (name, (line, col)).
    ignored: list[tuple[str, tuple[int, int]]] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Read the folder's manifest. It is a file anyone with push rights
        can edit, so an entry naming anything but a plain file in the folder
        (absolute, with `..` or a folder part) is not used: see `ignored`."""
        path = folder / MANIFEST
        files: dict[str, dict[str, str]] = {}
        sources: dict[str, SourceRecord] = {}
        ignored: list[str] = []
        text = ""
        try:
            if is_link(path):  # another folder's manifest is not this one's
                raise OSError(f"{path} är en symbolisk länk")
            text = path.read_text("utf-8")
            data = json.loads(text)
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError, RecursionError):
            # Unreadable or not JSON: set aside. Everything is then built as
            # if for the first time, and nothing it does not know is removed.
            data = None
        if isinstance(data, dict):
            raw_files = data.get("filer", {})
            if isinstance(raw_files, dict):
                files = {
                    k: v
                    for k, v in raw_files.items()
                    if isinstance(v, dict) and isinstance(v.get("sha256"), str)
                }
                ignored = [k for k in raw_files if not safe_name(k)]
                for k in ignored:
                    files.pop(k, None)
            raw_sources = data.get("källor", {})
            if isinstance(raw_sources, dict):
                for key, value in raw_sources.items():
                    try:
                        outputs = [str(x) for x in value["utdata"]]
                        record = SourceRecord(
                            str(value["indata"]),
                            [str(x) for x in value["beroenden"]],
                            outputs,
                        )
                    except (KeyError, TypeError):
                        continue
                    # A name among the files is checked already.
                    if not all(x in files or safe_name(x) for x in outputs):
                        ignored.extend(x for x in outputs if not safe_name(x))
                        record.outputs = [x for x in outputs if safe_name(x)]
                    sources[key] = record
        made = cls(folder, files, sources)
        made.set_aside = data is None or not isinstance(data, dict)
        made.ignored = [(name, _where(text, name)) for name in dict.fromkeys(ignored)]
        made.changed = bool(ignored)  # saved without them
        return made

    def save(self) -> None:
        if not self.changed:
            return
        text = json.dumps(
            {
                "version": 1,
                "filer": self.files,
                "källor": {k: v.as_json() for k, v in self.sources.items()},
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        atomic_write(self.folder / MANIFEST, (text + "\n").encode("utf-8"))
        self.changed = False

    def target(self, name: str) -> Path:
        """Return the path of output `name`, refusing names that leave the
        folder (PathEscape); the folder is resolved once."""
        if self._base is None:
            self._base = self.folder.resolve()
        return contained(self._base, name, resolved=True)

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST

    def status(self, name: str, current: bytes | None) -> str:
        """Return 'new', 'ours' (unchanged since we wrote it) or 'edited'."""
        if current is None:
            return "new"
        entry = self.files.get(name)
        if entry is None:
            return "edited"
        return "ours" if entry.get("sha256") == sha256(current) else "edited"

    def record(self, name: str, data: bytes) -> None:
        self.record_digest(name, sha256(data))

    def record_digest(self, name: str, digest: str) -> None:
        entry = {"sha256": digest}
        if self.files.get(name) != entry:
            self.files[name] = entry
            self.changed = True

    def forget(self, name: str) -> None:
        if self.files.pop(name, None) is not None:
            self.changed = True

    def record_source(self, key: str, record: SourceRecord) -> None:
        if self.sources.get(key) != record:
            self.sources[key] = record
            self.changed = True

    def drop_source(self, key: str) -> None:
        if self.sources.pop(key, None) is not None:
            self.changed = True


def _where(text: str, name: str) -> tuple[int, int]:
    """Return the line and column of the first `"name"` in the manifest's
    text (as json.dumps wrote it), or (1, 1)."""
    at = text.find(json.dumps(name, ensure_ascii=False))
    if at < 0:
        at = text.find(json.dumps(name))
    if at < 0:
        return (1, 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


@dataclass
class WriteOutcome:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)  # edited by hand
    links: list[Path] = field(default_factory=list)  # a symbolic link stands there
    held: list[Path] = field(default_factory=list)  # not written: a sibling was
    forced: list[Path] = field(default_factory=list)  # edited, replaced
    unlinked: list[Path] = field(default_factory=list)  # a link, replaced

    @property
    def blocked(self) -> bool:
        return bool(self.refused or self.links)


def write_outputs(
    manifest: Manifest,
    outputs: dict[str, bytes],
    *,
    force: bool = False,
    staged: StagedWrites | None = None,
    owner: str = "",
    also: tuple[str, ...] = (),
) -> WriteOutcome:
    """Write name -> bytes into the manifest's folder, all or none.

    A file edited since remiss wrote it, or a symbolic link where an output
    goes, is not replaced without `force`; then none of `outputs` is written
    (`held`), so that a case's Markdown and Word never disagree. `also` names
    outputs made later (a PDF) whose protection counts the same. With force
    a link itself is replaced by the file, never written through.

    With `staged`, new files are only staged (for `owner`) and the manifest
    records each once its commit has put it in place.
    """
    outcome = WriteOutcome()
    todo: list[tuple[str, Path, bytes]] = []
    for name in also:
        target = manifest.target(name)
        if force:
            continue
        if is_link(target):
            outcome.links.append(target)
        elif manifest.status(name, own_file(target)) == "edited":
            outcome.refused.append(target)
    for name, data in outputs.items():
        target = manifest.target(name)
        if is_link(target):
            (outcome.unlinked if force else outcome.links).append(target)
            todo.append((name, target, data))
            continue
        current = own_file(target)
        if current == data:
            manifest.record(name, data)
            outcome.unchanged.append(target)
            continue
        if manifest.status(name, current) == "edited":
            (outcome.forced if force else outcome.refused).append(target)
        todo.append((name, target, data))
    if outcome.blocked:
        blocked = {*outcome.refused, *outcome.links}
        outcome.held = [t for _, t, _ in todo if t not in blocked]
        return outcome
    for name, target, data in todo:
        if staged is None:
            atomic_write(target, data)
            manifest.record(name, data)
        else:
            digest = sha256(data)
            staged.stage(
                target,
                data,
                owner=owner,
                digest=digest,
                done=functools.partial(manifest.record_digest, name, digest),
            )
        outcome.written.append(target)
    return outcome
