"""What an LMS reads from a package to launch it: the launchable activities of its manifest, in order.

The preview launches what the manifest says, not what it knows of the course: a SCO's resource
href and adlcp:masteryscore (SCORM 1.2), an AU's url, moveOn and masteryScore (cmi5), the course's
launch page (TinCan: the parts are reached from it). Parsed without entity expansion or network.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from packager.spec import cmi5 as cmi5_spec
from packager.spec import scorm12 as scorm12_spec
from packager.spec import scorm2004 as scorm2004_spec
from packager.spec import tincan as tincan_spec

PARSER = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)


@dataclass(frozen=True)
class Activity:
    """One thing the LMS can launch: a SCO, an AU, or a TinCan course's launch page."""

    id: str  # the part id for SCOs and AUs (the manifest's identifiers carry it), "course" for TinCan
    iri: str  # cmi5 AU id or TinCan activity id; "" for SCORM
    title: str
    href: str  # relative to the package root
    mastery: float | None = None  # 0..1
    move_on: str = ""  # cmi5
    launch_data: str = ""  # SCORM adlcp:datafromlms / cmi5 launchParameters


def activities(fmt: str, files: dict[str, bytes]) -> list[Activity]:
    """The launchable activities of a package of `fmt` (its files by path)."""
    if fmt == "scorm12":
        return _scorm(files[scorm12_spec.MANIFEST], scorm12_spec.IMSCP, scorm12_spec.ADLCP, "masteryscore")
    if fmt == "scorm2004":
        return _scorm(files[scorm12_spec.MANIFEST], scorm2004_spec.IMSCP, scorm2004_spec.ADLCP, None)
    if fmt == "cmi5":
        return _cmi5(files[cmi5_spec.COURSE_STRUCTURE])
    return _tincan(files[tincan_spec.MANIFEST])


def _scorm(manifest: bytes, imscp: str, adlcp: str, mastery_tag: str | None) -> list[Activity]:
    root = etree.fromstring(manifest, PARSER)
    resources = {r.get("identifier"): r for r in root.iter(f"{{{imscp}}}resource")}
    found = []
    for item in root.iter(f"{{{imscp}}}item"):
        resource = resources.get(item.get("identifierref"))
        if resource is None or resource.get("href") is None:
            continue
        mastery = item.findtext(f"{{{adlcp}}}{mastery_tag}") if mastery_tag else None
        if mastery is None and mastery_tag is None:
            mastery = _minimum_measure(item)
        elif mastery is not None:
            mastery = str(float(mastery) / 100)
        found.append(
            Activity(
                item.get("identifier", "").removeprefix("ITEM-"),
                "",
                item.findtext(f"{{{imscp}}}title") or "",
                resource.get("href") + (item.get("parameters") or ""),
                float(mastery) if mastery is not None else None,
                launch_data=item.findtext(f"{{{adlcp}}}datafromlms") or "",
            )
        )
    return found


def _minimum_measure(item) -> str | None:
    """SCORM 2004: the satisfied-by-measure primary objective's minNormalizedMeasure, if any."""
    imsss = scorm2004_spec.IMSSS
    for objective in item.iter(f"{{{imsss}}}primaryObjective"):
        if objective.get("satisfiedByMeasure") == "true":
            return objective.findtext(f"{{{imsss}}}minNormalizedMeasure") or "1.0"
    return None


def _cmi5(structure: bytes) -> list[Activity]:
    ns = cmi5_spec.NS
    root = etree.fromstring(structure, PARSER)
    found = []
    for au in root.iter(f"{{{ns}}}au"):
        mastery = au.get("masteryScore")
        found.append(
            Activity(
                au.get("id", "").rsplit("/", 1)[-1],
                au.get("id", ""),
                au.findtext(f"{{{ns}}}title/{{{ns}}}langstring") or "",
                au.findtext(f"{{{ns}}}url") or "",
                float(mastery) if mastery else None,
                au.get("moveOn", "NotApplicable"),
                au.findtext(f"{{{ns}}}launchParameters") or "",
            )
        )
    return found


def _tincan(manifest: bytes) -> list[Activity]:
    ns = tincan_spec.NS
    root = etree.fromstring(manifest, PARSER)
    return [
        Activity(
            "course",
            activity.get("id", ""),
            activity.findtext(f"{{{ns}}}name") or "",
            activity.findtext(f"{{{ns}}}launch") or "",
        )
        for activity in root.iter(f"{{{ns}}}activity")
        if activity.findtext(f"{{{ns}}}launch")
    ]
