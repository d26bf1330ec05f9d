"""PNG in Word documents: the size of a picture, and a tiny encoder for the
built-in look's logo (same pixels, same bytes)."""

from __future__ import annotations

import struct
import zlib

from remiss.errors import NotAPng

# Pixels per inch of every picture remiss makes or places: a chart is drawn
# at this resolution and placed in the document at the same one.
DPI = 150


def png_size(data: bytes) -> tuple[int, int]:
    """Return (width, height) in pixels of a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise NotAPng("not a PNG")
    return struct.unpack(">II", data[16:24])


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def encode_png(width: int, height: int, rows: list[bytes]) -> bytes:
    """Return a PNG of RGB rows (each 3 * width bytes)."""
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def emblem(size: int = 96, colour: tuple[int, int, int] = (31, 78, 121)) -> bytes:
    """Return a simple emblem: a shield-like block with three white bars."""
    r, g, b = colour
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            inside = 8 <= x < size - 8 and 8 <= y < size - 8 - max(
                0, (y - size // 2) // 3
            )
            bar = inside and (y - 20) % 20 < 7 and 22 <= x < size - 22 and y < size - 30
            if bar:
                row += b"\xff\xff\xff"
            elif inside:
                row += bytes((r, g, b))
            else:
                row += b"\xff\xff\xff"
        rows.append(bytes(row))
    return encode_png(size, size, rows)
