"""The preview's web server (standard library: one learner, on this machine, a few requests a second).

/                      the LMS page: the content in a frame, the parts, the side panel
/preview/...           its scripts and styles (templates/preview/), and the runtime's core.js
/content/<lang>/<format>/<path>   the files of the whole-course package, from memory
/events                Server-Sent Events: what the content reported, rebuilds, problems
/api/...               the page's requests: state, launch, records, calls, settings, reset
/lrs/...               the LRS the xAPI content is launched with
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import queue
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from packager import templates
from packager.errors import PackagerError
from packager.formats import FORMATS
from packager.preview.app import Preview
from packager.spec.languages import direction

KEEPALIVE = 15.0  # seconds between SSE comments, so proxies and browsers keep the stream open
MAX_BODY = 8 * 1024 * 1024
STATIC = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


class PreviewServer:
    """Serves `preview` on `host:port` (port 0: a free one) from a background thread."""

    def __init__(self, preview: Preview, host: str = "127.0.0.1", port: int = 0):
        self.preview = preview
        self.stopping = threading.Event()
        self.page = _environment().get_template("shell.html.j2")
        self.httpd = ThreadingHTTPServer((host, port), partial(_Handler, server=self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="preview-http", daemon=True)
        self.url = f"http://{host}:{self.httpd.server_address[1]}"

    def start(self) -> PreviewServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(templates.path("preview"))),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def strings(lang: str) -> dict[str, str]:
    import yaml

    return yaml.safe_load(templates.path("preview", "strings.yaml").read_text(encoding="utf-8"))[lang]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, server: PreviewServer, **kwargs):
        self.owner = server
        self.preview = server.preview
        super().__init__(*args, **kwargs)

    # -- plumbing -----------------------------------------------------------------------------

    def reply(
        self, status: int, body: bytes = b"", content_type: str = "application/json", headers: dict | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def json(self, data, status: int = 200) -> None:
        self.reply(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise PackagerError(f"request body of {length} bytes: at most {MAX_BODY}")
        return self.rfile.read(length) if length else b""

    def base(self) -> str:
        return f"http://{self.headers.get('Host') or '127.0.0.1'}"

    def log_message(self, *args) -> None:
        pass  # the terminal shows rebuilds and problems, not every request

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the page went away before the answer
            super().handle()

    # -- routes -------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.route()

    def do_HEAD(self) -> None:  # noqa: N802
        self.route()

    def do_POST(self) -> None:  # noqa: N802
        self.route()

    def do_PUT(self) -> None:  # noqa: N802
        self.route()

    def do_DELETE(self) -> None:  # noqa: N802
        self.route()

    def route(self) -> None:
        url = urlsplit(self.path)
        path, query = unquote(url.path), dict(parse_qsl(url.query, keep_blank_values=True))
        try:
            if path.startswith("/lrs/"):
                return self.lrs(path[len("/lrs/") :], query)
            if path.startswith("/cmi5/"):
                return self.cmi5(path)
            if self.command not in ("GET", "HEAD", "POST"):
                return self.reply(405)
            if path == "/":
                return self.shell()
            if path == "/favicon.ico":
                return self.reply(204)
            if path == "/events":
                return self.stream(int(self.headers.get("Last-Event-ID") or query.get("since") or 0))
            if path.startswith("/api/"):
                return self.api(path[len("/api/") :], query)
            if path.startswith("/content/"):
                return self.content(path[len("/content/") :])
            if path.startswith("/preview/"):
                return self.static(path[len("/preview/") :])
            self.reply(404, b"not found", "text/plain")
        except PackagerError as error:
            self.json({"error": str(error)}, 400)
        except (ValueError, KeyError, TypeError) as error:  # a malformed request from the page
            self.json({"error": f"bad request: {type(error).__name__}"}, 400)

    def shell(self) -> None:
        lang = self.preview.settings.lang
        html = self.owner.page.render(
            lang=lang, dir=direction(lang), t=strings(lang), course=self.preview.live.course, state=self.preview.state()
        )
        self.reply(200, html.encode("utf-8"), "text/html; charset=utf-8")

    def static(self, name: str) -> None:
        if name == "runtime/core.js":
            file = templates.path("runtime", "js", "core.js")
        else:
            file = templates.path("preview", *name.split("/"))
        if ".." in name.split("/") or file.suffix not in STATIC or not file.is_file():
            return self.reply(404, b"not found", "text/plain")
        self.reply(200, file.read_bytes(), STATIC[file.suffix])

    def content(self, rest: str) -> None:
        pieces = rest.split("/", 2)
        live = self.preview.live
        if len(pieces) < 3 or pieces[0] not in live.languages or pieces[1] not in FORMATS:
            return self.reply(404, b"not found", "text/plain")
        lang, fmt, name = pieces
        data = live.files(lang, fmt).get(name)
        if data is None:
            return self.reply(404, f"{name}: not in the {fmt} package".encode(), "text/plain; charset=utf-8")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml", "application/xml"):
            kind += "; charset=utf-8"
        self.reply(200, data, kind)

    def api(self, name: str, query: dict[str, str]) -> None:
        preview = self.preview
        if name == "state":
            return self.json(preview.state())
        if name == "launch":
            return self.json(preview.launch(query.get("part", ""), self.base()))
        data = json.loads(self.body() or b"{}") if self.command == "POST" else {}
        if name == "record":
            preview.record(data["part"], data["attempt"], data["record"])
        elif name == "calls":
            preview.calls(data if isinstance(data, list) else [data])
        elif name == "reset":
            return self.json({"attempt": preview.reset(data.get("part", ""))})
        elif name == "settings":
            return self.json(preview.change(**data).__dict__)
        else:
            return self.reply(404, b"not found", "text/plain")
        self.reply(204)

    def lrs(self, resource: str, query: dict[str, str]) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        answer = self.preview.lrs_request(self.command, resource, query, headers, self.body())
        self.reply(answer.status, answer.body, answer.content_type, {"X-Experience-API-Version": "1.0.3"})

    def cmi5(self, path: str) -> None:
        """The cmi5 LMS's fetch URL (a POST, answered once per session) and returnURL."""
        self.body()
        lms, session_id = self.preview.cmi5, path.rsplit("/", 1)[-1]
        if path.startswith("/cmi5/fetch/") and self.command == "POST":
            answer = lms.fetch(session_id)
            self.preview.events.publish(
                {
                    "type": "lrs",
                    "method": "POST",
                    "resource": "fetch",
                    "query": {},
                    "status": 200 if "auth-token" in answer else 400,
                    "document": "",
                    "registration": getattr(lms.sessions.get(session_id), "registration", ""),
                    "reason": answer.get("error-text", ""),
                }
            )
            return self.json(answer)
        if path.startswith("/cmi5/return/"):
            lms.returned.append(session_id)
            lang = self.preview.settings.lang
            t = strings(lang)
            page = (
                f'<!DOCTYPE html><html lang="{lang}" dir="{direction(lang)}">'
                f'<meta charset="utf-8"><title>{t["preview"]}</title><p>{t["returned"]}</p></html>'
            )
            return self.reply(200, page.encode("utf-8"), "text/html; charset=utf-8")
        self.reply(404, b"not found", "text/plain")

    def stream(self, since: int) -> None:
        """Server-Sent Events: what was missed since `since`, then each event as it comes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        reader, missed = self.preview.events.subscribe(since)
        try:
            for event in missed:
                self.send_event(event)
            while not self.owner.stopping.is_set():
                try:
                    self.send_event(reader.get(timeout=KEEPALIVE))
                except queue.Empty:
                    self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
        except OSError:
            pass  # the page closed the stream
        finally:
            self.preview.events.unsubscribe(reader)

    def send_event(self, event: dict) -> None:
        self.wfile.write(f"id: {event['n']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
        self.wfile.flush()
