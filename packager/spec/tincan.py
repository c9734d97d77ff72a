"""xAPI TinCan launch: the namespace of `tincan.xml`."""

from __future__ import annotations

MANIFEST = "tincan.xml"
NS = "http://projecttincan.com/tincan.xsd"
# the query parameters the launcher adds to the launch URL (TinCan launch, "Launch Link Parameters")
LAUNCH_PARAMETERS = ("endpoint", "auth", "actor", "registration", "activity_id")
