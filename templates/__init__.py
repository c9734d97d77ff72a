"""Jinja2 templates, interface wording and the learner runtime (HTML, CSS, JS, fonts).

This folder is the package `packager.templates` (mapped in pyproject.toml), so a wheel or any
`pip install` carries it; code reaches its files through `path()`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    """A file or folder of the templates, as a path (pip installs packages unzipped)."""
    return Path(str(files(__name__).joinpath(*parts)))
