"""The course's xAPI statement profile: activity IRIs, activity types and verbs.

The one place that names them: the TinCan and cmi5 course structures, the browser runtime (which
receives them in each page's data) and the certificate generator all read them from here.

IRIs, under the course IRI from course.yaml:
  course         {iri}
  module, quiz   {iri}/{part id}
  page           {iri}/{module id}/pages/{page id}
  question       {iri}/{part id}/questions/{item id}
"""

from __future__ import annotations

from packager.source.model import Course
from packager.spec import cmi5

ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "page": "http://activitystrea.ms/schema/1.0/page",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "certificate": "https://w3id.org/xapi/tla/activity-types/credential",
}

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    name: ADL + name
    for name in (
        "initialized",
        "experienced",
        "answered",
        "completed",
        "passed",
        "failed",
        "terminated",
        "suspended",
        "resumed",
        "voided",
    )
}
VERBS["earned"] = "http://id.tincanapi.com/verb/earned"  # Tin Can registry: earned a badge or certificate


def part_iri(course: Course, part_id: str) -> str:
    return f"{course.iri}/{part_id}"


def page_iri(course: Course, module_id: str, page_id: str) -> str:
    return f"{course.iri}/{module_id}/pages/{page_id}"


def question_iri(course: Course, part_id: str, item_id: str) -> str:
    return f"{course.iri}/{part_id}/questions/{item_id}"


def browser_profile() -> dict:
    """What the runtime needs to build statements (verbs, types, cmi5 categories)."""
    return {
        "verbs": VERBS,
        "types": ACTIVITY_TYPES,
        "cmi5": {"category": cmi5.CATEGORY, "moveon": cmi5.MOVEON, "session": cmi5.SESSION, "mastery": cmi5.MASTERY},
    }
