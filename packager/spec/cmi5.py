"""cmi5 ("Quartz"): the course structure's namespace and vocabularies, and the cmi5 xAPI profile's
category and extension IRIs."""

from __future__ import annotations

from pathlib import Path

COURSE_STRUCTURE = "cmi5.xml"
SCHEMA = Path(__file__).parent / "schemas" / "cmi5" / "CourseStructure.xsd"
# the query parameters the LMS adds to an AU's url at launch (cmi5 8.1)
LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")
NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
MOVE_ON = ("NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")

CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
