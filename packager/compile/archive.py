"""Reproducible zips: sorted entries, fixed timestamps and permissions, no data descriptors.

The timestamp is SOURCE_DATE_EPOCH when set (https://reproducible-builds.org/specs/source-date-epoch/),
else 1980-01-01, the earliest a zip can hold. Files that are already compressed are stored.

Written by hand rather than with zipfile: a build puts the same files (runtime, fonts, pages)
into up to twenty packages, and zipfile can only compress every copy again; `Archiver` deflates
each distinct file once per build and reuses the stream. The format written is the plain PKZIP
subset every reader accepts (no zip64, no extra fields, sizes in the local header).
"""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z
STORED_SUFFIXES = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".webm", ".zip", ".pdf")
DEFLATE_LEVEL = 6  # zlib's default, as zipfile uses
VERSION = 20  # PKZIP 2.0: deflate
MADE_BY_UNIX = 3 << 8 | VERSION
FILE_MODE = 0o100644 << 16  # regular file, rw-r--r--
UTF8_NAMES = 0x0800


def timestamp() -> tuple[int, int, int, int, int, int]:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = int(raw) if raw.isdigit() else ZIP_EPOCH
    return time.gmtime(max(epoch, ZIP_EPOCH))[:6]


def _dos(stamp: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


class Archiver:
    """Writes zips for one build; remembers each file's compressed form by content."""

    def __init__(self) -> None:
        self.dos_time, self.dos_date = _dos(timestamp())
        self._compressed: dict[tuple[bytes, bool], tuple[int, int, bytes]] = {}

    def _entry(self, data: bytes, stored: bool) -> tuple[int, int, bytes]:
        key = (data, stored)
        entry = self._compressed.get(key)
        if entry is None:
            if stored:
                entry = (0, zlib.crc32(data), data)
            else:
                packer = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
                entry = (8, zlib.crc32(data), packer.compress(data) + packer.flush())
            self._compressed[key] = entry
        return entry

    def write(self, path: Path, files: dict[str, bytes]) -> None:
        """Write `files` (package path -> bytes) to `path`, entries sorted by name."""
        local, central = bytearray(), bytearray()
        for name in sorted(files):
            data = files[name]
            method, crc, payload = self._entry(data, name.lower().endswith(STORED_SUFFIXES))
            encoded = name.encode("utf-8")
            flags = 0 if encoded.isascii() else UTF8_NAMES
            common = struct.pack(
                "<HHHHHIIIH",
                VERSION,
                flags,
                method,
                self.dos_time,
                self.dos_date,
                crc,
                len(payload),
                len(data),
                len(encoded),
            )
            central += struct.pack("<IH", 0x02014B50, MADE_BY_UNIX) + common
            central += struct.pack("<HHHHII", 0, 0, 0, 0, FILE_MODE, len(local)) + encoded
            local += struct.pack("<I", 0x04034B50) + common + struct.pack("<H", 0) + encoded + payload
        end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(central), len(local), 0)
        path.write_bytes(bytes(local + central + end))
