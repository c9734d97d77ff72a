"""Reading and writing a Learning Record Store (xAPI 1.0.3) over HTTP, made safe for long runs.

`requests` with a timeout on every request and urllib3's `Retry` (exponential back-off on connection
errors, timeouts, 408/429/5xx; `Retry-After` honoured); `more` is followed to the end; anything
unexpected becomes an LRSError that says what happened, never a traceback, never the password.

Statement pages are read as JSON and handed on as dicts: certification reads a few fields of each
statement, and building library objects for every statement of a large LRS costs more than the
network. The tincan library's model is used where a statement is written (`save`).

Independent queries can run at the same time (`concurrently`, bounded), each thread with its own
session (requests does not promise that a Session is thread-safe) and the same retries and timeout
as a single query.
"""

from __future__ import annotations

import json
import queue
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from tincan import Statement
from urllib3.util.retry import Retry

from packager.errors import LRSError

T = TypeVar("T")
RETRYABLE = (408, 429, 500, 502, 503, 504)
VERSION = "1.0.3"


def retry_policy(retries: int, backoff: float) -> Retry:
    """urllib3 tries again at once, then waits 2×`backoff`, 4×`backoff`… seconds; GET and PUT are safe to repeat
    (a statement is PUT with its id)."""
    return Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff,
        status_forcelist=RETRYABLE,
        allowed_methods=frozenset({"GET", "PUT"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )


class LRS:
    def __init__(
        self,
        endpoint: str,
        username: str,
        password: str,
        timeout: float = 30.0,
        retries: int = 5,
        backoff: float = 1.0,
        page_size: int = 500,
    ):
        if urlsplit(endpoint).scheme not in ("http", "https"):
            raise LRSError(f"LRS endpoint {endpoint!r} is not an http(s) URL")
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.timeout = timeout
        self.retries = retries
        self.page_size = page_size
        self._auth, self._backoff = (username, password), backoff
        self._local = threading.local()

    @property
    def session(self) -> requests.Session:
        """This thread's session: the credentials, the version header and the retry policy."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.auth = self._auth
            session.headers.update({"X-Experience-API-Version": VERSION})
            adapter = HTTPAdapter(max_retries=retry_policy(self.retries, self._backoff))
            session.mount("http://", adapter)
            session.mount("https://", adapter)
        return session

    def _request(
        self, method: str, url: str, what: str, ok: tuple[int, ...] = (200, 204), **kwargs
    ) -> requests.Response:
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:  # refused, reset, timed out after every retry
            raise LRSError(
                f"the LRS at {self.endpoint} did not answer {what} after {self.retries + 1} tries "
                f"({type(exc).__name__}: {str(exc)[:200]})"
            ) from None
        if response.status_code in RETRYABLE:
            raise LRSError(
                f"the LRS at {self.endpoint} did not answer {what} after {self.retries + 1} tries "
                f"(HTTP {response.status_code}: {response.text[:200]!r})"
            )
        if response.status_code not in ok:
            raise LRSError(f"the LRS refused {what} (HTTP {response.status_code}: {response.text[:200]!r})")
        return response

    def statements(self, **query: str) -> Iterator[list[dict]]:
        """Pages of statements matching `query` (xAPI GET statements parameters), oldest first."""
        params: dict[str, str] | None = {"limit": str(self.page_size), "ascending": "true", **query}
        url = urljoin(self.endpoint, "statements")
        what = f"statements {query}"
        while url:
            response = self._request("GET", url, what, params=params)
            statements, more = _statement_result(response, what)
            yield statements
            # `more` is an IRL relative to the LRS's server root (xAPI 1.0.3, 2.1.3 StatementResult)
            url, params = (urljoin(self.endpoint, more), None) if more else ("", None)

    def voided_statement(self, statement_id: str) -> dict | None:
        """A statement the LRS hides because it was voided (GET statements?voidedStatementId=)."""
        what = f"voided statement {statement_id}"
        response = self._request(
            "GET", urljoin(self.endpoint, "statements"), what, ok=(200, 404), params={"voidedStatementId": statement_id}
        )
        if response.status_code == 404:
            return None
        try:
            statement = response.json()
        except ValueError:
            raise LRSError(f"the LRS answered {what} with something that is not JSON") from None
        return statement if isinstance(statement, dict) else None

    def save(self, statement: dict) -> None:
        """Store one statement (PUT with its id: repeating it never duplicates it). tincan checks it
        against the xAPI model on the way out."""
        try:
            body = Statement(statement).to_json(VERSION)
        except (ValueError, TypeError) as exc:
            raise LRSError(f"statement {statement.get('id')} is not a valid xAPI statement ({exc})") from None
        self._request(
            "PUT",
            urljoin(self.endpoint, "statements"),
            f"statement {statement['id']}",
            ok=(200, 204, 409),
            params={"statementId": statement["id"]},
            data=body,
            headers={"Content-Type": "application/json"},
        )


def concurrently(jobs: Sequence[Callable[[], Iterable[T]]], limit: int) -> Iterator[tuple[int, T | None]]:
    """Start up to `limit` jobs at once, each in a thread, now; the iterator returned yields (job index,
    item) for every item a job yields (never None), in order of arrival, and (job index, None) when a
    job ends. Items wait in a bounded queue, so what is read but not yet used stays small. The first
    error stops the other jobs (no new request starts) and is raised by the iterator; closing it, or
    dropping it, stops them too. The threads are daemons: an interrupted run does not wait for a
    request in flight."""
    arrivals: queue.Queue = queue.Queue(maxsize=2 * limit)
    stop, closed = threading.Event(), threading.Event()  # no more work; nobody reads any more
    pending = iter(enumerate(jobs))
    take = threading.Lock()

    def offer(item: tuple, until: threading.Event) -> bool:
        while not until.is_set():
            try:
                arrivals.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        while not stop.is_set():
            with take:
                index, job = next(pending, (-1, None))
            if job is None:
                return
            try:
                for item in job():
                    if not offer((index, item, None), stop) or stop.is_set():
                        return  # another job failed: no further request
                offer((index, None, None), stop)
            except BaseException as exc:  # handed to the reader, who raises it
                stop.set()
                offer((index, None, exc), closed)
                return

    def read() -> Iterator[tuple[int, T | None]]:
        try:
            done = 0
            while done < len(jobs):
                index, item, error = arrivals.get()
                if error is not None:
                    raise error
                done += item is None
                yield index, item
        finally:
            end()

    def end() -> None:
        stop.set()
        closed.set()

    for _ in range(min(max(1, limit), len(jobs))):
        threading.Thread(target=work, name="lrs", daemon=True).start()
    reader = read()
    weakref.finalize(reader, end)  # dropped before it was read
    return reader


def _statement_result(response: requests.Response, what: str) -> tuple[list[dict], str]:
    try:
        page = response.json()
        statements, more = page["statements"], page.get("more") or ""
        if not isinstance(statements, list) or not isinstance(more, str):
            raise TypeError("statements is not a list")
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise LRSError(
            f"the LRS answered {what} with something that is not a StatementResult ({exc}): {response.text[:120]!r}"
        ) from None
    return statements, more
