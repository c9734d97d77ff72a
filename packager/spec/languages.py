"""Language facts the renderer and the certificates need."""

from __future__ import annotations

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def direction(lang: str) -> str:
    """The writing direction of a language: "rtl" or "ltr"."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"
