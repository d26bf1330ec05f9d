"""One build at a time per output folder.

Why: two builds into the same folder each read the manifest, write files and
save the manifest; the later save wins and forgets what the other wrote, so a
later build refused those files as hand-edited.

How: `.remiss-lock` in the output folder, held with an advisory lock
(`flock`, or `msvcrt.locking` on Windows) for the whole build and holding the
builder's process id. The operating system lets go of the lock when the
process ends, however it ends, so the lock of a killed build is simply taken
over: no stale lock ever needs removing by hand. A second build waits up to
WAIT_SECONDS, then stops with a message naming the process it waited for.
The file is removed when the build ends, so it never shows in `git status`;
a waiting build that finds it replaced takes the new one.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

from remiss.build.files import open_own
from remiss.errors import UsageError, display_path

LOCK = ".remiss-lock"
WAIT_SECONDS = 10.0
WAIT_VARIABLE = "REMISS_LAS_VANTAN"  # seconds, for a slow shared disk or tests


# The lock's file descriptors this process holds. A forked worker closes its
# copies, so that a worker outliving a killed build does not hold the lock.
_HELD: set[int] = set()


def _close_held_in_child() -> None:
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_in_child)


class BuildBusy(UsageError):
    """Another build holds the folder."""


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _holder(path: Path) -> str:
    try:
        text = path.read_text("ascii", errors="replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def _wait() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_VARIABLE, WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


class BuildLock:
    """Hold the output folder's lock: `with BuildLock(folder): ...`."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK
        self.fd: int | None = None

    def __enter__(self) -> BuildLock:
        deadline = time.monotonic() + _wait()
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = open_own(self.path, os.O_RDWR)
            except OSError:
                # Where no lock file can be made, no output can be written
                # either: the build goes on unlocked and says so per file (E312).
                return self
            if _try_lock(fd):
                try:
                    same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
                except FileNotFoundError:
                    same = False
                if same:
                    self.fd = fd
                    _HELD.add(fd)
                    pid = f"{os.getpid()}\n".encode("ascii")
                    os.write(fd, pid)
                    # Truncated only over a dead build's longer pid: on ext4 a
                    # truncate to zero makes the close flush (0.3 ms to 4 ms).
                    if os.fstat(fd).st_size > len(pid):
                        os.ftruncate(fd, len(pid))
                    return self
                # The holder removed the file as it finished: take the new one.
            os.close(fd)
            if time.monotonic() >= deadline:
                holder = _holder(self.path)
                who = f" (process {holder})" if holder else ""
                raise BuildBusy(
                    f"en annan körning bygger redan i {display_path(self.path.parent)}"
                    f"{who}; vänta tills den är klar och kör sedan igen"
                )
            time.sleep(0.1)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.fd is None:
            return
        # Removed while still held, so that no one waits on a file gone.
        try:
            os.unlink(self.path)
        except OSError:
            pass
        _HELD.discard(self.fd)
        os.close(self.fd)
        self.fd = None
