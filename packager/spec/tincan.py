"""xAPI TinCan launch: the namespace of `tincan.xml`."""

from __future__ import annotations

MANIFEST = "tincan.xml"
NS = "http://projecttincan.com/tincan.xsd"
