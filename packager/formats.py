"""The package formats: what goes into a package of each format, beside the rendered site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from packager import cmi5, scorm12, tincan
from packager.model import Course
from packager.site import Part, Site


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    manifest_name: str
    manifest: Callable[[Course, Site, list[Part], str], bytes]
    single_parts: bool  # also one package per module and for the quiz
    launch_page: bool  # ships the course home page, index.html (TinCan launches the course)

    def files(self, course: Course, site: Site, parts: list[Part], package: str) -> dict[str, bytes]:
        files = dict(site.shared)
        for part in parts:
            files.update(part.files)
        if self.launch_page:
            files.update(site.home)
        files[self.manifest_name] = self.manifest(course, site, parts, package)
        return files


FORMATS = {
    "scorm12": Format("scorm12", "SCORM 1.2", "imsmanifest.xml", scorm12.manifest, True, False),
    "xapi": Format("xapi", "xAPI (TinCan launch)", "tincan.xml", tincan.manifest, False, True),
    "cmi5": Format("cmi5", "cmi5", "cmi5.xml", cmi5.manifest, False, False),
}
