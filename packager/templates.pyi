# For type checkers: packager.templates is the repository's templates/ folder, mapped into the package
# by pyproject.toml (see templates/__init__.py), which a type checker reading packager/ cannot see.
from pathlib import Path

def path(*parts: str) -> Path: ...
