"""Watch the course source for changes by polling: every file's modification time and size, a few
times a second.

Polling rather than inotify (watchfiles, watchdog): a course is a few hundred small files, so a
scan costs about a millisecond, and it behaves the same on every system, in containers and on
network or synced folders (where file events are often missing). Editors that save through a
temporary file and a rename show up as a changed file, like any other save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

INTERVAL = 0.1  # seconds between scans
SETTLE = 0.05  # wait this long after a change for the rest of a multi-file save
IGNORED = (".swp", ".swx", "~", ".tmp")  # editors' scratch files


def snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    """(modification time, size) of every file under `root`, editors' scratch files and dot-files aside."""
    found = {}
    for path in root.rglob("*"):
        if path.name.startswith(".") or path.name.endswith(IGNORED):
            continue
        try:
            stat = path.stat()
        except OSError:
            continue  # removed while scanning
        if path.is_file():
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def changes(before: dict[Path, tuple[int, int]], after: dict[Path, tuple[int, int]]) -> set[Path]:
    """Files added, removed or modified between two snapshots."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


class Watcher:
    """Calls `changed(paths)` from its own thread when files under `root` change."""

    def __init__(self, root: Path, changed: Callable[[set[Path]], None]):
        self.root = root
        self.changed = changed
        self.stopping = threading.Event()
        self.state = snapshot(root)
        self.thread = threading.Thread(target=self.run, name="preview-watch", daemon=True)

    def start(self) -> Watcher:
        self.thread.start()
        return self

    def run(self) -> None:
        while not self.stopping.wait(INTERVAL):
            now = snapshot(self.root)
            if now == self.state:
                continue
            self.stopping.wait(SETTLE)
            now = snapshot(self.root)
            paths, self.state = changes(self.state, now), now
            if paths:
                self.changed(paths)

    def stop(self) -> None:
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout=2)
