"""Benchmark: a clean build of every package versus the floor, zipping the same files with zipfile.

The floor writes the exact files our build puts in each package (read back from the build's
output) with Python's zipfile and default deflate, nothing else: no loading, rendering,
manifest or validation. The ratio build/floor is the figure to watch (goal: <= 2); absolute
times depend on the machine.

    python bench/build.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from packager.build import build  # noqa: E402


def contents(folder: Path) -> dict[str, dict[str, bytes]]:
    packages = {}
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            packages[path.name] = {name: archive.read(name) for name in archive.namelist()}
    return packages


def floor(packages: dict[str, dict[str, bytes]], out: Path) -> None:
    for name, files in packages.items():
        with zipfile.ZipFile(out / name, "w", zipfile.ZIP_DEFLATED) as archive:
            for entry, data in files.items():
                archive.writestr(entry, data)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(ROOT / "modules", tmp / "warmup")  # imports, schema compilation, template cache
        packages = contents(tmp / "warmup")
        files = sum(len(f) for f in packages.values())
        raw = sum(len(d) for f in packages.values() for d in f.values())
        builds, floors = [], []
        for i in range(args.rounds):
            (tmp / f"floor{i}").mkdir()
            target, zips = tmp / f"build{i}", tmp / f"floor{i}"
            builds.append(timed(lambda target=target: build(ROOT / "modules", target)))
            floors.append(timed(lambda zips=zips: floor(packages, zips)))
    b, f = statistics.median(builds), statistics.median(floors)
    print(f"packages: {len(packages)}, entries: {files}, uncompressed bytes: {raw}")
    print(f"clean build (load, check, render, manifests, zip, validate): {b * 1000:.1f} ms (median of {args.rounds})")
    print(f"floor (zipfile on the same files):                            {f * 1000:.1f} ms (median of {args.rounds})")
    print(f"ratio build / floor: {b / f:.2f}  (goal <= 2)")


if __name__ == "__main__":
    main()
