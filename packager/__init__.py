"""packager: compile a bilingual course into SCORM 1.2, xAPI and cmi5 packages."""

__version__ = "0.1.0"
