"""Real parts for browser tests: a local web server, the scorm-again LMS page, Debian's Chromium,
and Learning Locker's statement service (npm xapi-statements) as the LRS.

The server serves the repository's test LMS page and node_modules, and the packages under test
(extracted into a folder), and collects the API calls the LMS page beacons to /log/<session>.
Under /lrs/ it is the LRS endpoint the packages are launched with:
  - /lrs/statements is proxied to the real LRS; `lrs_down` makes it unreachable (connections
    are dropped without an answer, as a network outage looks to a browser);
  - /lrs/activities/state is a STAND-IN kept in memory: xapi-statements has no State API;
  - requests with a cmi5 session's token go through the cmi5 LMS double (packager/preview/cmi5_lms.py), written
    from the cmi5 spec: it refuses what a conformant LMS refuses, keeps State and Agent Profile
    documents, and sends accepted statements to the real LRS; /cmi5/fetch/<session> is its fetch
    URL, /cmi5/return/<session> its returnURL. A test can hold chosen cmi5 requests (`hold()`).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from packager.preview.cmi5_lms import Cmi5Lms, Session

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium-headless-shell"
LRS_CREDENTIALS = ("packager-test", "not-a-real-secret")
LRS_AUTH = "Basic " + base64.b64encode(":".join(LRS_CREDENTIALS).encode()).decode()


@dataclass
class Held:
    """A cmi5 request kept waiting before the LMS double processes it, until `release` is set: a
    busy LMS, so that tests can make a request still be in flight when the page is left."""

    matches: Callable[[Session, str, str, bytes], bool]  # (session, method, resource, body)
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)  # the held request was answered


class Server:
    """Serves `site` (packages extracted under /pkg/<name>/) plus /lms.html and /node_modules/."""

    def __init__(self, site: Path):
        self.site = site
        self.logs: dict[str, list[dict]] = {}
        self.lock = threading.Lock()
        self.lrs_port: int | None = None
        self.lrs_down = False
        self.dropped = 0  # requests refused while the LRS was down
        self.states: dict[tuple, bytes] = {}
        self.holds: list[Held] = []
        self.in_flight: dict[str, int] = {}  # cmi5 session id -> requests received, not yet answered
        handler = partial(_Handler, server_state=self, directory=str(site))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.cmi5 = Cmi5Lms(self.base)

    def extract(self, package: Path) -> str:
        """Unpack a zip (ours: validated, no hostile names) and return its URL prefix."""
        name = f"{package.stem}-{hashlib.sha256(str(package.resolve()).encode()).hexdigest()[:8]}"
        target = self.site / "pkg" / name
        if not target.exists():
            with zipfile.ZipFile(package) as archive:
                archive.extractall(target)
        return f"/pkg/{name}"

    def lms_url(self, sco: str, session: str, cmi: dict | None = None, lms: str = "lms.html", **extra: str) -> str:
        """The test LMS page launching `sco` (lms.html: SCORM 1.2; lms2004.html: SCORM 2004, where
        extra course=<package url> sequences a whole package instead)."""
        query = f"sco={quote(sco)}&session={quote(session)}"
        if cmi is not None:
            query += "&cmi=" + quote(json.dumps(cmi))
        for key, value in extra.items():
            query += f"&{key}={quote(value)}"
        return f"{self.base}/{lms}?{query}"

    def hold(self, matches: Callable[[Session, str, str, bytes], bool]) -> Held:
        """Keep the next cmi5 request that `matches` waiting (before it is checked) until released."""
        held = Held(matches)
        with self.lock:
            self.holds.append(held)
        return held

    def held(self, session: Session, method: str, resource: str, body: bytes) -> Held | None:
        """The hold this request falls under (taken: it holds nothing else), if any."""
        with self.lock:
            found = next((h for h in self.holds if h.matches(session, method, resource, body)), None)
            if found:
                self.holds.remove(found)
        return found

    def calls(self, session: str) -> list[dict]:
        with self.lock:
            return sorted(self.logs.get(session, []), key=lambda call: call["seq"])

    def close(self) -> None:
        self.httpd.shutdown()

    # -- LRS ----------------------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        return f"{self.base}/lrs/"

    @staticmethod
    def auth() -> str:
        return LRS_AUTH

    def lrs(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """A request to the real LRS (behind the proxy): (status, headers, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.lrs_port, timeout=30)
        all_headers = {"Authorization": self.auth(), "X-Experience-API-Version": "1.0.3", **(headers or {})}
        connection.request(method, "/xAPI/" + path, body=body, headers=all_headers)
        response = connection.getresponse()
        result = (response.status, dict(response.getheaders()), response.read())
        connection.close()
        return result

    def statements(self, **query: str) -> list[dict]:
        """Every statement the LRS stored that matches `query`, following `more`, oldest first."""
        found, path = (
            [],
            "statements?"
            + "&".join(f"{k}={quote(v)}" for k, v in {"limit": "500", "ascending": "true", **query}.items()),
        )
        while path:
            status, _, body = self.lrs("GET", path)
            assert status == 200, body
            page = json.loads(body)
            found += page["statements"]
            path = page.get("more", "").split("/xAPI/", 1)[-1] if page.get("more") else ""
        return found

    @staticmethod
    def state_key(query: dict) -> tuple:
        agent = json.loads(query["agent"][0])
        ifi = next(
            (f"{k}:{agent[k]}" for k in ("mbox", "mbox_sha1sum", "openid") if k in agent),
            json.dumps(agent.get("account")),
        )
        return (query["activityId"][0], ifi, query.get("registration", [""])[0], query["stateId"][0])

    def set_state(self, activity_id: str, actor: dict, registration: str, state_id: str, document: dict) -> None:
        query = {
            "activityId": [activity_id],
            "agent": [json.dumps(actor)],
            "registration": [registration],
            "stateId": [state_id],
        }
        self.states[self.state_key(query)] = json.dumps(document).encode()


def start_lrs() -> tuple[subprocess.Popen, int]:
    """Learning Locker's statement service (npm xapi-statements@5.0.1), in memory, on a free port,
    with internal ids that sort by time so that paging loses nothing (see tests/browser/lrs_ordered_ids.js)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "AUTH_REPO": "test",
        "EVENTS_REPO": "test",
        "MODELS_REPO": "memory",
        "STORAGE_REPO": "memory",
        "EXPRESS_PORT": str(port),
    }
    # Run from a temporary folder: the service writes access logs to ./storage.
    process = subprocess.Popen(
        [
            "node",
            "--require",
            str(ROOT / "tests" / "browser" / "lrs_ordered_ids.js"),
            str(ROOT / "node_modules" / "xapi-statements" / "dist" / "index.js"),
        ],
        env=env,
        cwd=tempfile.mkdtemp(prefix="lrs-"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the LRS (xapi-statements) did not start")


def post_statements(port: int, statements: list[dict]) -> None:
    """Store statements in the test LRS on `port`, 500 to a request; any refusal fails the test."""
    for start in range(0, len(statements), 500):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": LRS_AUTH, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
        connection.request("POST", "/xAPI/statements", json.dumps(statements[start : start + 500]), headers)
        response = connection.getresponse()
        assert response.status == 200, response.read()
        connection.close()


def certify_command(endpoint: str, out: Path, key: Path, source: Path, *extra: str) -> list[str]:
    """`packager certify` against the test LRS as a subprocess would run it (the password from
    LRS_PASSWORD in its environment, as a cron job passes it)."""
    return [
        sys.executable, "-m", "packager", "certify",
        "--endpoint", endpoint, "--username", LRS_CREDENTIALS[0],
        "--out", str(out), "--key", str(key), "--source", str(source),
        *extra,
    ]  # fmt: skip


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, server_state: Server, **kwargs):
        self.state = server_state
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0]
        if clean in ("/lms.html", "/lms2004.html", "/quirky_lms.html"):  # the LMS doubles
            return str(ROOT / "tests" / "browser" / clean.lstrip("/"))
        if clean.startswith("/node_modules/"):
            return str(ROOT / clean.lstrip("/"))
        return super().translate_path(path)

    # http.server's naming: do_<METHOD>
    def do_GET(self) -> None:  # noqa: N802
        if not self.lrs_route():
            super().do_GET()

    def do_PUT(self) -> None:  # noqa: N802
        self.lrs_route()

    def do_DELETE(self) -> None:  # noqa: N802
        self.lrs_route()

    def do_POST(self) -> None:  # noqa: N802
        if self.lrs_route():
            return
        body = self.body()
        if self.path.startswith("/log/"):
            session = self.path[len("/log/") :]
            with self.state.lock:
                self.state.logs.setdefault(session, []).append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))

    def reply(self, status: int, body: bytes = b"", content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Experience-API-Version", "1.0.3")
        self.end_headers()
        self.wfile.write(body)

    def lrs_route(self) -> bool:
        url = urlsplit(self.path)
        if url.path.startswith("/cmi5/"):
            return self.cmi5_route(url.path)
        if not url.path.startswith("/lrs/"):
            return False
        resource = url.path[len("/lrs/") :]
        body = self.body()
        if self.headers.get("Authorization") != self.state.auth():
            return self.cmi5_lrs(resource, url.query, body)
        if resource == "activities/state":
            key = self.state.state_key(parse_qs(url.query))
            if self.command == "GET":
                document = self.state.states.get(key)
                self.reply(200, document) if document is not None else self.reply(404)
            elif self.command == "DELETE":
                self.state.states.pop(key, None)
                self.reply(204)
            else:
                self.state.states[key] = body
                self.reply(204)
            return True
        if self.state.lrs_down:
            self.state.dropped += 1
            self.close_connection = True  # no answer at all: what an outage looks like to the browser
            return True
        self.proxy(resource, url.query, body)
        return True

    def to_lrs(self, resource: str, query: str, body: bytes) -> tuple[int, dict, bytes]:
        """The request to the real LRS, with the tests' credential: (status, headers, body)."""
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "x-experience-api-version")}
        return self.state.lrs(self.command, resource + ("?" + query if query else ""), body or None, headers)

    def proxy(self, resource: str, query: str, body: bytes) -> None:
        status, answer_headers, answer = self.to_lrs(resource, query, body)
        self.reply(status, answer, answer_headers.get("Content-Type", "application/json"))

    def cmi5_route(self, path: str) -> bool:
        self.body()
        session_id = path.rsplit("/", 1)[-1]
        if path.startswith("/cmi5/fetch/") and self.command == "POST":
            self.reply(200, json.dumps(self.state.cmi5.fetch(session_id)).encode())
        elif path.startswith("/cmi5/return/"):
            self.state.cmi5.returned.append(session_id)
            self.reply(200, b"<!DOCTYPE html><title>LMS</title><p>Back in the LMS.</p>", "text/html")
        else:
            self.reply(404)
        return True

    def cmi5_lrs(self, resource: str, query: str, body: bytes) -> bool:
        """An AU's request with a cmi5 token, through the LMS double (held first if a test asked)."""
        lms = self.state.cmi5
        session = lms.session_of(self.headers.get("Authorization"))
        if session is None:
            self.reply(401, json.dumps({"violatedReqId": "8.1.2.0-5", "message": "no session's token"}).encode())
            return True
        if self.state.lrs_down:
            self.state.dropped += 1
            self.close_connection = True
            return True
        with self.state.lock:
            self.state.in_flight[session.id] = self.state.in_flight.get(session.id, 0) + 1
        held = self.state.held(session, self.command, resource, body)
        if held:
            held.arrived.set()
            held.release.wait(30)
        try:
            self.cmi5_request(session, resource, query, body)
        finally:
            with self.state.lock:
                self.state.in_flight[session.id] -= 1
            if held:
                held.done.set()
        return True

    def cmi5_request(self, session, resource: str, query: str, body: bytes) -> None:
        lms = self.state.cmi5
        params = {k: v[0] for k, v in parse_qs(query).items()}
        if resource != "statements":
            self.reply(*lms.document(session, self.command, resource, params, body))
            return
        answered: dict = {}

        def forward() -> tuple[int, bytes]:
            status, answered["headers"], answer = self.to_lrs(resource, query, body)
            return status, answer

        status, answer = lms.statements(session, self.command, body, forward)
        self.reply(status, answer, answered.get("headers", {}).get("Content-Type", "application/json"))

    def log_message(self, *args) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser left before the answer
            super().handle()
