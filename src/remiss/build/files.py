"""Writing outputs safely: atomic files, a manifest, and hand-edit protection.

Why: a secretary's batch may be interrupted, and a handläggare may improve a
generated .docx in Word. A write either completes or leaves the old file; a
file that changed since remiss wrote it is not overwritten without --force.

How a batch of files is written (StagedWrites), and why a crash at any moment
leaves each target either its old or its new complete content:

1. Each new content goes to a temporary file next to its target (same folder,
   so the same filesystem). The targets are not touched. A crash here leaves
   the old targets and some temporary files, which the next build removes
   (`remove_leftovers`: they have a name no output can have).
2. The data of all the temporary files is made durable at once: one
   `syncfs` of their filesystem on Linux (it returns only when every dirty
   page and inode of that filesystem is on disk), one `fsync` per file
   elsewhere. Before this returns nothing has been renamed, so a crash still
   leaves the old targets.
3. Each temporary file is renamed over its target. `rename` replaces a name
   atomically, also across a crash: the name points to the old inode or the
   new one, never to neither. The new inode's data is already on disk (step
   2), so whichever survives is complete.
4. Each folder is fsynced once, so that the renames are on disk before the
   manifest, written after them, can say what the files contain.

One sync per batch instead of one per file: an fsync waits for a journal
commit (about 5 ms each on the build machine), syncfs for one commit for the
whole batch. A single file (`atomic_write`) still uses its own fsync.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import re
import secrets
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from remiss.errors import PathEscape, RemissError
from remiss.input.files import read_or_none  # noqa: F401 - re-exported


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


TEMP_SUFFIX = ".remiss-tmp"


def _temporary(path: Path, data: bytes, *, durable: bool) -> str:
    """Write `data` to a new temporary file beside `path`; return its name."""
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path`: readers see the old or the new file, never half.

    durable false skips the fsync: for files whose loss in a crash costs
    nothing but time (a cache).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path, data, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


@dataclass
class _Staged:
    tmp: str
    target: Path
    owner: str
    done: Callable[[], None] | None
    digest: str = ""  # the sha256 of its content, for the journal
    ready: bool = False  # the temporary file is complete
    placed: bool = False  # and renamed over the target


class CommitFailed(RemissError, OSError):
    """Some staged files were not put in place (or not made durable):
    `targets`, made for `owners`."""

    def __init__(self, error: OSError, owners: set[str], targets: set[Path]) -> None:
        # Name the file the user knows: the target of a rename, not its temp.
        super().__init__(error.errno, error.strerror, error.filename2 or error.filename)
        self.owners = owners
        self.targets = targets


class StagedWrites:
    """Files written together with one sync (see the module's docstring).

    stage() writes a temporary file; commit() makes all of them durable and
    puts them in place, calling each one's `done` after its rename. due() says
    when enough is staged to commit (so that an interrupted build keeps most
    of its work): `limit` files or `seconds` since the first.
    """

    def __init__(
        self,
        limit: int = 256,
        seconds: float = 1.0,
        journal: Callable[[dict[Path, str]], None] | None = None,
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        # Told, durably, what is about to be put in place (target -> sha256)
        # before the first rename: see build.journal.
        self.journal = journal
        self._staged: list[_Staged] = []
        self._since = 0.0

    def __len__(self) -> int:
        return len(self._staged)

    def stage(
        self,
        path: Path,
        data: bytes,
        *,
        owner: str = "",
        digest: str = "",
        done: Callable[[], None] | None = None,
    ) -> None:
        if not self._staged:
            self._since = time.monotonic()
            path.parent.mkdir(parents=True, exist_ok=True)
        elif path.parent != self._staged[-1].target.parent:
            path.parent.mkdir(parents=True, exist_ok=True)
        # Listed before it exists, complete only once written: whenever an
        # interrupt comes, discard() finds the file and commit() skips a half.
        item = _Staged(_temporary_name(path), path, owner, done, digest)
        self._staged.append(item)
        try:
            fd = os.open(item.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(item.tmp, 0o644)
        except OSError:
            self._staged.remove(item)
            _unlink(item.tmp)
            raise
        item.ready = True

    def due(self) -> bool:
        return len(self._staged) >= self.limit or (
            bool(self._staged) and time.monotonic() - self._since >= self.seconds
        )

    def commit(self) -> None:
        """Put every staged file in place; raise CommitFailed naming the owners
        of the files that were not (their targets keep the old content)."""
        todo = [s for s in self._staged if s.ready and not s.placed]
        try:
            sync_files([s.tmp for s in todo])
            if self.journal is not None and todo:
                self.journal({s.target: s.digest for s in todo if s.digest})
            for item in todo:
                os.replace(item.tmp, item.target)
                item.placed = True
                if item.done is not None:
                    item.done()
            _pause_for_tests(todo)
            for folder in sorted({str(s.target.parent) for s in todo}):
                sync_folder(folder)
        except OSError as exc:
            # All in place but a folder not synced: none counts as written.
            failed = [s for s in todo if not s.placed] or todo
            self.discard()
            raise CommitFailed(
                exc, {s.owner for s in failed}, {s.target for s in failed}
            ) from exc
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove every staged file that was not put in place."""
        for item in self._staged:
            if not item.placed:
                _unlink(item.tmp)
        self._staged = []


_BINARY = getattr(os, "O_BINARY", 0)

# Where a test may stop a build between putting files in place and recording
# them, to kill it there (see tests/test_crash.py): the variable names a file
# that is created when the point is reached; the build then waits.
PAUSE_VARIABLE = "REMISS_TEST_PAUSE_AFTER_RENAME"


def _pause_for_tests(placed: list[_Staged]) -> None:
    marker = os.environ.get(PAUSE_VARIABLE)
    if not marker or not placed or os.path.exists(marker):
        return
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    time.sleep(600)


def _temporary_name(path: Path) -> str:
    """Return a name for a temporary file beside `path` that is not taken."""
    for _ in range(100):
        name = f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        candidate = os.path.join(path.parent, name)
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(errno.EEXIST, "inget ledigt namn för en tillfällig fil")


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Return libc's syncfs (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int

    def call(fd: int) -> int:
        return 0 if function(fd) == 0 else ctypes.get_errno()

    return call


def sync_files(names: list[str]) -> None:
    """Make the data of the named files durable: one syncfs per filesystem
    where there is one (Linux), one fsync per file elsewhere."""
    syncfs = _syncfs()
    done: set[int] = set()
    for name in names:
        fd = os.open(name, os.O_RDWR)
        try:
            if syncfs is None:
                os.fsync(fd)
                continue
            device = os.fstat(fd).st_dev
            if device in done:
                continue
            error = syncfs(fd)
            if error:
                raise OSError(error, os.strerror(error), name)
            done.add(device)
        finally:
            os.close(fd)


# What fsync of a folder says where folders cannot be synced at all.
_CANNOT_SYNC_FOLDER = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES}


def sync_folder(folder: str) -> None:
    """Make the renames in a folder durable (nothing to do where a folder
    cannot be opened, as on Windows, where a rename is durable when it returns)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC_FOLDER:
            raise
    finally:
        os.close(fd)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files an interrupted write may have left in a folder."""
    removed = []
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


def safe_name(name: str) -> bool:
    """Return whether `name` can be an output's name: one plain name inside
    its folder (no folder part, not absolute, not `.` or `..`), and not one
    of remiss's own hidden files (the manifest, lock, journal, temporaries):
    no output name starts with a dot."""
    return bool(name) and name[0] != "." and _UNSAFE.search(name) is None


_UNSAFE = re.compile(r"[/\\:\0]")


def contained(out_dir: Path, name: str, *, resolved: bool = False) -> Path:
    """Return out_dir/name, refusing any name that leaves out_dir.

    resolved says out_dir is already resolved (spares resolving it again).
    A symbolic link at that name is not followed here: writers refuse it
    (see manifest.write_outputs) and removal leaves it alone.
    """
    if not safe_name(name):
        raise PathEscape(name)
    base = out_dir if resolved else out_dir.resolve()
    return base / name


def linked_part(folder: Path, root: Path) -> Path | None:
    """Return the first symbolic link on the way from the project `root` down
    to the output `folder` (the folder itself included), or None; None also
    for a folder outside the project, which the user named themselves."""
    path = Path(os.path.abspath(folder))
    real_root = os.path.realpath(root)
    chain: list[Path] = []
    for part in (path, *path.parents):
        if os.path.realpath(part) == real_root:
            return next((p for p in reversed(chain) if is_link(p)), None)
        chain.append(part)
    return None


def is_link(path: Path) -> bool:
    """Return whether `path` is a symbolic link (to anything, or to nothing)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def open_own(path: Path, flags: int) -> int:
    """Open (creating it) remiss's own file at `path` and return the file
    descriptor, never through a symbolic link: a link there (a lock or
    journal someone committed as a link) is removed first, not followed."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    for _ in range(10):
        if is_link(path):
            _unlink(str(path))
        try:
            return os.open(path, flags | os.O_CREAT | nofollow, 0o644)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def own_file(path: Path) -> bytes | None:
    """Return the bytes of a regular file at `path` itself, or None: never
    through a symbolic link, never a folder, FIFO or device. A file that is
    there but cannot be read raises (OSError): it is not taken for missing,
    and so never replaced unseen."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    if is_link(path):
        return None
    try:
        fd = os.open(path, flags | _BINARY)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since is_link looked
            return None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
