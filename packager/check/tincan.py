"""xAPI TinCan launch packages: `tincan.xml` lists activities with absolute IRIs and a launch page."""

from __future__ import annotations

from packager.check.refs import absolute_iri, listed_once, local_file
from packager.spec.tincan import MANIFEST, NS


def check(tree, files: set[str], report) -> None:
    """xAPI TinCan launch: activities with absolute IRIs; the launch files exist."""
    name = MANIFEST
    ns = {"t": NS}
    root = tree.getroot()
    if root.tag != f"{{{NS}}}tincan":
        report.error(f"root element is {root.tag}, expected tincan in namespace {NS}", name)
        return
    activities = root.findall("t:activities/t:activity", ns)
    if not activities:
        report.error("no activity", name)
    listed_once([a.get("id") for a in activities], "activity", name, report)
    launches = 0
    for activity in activities:
        absolute_iri(activity, report, name)
        for launch in activity.findall("t:launch", ns):
            launches += 1
            local_file((launch.text or "").strip(), "", files, f"{name}:{launch.sourceline}", report)
    if activities and not launches:
        report.error("no activity has a launch page", name)
