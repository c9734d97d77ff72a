"""Reproducible zips: sorted entries, fixed timestamps and permissions, no data descriptors.

The timestamp is SOURCE_DATE_EPOCH when set (https://reproducible-builds.org/specs/source-date-epoch/),
else 1980-01-01, the earliest a zip can hold. Files that are already compressed are stored.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z
STORED_SUFFIXES = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".webm", ".zip", ".pdf")


def timestamp() -> tuple[int, int, int, int, int, int]:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = int(raw) if raw.isdigit() else ZIP_EPOCH
    return time.gmtime(max(epoch, ZIP_EPOCH))[:6]


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    """Write `files` (package path -> bytes) to `path` reproducibly.

    The file is written whole or not at all by the caller's staging (see build.py); writing to a
    regular file lets zipfile seek back for sizes, so no data descriptors are emitted.
    """
    date_time = timestamp()
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3  # Unix, so the permission bits below are meaningful
            info.external_attr = 0o100644 << 16
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=None if stored else 6)
