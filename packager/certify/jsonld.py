"""JSON-LD for the credentials: a document loader over the contexts pinned in contexts/ (never the
network; any other context is refused) and RDF Dataset Canonicalization (RDFC-1.0, pyld's
maintained URDNA2015 implementation) into canonical N-Quads."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

from pyld import jsonld

from packager.errors import PackagerError

CONTEXTS = Path(__file__).with_name("contexts")
PINNED = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
}
VC = "https://www.w3.org/ns/credentials/v2"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


Loader = Callable[..., dict]


class ContextError(PackagerError):
    """A document names a JSON-LD context that is not pinned here."""


@functools.cache
def _pinned(url: str) -> dict:
    return json.loads((CONTEXTS / PINNED[url]).read_text(encoding="utf-8"))


def load_document(url: str, options: dict | None = None) -> dict:
    """pyld's document loader: a pinned context, or ContextError (nothing is fetched)."""
    if url not in PINNED:
        raise ContextError(f"unknown JSON-LD context {url!r}: only {', '.join(sorted(PINNED))} are accepted")
    return {"contextUrl": None, "documentUrl": url, "document": _pinned(url)}


def canonize(document: dict, loader: Loader = load_document) -> str:
    """The canonical N-Quads of a JSON-LD document (RDFC-1.0, which pyld names URDNA2015)."""
    try:
        return jsonld.normalize(
            document, {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
        )
    except jsonld.JsonLdError as exc:
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, ContextError):
            cause = cause.__cause__ or cause.__context__
        raise cause or ContextError(f"not JSON-LD that the pinned contexts define: {exc.args[0]}") from None
