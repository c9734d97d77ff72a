"""Reading and writing a Learning Record Store with the tincan library, made safe for long runs.

tincan's RemoteLRS speaks xAPI 1.0.3 (authentication, version header, URLs) but opens its HTTP
connections without a timeout and has no retries: `LRS` adds both (a timeout on every request;
retries with exponential back-off on connection errors, timeouts and 5xx), follows `more` to
the end, and turns anything unexpected into an LRSError that says what happened.

Statement pages are parsed with `json` rather than tincan's StatementsResult: certification reads
only a few fields of each statement, and building tincan objects for every statement of a large
LRS costs more than the network.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

from tincan import RemoteLRS
from tincan.http_request import HTTPRequest

from packager.errors import LRSError

RETRYABLE = {408, 429, 500, 502, 503, 504}


class _TimedRemoteLRS(RemoteLRS):
    """RemoteLRS whose requests time out: http.client uses the socket default timeout."""

    _props = RemoteLRS._props + ["timeout"]  # tincan objects accept declared properties only
    timeout: float = 30.0

    def _send_request(self, request):
        previous = socket.getdefaulttimeout()
        socket.setdefaulttimeout(self.timeout)
        try:
            return super()._send_request(request)
        finally:
            socket.setdefaulttimeout(previous)


class LRS:
    def __init__(self, endpoint: str, username: str, password: str, timeout: float = 30.0,
                 retries: int = 5, backoff: float = 1.0, page_size: int = 500):
        if urlsplit(endpoint).scheme not in ("http", "https"):
            raise LRSError(f"LRS endpoint {endpoint!r} is not an http(s) URL")
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.remote = _TimedRemoteLRS(version="1.0.3", endpoint=self.endpoint, username=username, password=password)
        self.remote.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.page_size = page_size
        self.requests = 0

    def _send(self, request: HTTPRequest, what: str):
        """Send with retries; return the tincan LRSResponse of a 2xx answer."""
        delay = self.backoff
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                response = self.remote._send_request(request)
            except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out, garbled
                problem = f"{type(exc).__name__}: {exc}"
            else:
                status = response.response.status
                if response.success:
                    return response
                problem = f"HTTP {status}: {response.data[:200]!r}"
                if status not in RETRYABLE:
                    raise LRSError(f"the LRS refused {what} ({problem})")
            if attempt < self.retries:
                time.sleep(delay)
                delay *= 2
        raise LRSError(f"the LRS at {self.endpoint} did not answer {what} after {self.retries + 1} tries ({problem})")

    def statements(self, **query: str) -> Iterator[list[dict]]:
        """Pages of statements matching `query` (xAPI GET statements parameters), oldest first."""
        params = {"limit": str(self.page_size), "ascending": "true", **query}
        request = HTTPRequest(method="GET", resource="statements", query_params=params)
        what = f"statements {query}"
        while request is not None:
            response = self._send(request, what)
            try:
                page = json.loads(response.data)
                statements = page["statements"]
                more = page.get("more") or ""
                if not isinstance(statements, list) or not isinstance(more, str):
                    raise TypeError("statements is not a list")
            except (ValueError, KeyError, TypeError) as exc:
                raise LRSError(f"the LRS answered {what} with something that is not a StatementResult ({exc}): "
                               f"{response.data[:120]!r}") from None
            yield statements
            request = HTTPRequest(method="GET", resource=self.remote.get_endpoint_server_root() + more) if more else None

    def voided_statement(self, statement_id: str) -> dict | None:
        """A statement the LRS hides because it was voided (GET statements?voidedStatementId=)."""
        request = HTTPRequest(method="GET", resource="statements", query_params={"voidedStatementId": statement_id},
                              ignore404=True)
        response = self._send(request, f"voided statement {statement_id}")
        if response.response.status == 404:
            return None
        try:
            statement = json.loads(response.data)
        except ValueError:
            raise LRSError(f"the LRS answered voided statement {statement_id} with something that is not JSON") from None
        return statement if isinstance(statement, dict) else None

    def save(self, statement: dict) -> None:
        """Store one statement (PUT with its id: repeating it never duplicates it)."""
        request = HTTPRequest(method="PUT", resource="statements", query_params={"statementId": statement["id"]},
                              content=json.dumps(statement), headers={"Content-Type": "application/json"})
        self._send(request, f"statement {statement['id']}")
