"""Load and check the course source (`modules/`): YAML and Markdown readers, the Course model, and the
checks across files. The one stage that knows the source format."""

from packager.source.load import load_course

__all__ = ["load_course"]
