"""Real parts for browser tests: a local web server, the scorm-again LMS page, Debian's Chromium.

The server serves the repository's test LMS page and node_modules, and the packages under test
(extracted into a folder), and collects the API calls the LMS page beacons to /log/<session>.
"""

from __future__ import annotations

import hashlib
import json
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Server:
    """Serves `site` (packages extracted under /pkg/<name>/) plus /lms.html and /node_modules/."""

    def __init__(self, site: Path):
        self.site = site
        self.logs: dict[str, list[dict]] = {}
        self.lock = threading.Lock()
        handler = partial(_Handler, server_state=self, directory=str(site))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def extract(self, package: Path) -> str:
        """Unpack a zip (ours: validated, no hostile names) and return its URL prefix."""
        name = f"{package.stem}-{hashlib.sha256(str(package.resolve()).encode()).hexdigest()[:8]}"
        target = self.site / "pkg" / name
        if not target.exists():
            with zipfile.ZipFile(package) as archive:
                archive.extractall(target)
        return f"/pkg/{name}"

    def lms_url(self, sco: str, session: str, cmi: dict | None = None, **extra: str) -> str:
        query = f"sco={quote(sco)}&session={quote(session)}"
        if cmi is not None:
            query += "&cmi=" + quote(json.dumps(cmi))
        for key, value in extra.items():
            query += f"&{key}={quote(value)}"
        return f"{self.base}/lms.html?{query}"

    def calls(self, session: str) -> list[dict]:
        with self.lock:
            return sorted(self.logs.get(session, []), key=lambda call: call["seq"])

    def close(self) -> None:
        self.httpd.shutdown()


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, server_state: Server, **kwargs):
        self.state = server_state
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0]
        if clean == "/lms.html":
            return str(ROOT / "tests" / "browser" / "lms.html")
        if clean.startswith("/node_modules/"):
            return str(ROOT / clean.lstrip("/"))
        return super().translate_path(path)

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if self.path.startswith("/log/"):
            session = self.path[len("/log/"):]
            with self.state.lock:
                self.state.logs.setdefault(session, []).append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass
