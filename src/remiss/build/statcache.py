"""A stat cache, as git's index keeps one: an unchanged file is not read again.

What a build needs to know of a file is its content digest (and, for a YAML
file, whether it is a meeting file). Reading and hashing every case, template
and output of a large project on every build is what made a build where
nothing changed grow with the project. The cache keeps, per file, what
`stat` said when the file was last hashed, with the digest; when `stat`
still says the same, the digest is taken from the cache.

Where: `.remiss/stat-cache.json` in the project root, and `.remiss/` holds a
`.gitignore` of `*`, so git leaves the folder alone without any change to the
project's own `.gitignore` (pytest and ruff do the same). The project root,
not an output folder, because the files worth not reading are mostly the
project's (cases, templates, remiss.yaml, reference documents), and the
internal and public builds read the same ones into different folders; output
folders outside the project (`-o`) are keyed by their absolute path. Only
`remiss build` keeps the cache; `render` and `check` read everything anyway.
Deleting the folder is always safe: the next build hashes everything.

Stat is a shortcut, never the truth. An entry is used only when all of these
hold, otherwise the file is read and hashed and the entry replaced:

* size, modification time, change time (ns) and inode all equal what they
  were when the file was hashed. The change time is there because a tool can
  write a file and put back its old modification time (`touch -d`, `cp -p`,
  `rsync -t`, `tar`), but nothing but the clock sets the change time: any
  later write or `utime` moves it.
* The entry is not racy. A file written in the same clock tick as the `stat`
  that recorded it could be written again in that tick, same size, and keep
  the very same times (git calls this "racily clean"). So an entry whose file
  was modified or changed less than RACY_NS (2 s: the tick of the coarsest
  common filesystems, FAT and HFS+, and room for a little clock skew) before
  the moment it was hashed is stored but never trusted: the file is hashed on
  each lookup until it is older than that, and only then trusted. A build
  therefore re-reads what it wrote itself (all just written) once, in the next
  build; the one after that reads nothing.
* The build trusts the cache at all: `remiss build --alla` hashes every file
  and writes the cache anew. That is the content check for anything the rules
  above cannot see (a clock set back, a file edited on another machine's
  clock through a network filesystem).

Within one build each file is looked up once; what it said then is what the
build uses.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from remiss.build.files import atomic_write
from remiss.input.meeting import is_meeting_bytes

CACHE_DIR = ".remiss"
CACHE_FILE = "stat-cache.json"
RACY_NS = 2_000_000_000
_GITIGNORE = "# remiss: en cache som inte hör hemma i git; den får tas bort.\n*\n"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# remiss: en cache, se https://bford.info/cachedir/\n"
)
_YAML = (".yaml", ".yml")
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Facts:
    """What the content of one file says."""

    digest: str
    meeting: bool  # a YAML file with top-level `punkter:`


@dataclass(frozen=True)
class _Entry:
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    facts: Facts
    racy: bool

    def matches(self, st: os.stat_result) -> bool:
        return (
            self.size == st.st_size
            and self.mtime_ns == st.st_mtime_ns
            and self.ctime_ns == st.st_ctime_ns
            and self.ino == st.st_ino
        )

    def as_json(self) -> list[object]:
        return [
            self.size,
            self.mtime_ns,
            self.ctime_ns,
            self.ino,
            self.facts.digest,
            int(self.facts.meeting),
            int(self.racy),
        ]

    @classmethod
    def from_json(cls, raw: object) -> _Entry | None:
        if not isinstance(raw, list) or len(raw) != 7:
            return None
        size, mtime, ctime, ino, digest, meeting, racy = raw
        if not all(isinstance(v, int) for v in (size, mtime, ctime, ino)):
            return None
        if not isinstance(digest, str) or len(digest) != 64:
            return None
        return cls(size, mtime, ctime, ino, Facts(digest, bool(meeting)), bool(racy))


class StatCache:
    """Digests of files by path, kept across builds when `root` is set.

    `trust` false hashes every file (and refreshes the entries); `clock` is
    the wall clock in ns, the time that the racy rule compares file times with.
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        trust: bool = True,
        clock: Callable[[], int] = time.time_ns,
    ) -> None:
        self.root = root
        self.trust = trust
        self.clock = clock
        self._prefix = f"{root}{os.sep}" if root is not None else None
        self._entries: dict[str, _Entry] = {}
        self._raw: dict[str, object] = {}  # loaded, read into _Entry on use
        self._seen: dict[str, Facts | None] = {}
        self.changed = False
        self.reads = 0  # files read and hashed by this instance

    @property
    def path(self) -> Path | None:
        return self.root / CACHE_DIR / CACHE_FILE if self.root is not None else None

    @classmethod
    def load(
        cls,
        root: Path,
        *,
        trust: bool = True,
        clock: Callable[[], int] = time.time_ns,
    ) -> StatCache:
        """Return the project's cache; a missing or unreadable one is empty."""
        cache = cls(root, trust=trust, clock=clock)
        try:
            data = json.loads(cache.path.read_bytes())  # type: ignore[union-attr]
        except (OSError, ValueError):
            return cache
        if not isinstance(data, dict) or data.get("version") != 1:
            return cache
        files = data.get("filer")
        if isinstance(files, dict):
            cache._raw = files
        return cache

    def _entry(self, key: str) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is None and key in self._raw:
            entry = _Entry.from_json(self._raw.pop(key))
            if entry is not None:
                self._entries[key] = entry
        return entry

    def _key(self, path: str) -> str:
        if self._prefix is not None and path.startswith(self._prefix):
            return path[len(self._prefix) :]
        return path

    def facts(self, path: str | os.PathLike[str]) -> Facts | None:
        """Return the digest and kind of a file, or None when it is missing."""
        name = os.fspath(path)
        if name in self._seen:
            return self._seen[name]
        key = self._key(name)
        found: Facts | None
        try:
            st = os.stat(name)
        except (FileNotFoundError, NotADirectoryError):
            found = None
            if self._entry(key) is not None:
                del self._entries[key]
                self.changed = True
        else:
            entry = self._entry(key)
            if self.trust and entry is not None and not entry.racy:
                found = entry.facts if entry.matches(st) else self._hash(name, key)
            else:
                found = self._hash(name, key)
        self._seen[name] = found
        return found

    def digest(self, path: str | os.PathLike[str]) -> str:
        found = self.facts(path)
        return found.digest if found is not None else "saknas"

    def is_meeting(self, path: str | os.PathLike[str]) -> bool:
        found = self.facts(path)
        return found is not None and found.meeting

    def _hash(self, name: str, key: str) -> Facts | None:
        # The time is taken before the stat and the stat before the read: a
        # write after either has times the racy rule or the match will see.
        now = self.clock()
        try:
            # Only a regular file is read: a FIFO or a device named in a
            # (perhaps tampered) manifest counts as missing, never waits or
            # reads without end.
            fd = os.open(name, os.O_RDONLY | _NONBLOCK | _BINARY)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):  # a folder opens, but is no file
                return None
            with open(fd, "rb", closefd=False) as handle:
                data = handle.read()
        finally:
            os.close(fd)
        self.reads += 1
        facts = Facts(
            hashlib.sha256(data).hexdigest(),
            name.endswith(_YAML) and is_meeting_bytes(data),
        )
        racy = max(st.st_mtime_ns, st.st_ctime_ns) > now - RACY_NS
        entry = _Entry(
            st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, facts, racy
        )
        if self._entry(key) != entry:
            self._entries[key] = entry
            self.changed = True
        return facts

    def save(self) -> None:
        """Write the cache if it changed; a folder that cannot be written is
        no error (the cache only saves time)."""
        if self.root is None or not self.changed:
            return
        folder = self.root / CACHE_DIR
        if folder.is_symlink():
            return  # a link someone committed: never written through
        for key in list(self._raw):
            self._entry(key)
        files = {}
        for key, entry in sorted(self._entries.items()):
            name = key if os.path.isabs(key) else f"{self._prefix}{key}"
            if name in self._seen or os.path.exists(name):  # forget deleted files
                files[key] = entry.as_json()
        text = json.dumps({"version": 1, "filer": files}, separators=(",", ":"))
        try:
            folder.mkdir(exist_ok=True)
            for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _TAG)):
                if not (folder / name).exists():
                    atomic_write(folder / name, content.encode(), durable=False)
            # Not made durable: after a crash the cache is the old one or
            # unreadable (then empty), and either only costs reading again.
            atomic_write(folder / CACHE_FILE, text.encode(), durable=False)
        except OSError:
            return
        self.changed = False
