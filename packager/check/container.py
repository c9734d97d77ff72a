"""The package as a set of files, from a zip or from an unpacked folder, opened safely.

For a zip, the directory is inspected (names, sizes, ratios, encryption) before any entry is read,
and nothing is extracted. A folder is read as the zip it would make: its regular files, by their
paths relative to it; a symbolic link that leaves the folder is refused like a `..` entry.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packager.check.report import Report


@dataclass(frozen=True)
class Limits:
    total_bytes: int = 500 * 1024 * 1024  # declared uncompressed total
    ratio_entry_bytes: int = 10 * 1024 * 1024  # entries above this size ...
    max_ratio: int = 100  # ... may not compress beyond this ratio
    manifest_bytes: int = 10 * 1024 * 1024
    entries: int = 20000


class Container:
    """Files of a package: their names, and their bytes on demand (at most `limit`)."""

    files: set[str]

    def read(self, name: str, limit: int) -> bytes:
        raise NotImplementedError

    def size(self, name: str) -> int:
        raise NotImplementedError


class ZipContainer(Container):
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.files = {i.filename for i in archive.infolist() if not i.filename.endswith("/")}

    def read(self, name: str, limit: int) -> bytes:
        with self.archive.open(self.archive.getinfo(name)) as handle:
            return handle.read(limit + 1)

    def size(self, name: str) -> int:
        return self.archive.getinfo(name).file_size


class FolderContainer(Container):
    def __init__(self, root: Path, files: set[str]):
        self.root = root
        self.files = files

    def read(self, name: str, limit: int) -> bytes:
        with open(self.root / name, "rb") as handle:
            return handle.read(limit + 1)

    def size(self, name: str) -> int:
        return (self.root / name).stat().st_size


def unsafe_name(name: str) -> str | None:
    if "\x00" in name:
        return "contains a NUL character"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path"
    if ".." in re.split(r"[/\\]", name):
        return "climbs out of the package with '..'"
    return None


def check_zip(archive: zipfile.ZipFile, report: Report, limits: Limits) -> ZipContainer | None:
    """The zip's directory, checked before anything is read; None when it is refused."""
    infos = archive.infolist()
    if len(infos) > limits.entries:
        report.refuse(f"{len(infos)} entries, more than the limit of {limits.entries}")
        return None
    for info in infos:
        problem = unsafe_name(info.filename)
        if problem:
            report.refuse(f"entry name {problem}; refused, nothing extracted", info.filename)
    total = sum(info.file_size for info in infos)
    if total > limits.total_bytes:
        report.refuse(f"declares {total} bytes uncompressed, over the limit of {limits.total_bytes} (zip bomb?)")
    for info in infos:
        if info.file_size > limits.ratio_entry_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            report.refuse(
                f"compresses {info.file_size // max(info.compress_size, 1)}:1, beyond {limits.max_ratio}:1 (zip bomb?)",
                info.filename,
            )
        if info.flag_bits & 0x1:
            report.refuse("entry is encrypted", info.filename)
    if report.unusable:
        return None
    names = [info.filename for info in infos]
    for name in sorted({n for n in names if names.count(n) > 1}):
        report.error("entry appears twice in the zip", name)
    return ZipContainer(archive)


def folder(root: Path, report: Report, limits: Limits) -> FolderContainer | None:
    """An unpacked package: its files as the zip would hold them; None when it is refused."""
    files, total = set(), 0
    real_root = root.resolve()
    for directory, subfolders, names in os.walk(root, followlinks=False):
        for name in names + [d for d in subfolders if (Path(directory) / d).is_symlink()]:
            path = Path(directory) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                report.refuse("symbolic link leaves the package folder; refused", relative)
                continue
            if path.is_file():
                files.add(relative)
                total += path.stat().st_size
        if len(files) > limits.entries:
            report.refuse(f"more than {limits.entries} files, the limit")
            return None
    if total > limits.total_bytes:
        report.refuse(f"holds {total} bytes, over the limit of {limits.total_bytes}")
    return None if report.unusable else FolderContainer(root, files)
