"""cmi5 course structures (`cmi5.xml`): AUs with absolute ids, moveOn, masteryScore 0..1, urls present."""

from __future__ import annotations

from packager.check.refs import absolute_iri, listed_once, local_file
from packager.spec.cmi5 import COURSE_STRUCTURE, MOVE_ON, NS


def check(tree, files: set[str], report) -> None:
    """cmi5: the course structure (AUs with absolute ids, moveOn, masteryScore 0..1, urls present)."""
    name = COURSE_STRUCTURE
    ns = {"c": NS}
    root = tree.getroot()
    if root.tag != f"{{{NS}}}courseStructure":
        report.error(f"root element is {root.tag}, expected courseStructure in namespace {NS}", name)
        return
    course = root.find("c:course", ns)
    if course is None:
        report.error("no course element", name)
    else:
        absolute_iri(course, report, name)
    aus = root.findall(".//c:au", ns)
    if not aus:
        report.error("no AU: nothing to launch", name)
    listed_once([au.get("id") for au in aus], "AU", name, report)
    for au in aus:
        where = f"{name}:{au.sourceline}"
        absolute_iri(au, report, name)
        if au.get("moveOn", "NotApplicable") not in MOVE_ON:
            report.error(f"moveOn {au.get('moveOn')!r} must be one of {', '.join(sorted(MOVE_ON))}", where)
        mastery = au.get("masteryScore")
        if mastery is not None:
            try:
                ok = 0 <= float(mastery) <= 1
            except ValueError:
                ok = False
            if not ok:
                report.error(f"masteryScore {mastery!r} must be a decimal from 0 to 1", where)
        url = au.findtext("c:url", namespaces=ns)
        if not url or not url.strip():
            report.error("AU has no url", where)
        else:
            local_file(url.strip(), "", files, where, report)
