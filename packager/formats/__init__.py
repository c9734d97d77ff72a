"""The package formats: what goes into a package of each format, beside the rendered site.

Each format module writes its manifest (course structure) from the Course model and the Site of one
language; the files of the site are the same in every format (the runtime chooses its adapter from
the launch, see templates/runtime/js/connect.js).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from packager.compile.site import Part, Site
from packager.formats import cmi5, scorm12, scorm2004, tincan
from packager.source.model import Course
from packager.spec import cmi5 as cmi5_spec
from packager.spec import scorm12 as scorm12_spec
from packager.spec import scorm2004 as scorm2004_spec
from packager.spec import tincan as tincan_spec


@dataclass(frozen=True)
class Format:
    name: str
    manifest_name: str
    manifest: Callable[[Course, Site, list[Part], str], bytes]
    single_parts: bool  # also one package per module and for the quiz
    launch_page: bool  # ships the course home page, index.html (TinCan launches the course)
    control_files: Callable[[], dict[str, bytes]] = field(default=dict)  # at the root beside the manifest (XSDs)

    def files(self, course: Course, site: Site, parts: list[Part], package: str) -> dict[str, bytes]:
        files = dict(site.shared)
        for part in parts:
            files.update(part.files)
        if self.launch_page:
            files.update(site.home)
        files.update(self.control_files())
        files[self.manifest_name] = self.manifest(course, site, parts, package)
        return files


FORMATS = {
    "scorm12": Format("scorm12", scorm12_spec.MANIFEST, scorm12.manifest, True, False),
    "scorm2004": Format(
        "scorm2004", scorm2004_spec.MANIFEST, scorm2004.manifest, True, False, scorm2004_spec.control_files
    ),
    "xapi": Format("xapi", tincan_spec.MANIFEST, tincan.manifest, False, True),
    "cmi5": Format("cmi5", cmi5_spec.COURSE_STRUCTURE, cmi5.manifest, False, False),
}
