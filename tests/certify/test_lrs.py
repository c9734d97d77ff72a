"""The LRS client on its own: retries with exponential back-off (on a fake clock, so no test waits),
paging through `more`, and errors that say what happened without a traceback or the password."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import urllib3.util.retry

from packager.certify.lrs import LRS, concurrently
from packager.errors import LRSError


class FakeClock:
    """Stands in for urllib3's clock: records the back-off waits instead of sleeping."""

    def __init__(self):
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    @staticmethod
    def time() -> float:
        return 0.0


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(urllib3.util.retry, "time", fake)
    return fake


@pytest.fixture
def lrs_server():
    """An LRS stand-in serving `answers` in turn: (status, body); the last one repeats. Or, when set,
    `route(path)` gives the answer (for requests made at the same time)."""
    state = {"answers": [], "seen": [], "route": None}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            state["seen"].append(self.path)
            if state["route"]:
                status, body = state["route"](self.path)
            else:
                status, body = state["answers"][min(len(state["seen"]) - 1, len(state["answers"]) - 1)]
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["endpoint"] = f"http://127.0.0.1:{server.server_port}/xAPI/"
    yield state
    server.shutdown()


def page(statements, more=""):
    return json.dumps({"statements": statements, "more": more})


def test_retries_back_off_exponentially_then_succeed(lrs_server, clock):
    lrs_server["answers"] = [(503, "busy"), (502, "bad gateway"), (500, "oops"), (200, page([{"id": "s1"}]))]
    lrs = LRS(lrs_server["endpoint"], "key", "secret", retries=5, backoff=1.0)
    assert [s["id"] for p in lrs.statements(verb="v") for s in p] == ["s1"]
    assert len(lrs_server["seen"]) == 4
    assert clock.waits == [2.0, 4.0], clock.waits  # urllib3 retries once at once, then backs off


def test_gives_up_after_its_retries_with_a_clear_error(lrs_server, clock):
    lrs_server["answers"] = [(503, "busy")]
    lrs = LRS(lrs_server["endpoint"], "key", "s3cret-password", retries=3, backoff=1.0)
    with pytest.raises(LRSError) as error:
        list(lrs.statements(verb="v"))
    assert len(lrs_server["seen"]) == 4
    assert "did not answer" in str(error.value) and "after 4 tries" in str(error.value)
    assert "s3cret-password" not in str(error.value)


def test_a_refusal_is_not_retried(lrs_server, clock):
    lrs_server["answers"] = [(401, "unauthorised")]
    with pytest.raises(LRSError, match="refused"):
        list(LRS(lrs_server["endpoint"], "key", "secret").statements(verb="v"))
    assert len(lrs_server["seen"]) == 1 and clock.waits == []


def test_more_is_followed_to_the_end(lrs_server, clock):
    lrs_server["answers"] = [(200, page([{"id": "a"}], "/xAPI/statements?more=2")), (200, page([{"id": "b"}]))]
    pages = list(LRS(lrs_server["endpoint"], "key", "secret").statements(verb="v"))
    assert [[s["id"] for s in p] for p in pages] == [["a"], ["b"]]
    assert lrs_server["seen"][1] == "/xAPI/statements?more=2"


def test_garbage_is_an_error_not_a_crash(lrs_server, clock):
    lrs_server["answers"] = [(200, "<html>proxy error</html>")]
    with pytest.raises(LRSError, match="not a StatementResult"):
        list(LRS(lrs_server["endpoint"], "key", "secret").statements(verb="v"))


def test_an_endpoint_that_is_not_http_is_refused():
    with pytest.raises(LRSError, match="not an http"):
        LRS("ftp://lrs.example.org/", "key", "secret")


def test_concurrent_jobs_deliver_every_item_once_and_each_end():
    jobs = [lambda n=n: iter([[n, page] for page in range(n % 4)]) for n in range(20)]
    arrived = list(concurrently(jobs, 4))
    assert sorted(tuple(item) for _, item in arrived if item is not None) == sorted(
        (n, page) for n in range(20) for page in range(n % 4)
    )
    assert sorted(index for index, item in arrived if item is None) == list(range(20))
    assert all(item is None or item[0] == index for index, item in arrived)


def test_the_first_error_stops_the_other_jobs():
    started, gate = [], threading.Event()

    def job(n: int):
        started.append(n)
        if n == 2:
            raise LRSError("the LRS did not answer")
        gate.wait(5)
        yield [n]

    with pytest.raises(LRSError, match="did not answer"):
        for _ in concurrently([lambda n=n: job(n) for n in range(50)], 3):
            pass
    gate.set()
    assert len(started) <= 4, f"jobs started after the error: {sorted(started)}"


def test_queries_read_at_the_same_time_each_follow_more(lrs_server, clock):
    def route(path: str):
        query = parse_qs(urlsplit(path).query)
        if "more" in query:
            return 200, page([{"id": f"{query['more'][0]}-2"}])
        return 200, page([{"id": f"{query['verb'][0]}-1"}], f"/xAPI/statements?more={query['verb'][0]}")

    lrs_server["route"] = route
    lrs = LRS(lrs_server["endpoint"], "key", "secret")
    arrived = list(concurrently([partial(lrs.statements, verb=f"v{n}") for n in range(6)], 3))
    assert sorted(index for index, p in arrived if p is None) == list(range(6))
    pages = {index: [] for index in range(6)}
    for index, p in arrived:
        pages[index] += [s["id"] for s in p or []]
    assert pages == {n: [f"v{n}-1", f"v{n}-2"] for n in range(6)}, "each query's pages, in order"
