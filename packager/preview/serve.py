"""Run the preview for a person: serve, watch the sources, say in the terminal what was rebuilt and
what is wrong, until Ctrl-C."""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from packager.preview.app import Preview
from packager.preview.live import Rebuild
from packager.preview.server import PreviewServer
from packager.preview.watch import Watcher


def describe(result: Rebuild) -> list[str]:
    """The terminal's lines for a rebuild: what changed, or every problem (file:line: message)."""
    if not result.ok:
        lines = [str(p) for p in result.problems]
        return lines + [f"{len(result.problems)} problem(s) in the course source: the last good build is still served"]
    changed = sorted({part for parts in result.changed.values() for part in parts})
    what = ", ".join(changed) if changed else "nothing the content shows"
    return [f"rebuilt {what} in {result.seconds * 1000:.0f} ms"]


class Running:
    """A preview being served and watched; `stop()` ends both."""

    def __init__(self, preview: Preview, host: str, port: int, say: Callable[[str], None]):
        self.preview = preview
        self.server = PreviewServer(preview, host, port).start()
        self.say = say
        self.watcher = Watcher(preview.live.source, self.changed).start()

    def changed(self, paths: set[Path]) -> None:
        for line in describe(self.preview.rebuild(paths)):
            self.say(line)

    def stop(self) -> None:
        self.watcher.stop()
        self.server.stop()


def serve(preview: Preview, host: str, port: int, open_browser: bool, say: Callable[[str], None]) -> None:
    running = Running(preview, host, port, say)
    settings = preview.settings
    say(f"preview of {preview.live.source} ({settings.format}, {settings.lang}) at {running.server.url}/")
    say("watching the sources; Ctrl-C stops")
    if open_browser:
        webbrowser.open(running.server.url + "/")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        running.stop()
