"""What the preview saw, in order: every API call, statement, document write and rebuild, numbered.

The side panel follows it through Server-Sent Events (a page that reconnects asks for what it missed
by the last number it saw); `packager preview --check` reads it directly.
"""

from __future__ import annotations

import queue
import threading

KEPT = 20000  # events kept for late readers; a whole course run makes a few thousand


class Events:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: list[dict] = []
        self.count = 0
        self.readers: list[queue.Queue] = []

    def publish(self, event: dict) -> dict:
        with self.lock:
            self.count += 1
            event = {**event, "n": self.count}
            self.items.append(event)
            del self.items[:-KEPT]
            for reader in self.readers:
                reader.put(event)
        return event

    def since(self, number: int) -> list[dict]:
        with self.lock:
            return [e for e in self.items if e["n"] > number]

    def subscribe(self, since: int) -> tuple[queue.Queue, list[dict]]:
        """A queue of the events to come, and those after `since` already published."""
        reader: queue.Queue = queue.Queue()
        with self.lock:
            self.readers.append(reader)
            missed = [e for e in self.items if e["n"] > since]
        return reader, missed

    def unsubscribe(self, reader: queue.Queue) -> None:
        with self.lock:
            if reader in self.readers:
                self.readers.remove(reader)

    def select(self, **match) -> list[dict]:
        """The events whose fields equal `match`, in order."""
        with self.lock:
            return [e for e in self.items if all(e.get(k) == v for k, v in match.items())]
