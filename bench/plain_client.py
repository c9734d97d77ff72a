"""A plain xAPI client, the floor that bench/certify_lrs.py compares `packager certify` with: `requests`,
the given statement queries, pages of 500 with `more` followed, each page decoded as JSON and
nothing else; queries `concurrency` at a time, one session per thread. Prints what it read as JSON.

    python bench/plain_client.py ENDPOINT USERNAME PASSWORD QUERIES_JSON [CONCURRENCY]
"""

from __future__ import annotations

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

import requests

PAGE = 500


def read_all(
    endpoint: str,
    auth: tuple[str, str],
    queries: list[dict[str, str]],
    concurrency: int = 1,
    seconds: float = float("inf"),
) -> dict:
    """Read every page of the queries (or stop after `seconds`: then "complete" is false)."""
    local = threading.local()
    start = time.perf_counter()

    def read(query: dict[str, str]) -> tuple[int, int]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.auth = auth
            local.session.headers["X-Experience-API-Version"] = "1.0.3"
        url, params = endpoint + "statements", {"limit": str(PAGE), "ascending": "true", **query}
        statements = pages = 0
        while url and time.perf_counter() - start < seconds:
            page = local.session.get(url, params=params, timeout=600).json()
            statements, pages = statements + len(page["statements"]), pages + 1
            url, params = (urljoin(endpoint, page["more"]) if page.get("more") else ""), None
        return statements, pages

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        counts = list(pool.map(read, queries))
    reading = time.perf_counter() - start
    return {
        "statements": sum(c[0] for c in counts),
        "pages": sum(c[1] for c in counts),
        "reading": reading,
        "complete": reading < seconds,
    }


if __name__ == "__main__":
    endpoint, username, password, queries = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    concurrency = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    print(json.dumps(read_all(endpoint, (username, password), queries, concurrency)))
