"""Reading the files remiss is given or has made: regular files only, and
never more than a limit.

A path may name a FIFO, a device or a folder; opening a FIFO for reading
waits for a writer forever. Files are therefore opened without waiting and
checked to be regular before a byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from remiss.errors import RemissError


class NotRegular(RemissError, OSError):
    """The path is a folder, a FIFO, a device or a socket, not a file."""


class TooLarge(RemissError, OSError):
    """The file is larger than the reader's limit."""


def read_regular(path: str | Path, limit: int | None = None) -> bytes:
    """Return a regular file's bytes; raise NotRegular for anything else and
    TooLarge past `limit` (FileNotFoundError and other OSErrors pass on)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegular(f"{path} är en mapp") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotRegular(f"{path} är en mapp")
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{path} är ingen vanlig fil")
        if limit is not None and info.st_size > limit:
            raise TooLarge(f"{path} är större än {limit} byte")
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if limit is not None and size > limit:
                raise TooLarge(f"{path} är större än {limit} byte")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_or_none(path: Path) -> bytes | None:
    """Return a file's bytes, or None when there is no such regular file."""
    try:
        return read_regular(path)
    except (FileNotFoundError, NotRegular):
        return None
