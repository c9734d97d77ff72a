"""xAPI TinCan launch packages (`tincan.xml`), as the TinCan launch specification describes them: activities
with absolute IRIs, listed once, with absolute activity types; at least one launch page, a valid URL that
exists in the package and carries none of the parameters the launcher adds."""

from __future__ import annotations

from packager.check.refs import ABSOLUTE_IRI, absolute_iri, launch_url, listed_once
from packager.spec.tincan import LAUNCH_PARAMETERS, MANIFEST, NS


def check(tree, files: set[str], report, strict: bool = False) -> None:
    root = tree.getroot()
    if root.tag != f"{{{NS}}}tincan":
        report.error(f"root element is {root.tag}, expected tincan in namespace {NS}", MANIFEST)
        return
    activities = root.findall(f"{{{NS}}}activities/{{{NS}}}activity")
    if not activities:
        report.error("no activity", MANIFEST)
    listed_once([a.get("id") for a in activities], "activity", MANIFEST, report)
    launches = 0
    for activity in activities:
        absolute_iri(activity, report, MANIFEST)
        kind = activity.get("type")
        if kind is not None and not ABSOLUTE_IRI.match(kind):
            report.error(f"activity type {kind!r} must be an absolute IRI", f"{MANIFEST}:{activity.sourceline}")
        for launch in activity.findall(f"{{{NS}}}launch"):
            launches += 1
            launch_url((launch.text or "").strip(), LAUNCH_PARAMETERS, files, f"{MANIFEST}:{launch.sourceline}", report)
    if activities and not launches:
        report.error("no activity has a launch page", MANIFEST)
