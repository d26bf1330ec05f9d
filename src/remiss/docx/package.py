"""A reproducible zip writer: fixed timestamps, given order, cached members.

Member timestamps are 1980-01-01, or SOURCE_DATE_EPOCH when it is set (the
reproducible-builds convention); never the clock.

Why: zipfile stamps members with the clock and compresses every part again.
A .docx here is mostly parts that never change (styles, settings, fonts); we
deflate those once and copy their bytes into every document.
"""

from __future__ import annotations

import os
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone

# 1980-01-01 00:00:00, the first moment a zip timestamp can hold.
_DOS_TIME = 0


_DOS_DATE = (0 << 9) | (1 << 5) | 1


def source_date_epoch() -> datetime | None:
    """Return SOURCE_DATE_EPOCH as a UTC time, when it is set and valid."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return None
    return datetime.fromtimestamp(int(raw), tz=timezone.utc)


def document_moment(date_iso: str) -> datetime:
    """Return when a document is dated: SOURCE_DATE_EPOCH, else its date."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    return datetime.fromisoformat(date_iso).replace(tzinfo=timezone.utc)


def w3cdtf(moment: datetime) -> str:
    """Return a moment as Office writes dates: 2011-08-10T00:00:00Z."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dos_stamp() -> tuple[int, int]:
    when = source_date_epoch()
    if when is None or when.year < 1980:
        return _DOS_TIME, _DOS_DATE
    return (
        (when.hour << 11) | (when.minute << 5) | (when.second // 2),
        ((when.year - 1980) << 9) | (when.month << 5) | when.day,
    )


@dataclass(frozen=True)
class Member:
    """One compressed part, ready to be written into any archive."""

    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream

    @classmethod
    def of(cls, name: str, content: bytes, level: int = 6) -> Member:
        """Return a member; level 0 stores already compressed data (PNG)."""
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        data = compressor.compress(content) + compressor.flush()
        return cls(name.encode("utf-8"), zlib.crc32(content), len(content), data)


def build_zip(members: list[Member]) -> bytes:
    """Return the archive bytes for the members, in the order given."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    dos_time, dos_date = _dos_stamp()
    for m in members:
        header = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,  # version needed
            0x0800,  # UTF-8 names
            8,  # deflate
            dos_time,
            dos_date,
            m.crc,
            len(m.data),
            m.size,
            len(m.name),
            0,
        )
        local.append(header + m.name + m.data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,  # version made by (MS-DOS)
                20,
                0x0800,
                8,
                dos_time,
                dos_date,
                m.crc,
                len(m.data),
                m.size,
                len(m.name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + m.name
        )
        offset += len(header) + len(m.name) + len(m.data)
    directory = b"".join(central)
    end = struct.pack(
        "<IHHHHIIH",
        0x06054B50,
        0,
        0,
        len(members),
        len(members),
        len(directory),
        offset,
        0,
    )
    return b"".join(local) + directory + end
