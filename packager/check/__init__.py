"""`packager validate`: check a package (SCORM 1.2, xAPI TinCan launch, cmi5) as a careful LMS would,
refusing hostile input before reading it. Reads spec/, never formats/: the checker does not trust the
writer it checks."""

from packager.check.container import Limits
from packager.check.package import validate
from packager.check.report import Finding, Report, worst

__all__ = ["Finding", "Limits", "Report", "validate", "worst"]
