"""Reading one part of a zip package (a .docx) within a size limit."""

from __future__ import annotations

import zipfile

from remiss.errors import NotADocx, RemissError

# A Word document worth reading has no part near this; a larger one is a
# mistake or a zip bomb, and is refused before it takes the memory.
MAX_PART = 64_000_000


class PartTooLarge(RemissError, ValueError):
    """A part of a zip package inflates past the reader's limit."""


def read_part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Return one part of a package, reading at most `limit` bytes.

    The declared size is not trusted (a crafted file can lie about it): the
    part is inflated in pieces and refused as soon as it passes the limit,
    so a small file that inflates to gigabytes costs no memory.
    """
    with archive.open(name) as stream:
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise PartTooLarge(f"{name} är större än {limit} byte")
            chunks.append(chunk)


def read_docx_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """Return a part of a Word document; NotADocx if it passes MAX_PART."""
    try:
        return read_part(archive, name, MAX_PART)
    except PartTooLarge as exc:
        raise NotADocx(str(exc)) from None
