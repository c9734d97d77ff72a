"""The preview's LMS: the course built in memory (live.py), the learner's records, the LRS, launches,
and the event log the side panel and `--check` read.

What it keeps per learner attempt, as an LMS would:
  SCORM   the data model each SCO left at its last LMSCommit/LMSFinish, per SCO (the LMS API itself
          runs in the browser, templates/preview/js/scorm12/, and sends the record here)
  xAPI    a registration per course; statements and documents are in the LRS (lrs.py)
  cmi5    a registration per course, a session per launch: the cmi5 LMS (cmi5_lms.py) launches
          each AU, keeps State and Agent Profile documents, and checks each statement by the cmi5
          rules before it goes to the LRS
Resetting an attempt forgets the SCO's record, or starts a new registration.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode

from packager.errors import PackagerError
from packager.formats import FORMATS
from packager.preview import launch as manifest
from packager.preview.cmi5_lms import Cmi5Lms
from packager.preview.events import Events
from packager.preview.live import LiveCourse, Rebuild
from packager.preview.lrs import Answer, MemoryLrs, RemoteLrs
from packager.spec.xapi import part_iri

MODES = ("normal", "browse", "review")
SCORM = ("scorm12", "scorm2004")
LRS_FORMATS = ("xapi", "cmi5")
SUPPORTED = ("scorm12", "scorm2004", "xapi", "cmi5")  # the formats whose LMS side the preview has
CMI5_MODES = {"normal": "Normal", "browse": "Browse", "review": "Review"}
LEARNER = {"id": "preview-learner", "name": "Aperçu, Apprenant"}


@dataclass(frozen=True)
class Settings:
    format: str
    lang: str
    mode: str = "normal"
    mastery: int | None = None  # percent; None: the package's own (manifest)


class Preview:
    def __init__(self, source: Path, fmt: str = "scorm12", lang: str | None = None, lrs: RemoteLrs | None = None):
        if fmt not in SUPPORTED:
            raise PackagerError(
                f"--format {fmt}: the preview runs {', '.join(SUPPORTED)} (the {fmt} LMS side is not "
                f"in this version yet)"
            )
        self.live = LiveCourse(source)
        lang = lang or self.live.course.languages[0]
        if lang not in self.live.languages:
            raise PackagerError(f"--lang {lang}: the course is in {', '.join(self.live.languages)}")
        self.settings = Settings(fmt, lang)
        self.events = Events()
        self.lrs = lrs or MemoryLrs()
        self.remote = lrs is not None
        self.token = "Basic " + base64.b64encode(f"preview:{secrets.token_urlsafe(18)}".encode()).decode()
        self.lock = threading.Lock()
        self.records: dict[tuple[str, str, str], dict] = {}  # (format, lang, part) -> SCORM data model
        self.attempts: dict[tuple, int] = {}
        self.registrations: dict[tuple, str] = {}
        self.cmi5 = Cmi5Lms("")
        self.objects: dict[str, str] = {}  # part -> the activity id its statements are about, at its last launch

    # -- what the LMS offers -------------------------------------------------------------------

    def activities(self, fmt: str | None = None, lang: str | None = None) -> list[manifest.Activity]:
        fmt, lang = fmt or self.settings.format, lang or self.settings.lang
        found = manifest.activities(fmt, self.live.files(lang, fmt))
        if fmt == "xapi":  # TinCan launches the course page; its parts are linked from it
            found += [manifest.Activity(p.id, "", p.title[lang], p.href) for p in self.live.sites[lang].parts]
        return found

    def activity(self, part: str) -> manifest.Activity:
        found = next((a for a in self.activities() if a.id == part), None)
        if found is None:
            raise PackagerError(f"no part {part!r} in the {self.settings.format} package")
        return found

    def attempt_key(self, part: str) -> str:
        fmt, lang = self.settings.format, self.settings.lang
        scope = (fmt, lang, part) if fmt in SCORM else (fmt, lang)
        return "/".join(scope) + f"#{self.attempts.get(scope, 1)}"

    def registration(self) -> str:
        scope = (self.settings.format, self.settings.lang)
        with self.lock:
            return self.registrations.setdefault(scope + (self.attempts.get(scope, 1),), str(uuid.uuid4()))

    def actor(self, base: str) -> dict:
        return {"objectType": "Agent", "name": LEARNER["name"], "account": {"homePage": base, "name": LEARNER["id"]}}

    def launch(self, part: str, base: str) -> dict:
        """How to launch `part` now: its URL and, for SCORM, the learner's record and the launch data."""
        activity = self.activity(part)
        fmt, lang = self.settings.format, self.settings.lang
        url = f"/content/{lang}/{fmt}/{activity.href}"
        info = {"part": part, "format": fmt, "lang": lang, "attempt": self.attempt_key(part), "title": activity.title}
        if fmt in SCORM:
            mastery = (
                self.settings.mastery
                if self.settings.mastery is not None
                else (round(activity.mastery * 100) if activity.mastery is not None else None)
            )
            return {
                **info,
                "url": url,
                "record": self.records.get((fmt, lang, part)),
                "launch": {
                    "mode": self.settings.mode,
                    "mastery": mastery,
                    "student": LEARNER,
                    "launchData": activity.launch_data,
                },
            }
        if fmt == "cmi5":
            return {**info, **self.launch_cmi5(activity, base + url)}
        query = {
            "endpoint": f"{base}/lrs/",
            "auth": self.token,
            "actor": json.dumps(self.actor(base)),
            "registration": self.registration(),
            "activity_id": self.live.course.iri,
        }
        self.objects[part] = part_iri(self.live.course, part)
        return {**info, "url": f"{url}?{urlencode(query)}", "registration": query["registration"]}

    def launch_cmi5(self, activity: manifest.Activity, url: str) -> dict:
        """A cmi5 launch: a new session of the registration, the learner's preferences in the LRS, the
        launch data (mode, moveOn, masteryScore: the trainer's or the course structure's)."""
        base = url.split("/content/", 1)[0]
        self.cmi5.base = base
        actor = self.actor(base)
        self.cmi5.set_preferences(actor, {"languagePreference": self.settings.lang, "audioPreference": "on"})
        mastery = self.settings.mastery / 100 if self.settings.mastery is not None else activity.mastery
        registration = self.registration()
        launch_url, session = self.cmi5.launch(
            url,
            actor,
            registration,
            activity.iri,
            CMI5_MODES[self.settings.mode],
            mastery,
            activity.move_on or "NotApplicable",
        )
        self.objects[activity.id] = session.activity_id
        return {
            "url": launch_url,
            "registration": registration,
            "activityId": session.activity_id,
            "session": session.id,
        }

    # -- what the browser reports --------------------------------------------------------------

    def record(self, part: str, attempt: str, data: dict) -> None:
        """Keep a SCO's data model (at LMSCommit and LMSFinish) if it is of the current attempt."""
        if attempt == self.attempt_key(part):
            self.records[(self.settings.format, self.settings.lang, part)] = data

    def calls(self, calls: list[dict]) -> None:
        for call in sorted(calls, key=lambda c: c.get("seq", 0)):
            self.events.publish({"type": "call", **call})

    def reset(self, part: str) -> str:
        """A new attempt: the SCO's record forgotten, or (xAPI) a new registration. The new attempt key."""
        fmt, lang = self.settings.format, self.settings.lang
        scope = (fmt, lang, part) if fmt in SCORM else (fmt, lang)
        with self.lock:
            self.attempts[scope] = self.attempts.get(scope, 1) + 1
            self.records.pop((fmt, lang, part), None)
        key = self.attempt_key(part)
        self.events.publish({"type": "reset", "attempt": key, "part": part})
        return key

    def change(self, **wanted) -> Settings:
        """New settings (format, lang, mode, mastery), checked."""
        settings = replace(
            self.settings, **{k: v for k, v in wanted.items() if k in ("format", "lang", "mode", "mastery")}
        )
        if settings.format not in SUPPORTED:
            raise PackagerError(f"format {settings.format}: the preview runs {', '.join(SUPPORTED)}")
        if settings.lang not in self.live.languages:
            raise PackagerError(f"language {settings.lang}: the course is in {', '.join(self.live.languages)}")
        if settings.mode not in MODES:
            raise PackagerError(f"mode {settings.mode}: one of {', '.join(MODES)}")
        if settings.mastery is not None and not (isinstance(settings.mastery, int) and 0 <= settings.mastery <= 100):
            raise PackagerError(f"mastery score {settings.mastery}: a whole percent from 0 to 100")
        self.settings = settings
        self.events.publish({"type": "settings", **settings.__dict__})
        return settings

    def lrs_request(
        self, method: str, resource: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Answer:
        """An LRS request from the content: with the preview's token (xAPI), or a cmi5 session's token
        (through the cmi5 LMS); anything else is refused."""
        session = self.cmi5.session_of(headers.get("authorization"))
        if headers.get("authorization") == self.token:
            answer = self.lrs.request(method, resource, query, headers, body)
        elif session is not None:
            answer = self.cmi5_request(session, method, resource, query, headers, body)
        else:
            answer = Answer(
                401,
                b'{"error": "not a credential this preview launched the content with"}',
                reason="wrong or missing Authorization",
            )
        self.publish_lrs(method, resource, query, body, answer)
        return answer

    def cmi5_request(
        self, session, method: str, resource: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Answer:
        """Through the cmi5 LMS: documents it keeps; statements checked by its rules, then stored by the LRS."""
        stored: list[dict] = []

        def forward() -> tuple[int, bytes]:
            answer = self.lrs.request(method, resource, query, headers, body)
            stored.extend(answer.stored)
            return answer.status, answer.body

        if resource == "statements":
            status, out = self.cmi5.statements(session, method, body, forward)
        else:
            status, out = self.cmi5.document(session, method, resource, query, body)
        return Answer(status, out, stored=stored, reason=_reason(out) if status >= 400 else "")

    def publish_lrs(self, method: str, resource: str, query: dict[str, str], body: bytes, answer) -> None:
        base = {"type": "lrs", "method": method, "resource": resource, "status": answer.status, "reason": answer.reason}
        if resource == "statements" and method in ("PUT", "POST"):
            for statement in answer.stored or _statements(body, query):
                self.events.publish(
                    {
                        **base,
                        "statement": statement,
                        "registration": (statement.get("context") or {}).get("registration", ""),
                    }
                )
            return
        document = body.decode("utf-8", "replace") if method in ("PUT", "POST") else ""
        self.events.publish(
            {
                **base,
                "query": {k: v for k, v in query.items() if k != "agent"},
                "document": document,
                "registration": query.get("registration", ""),
            }
        )

    # -- the source ----------------------------------------------------------------------------

    def rebuild(self, changed: set[Path]) -> Rebuild:
        result = self.live.rebuild(changed)
        if result.ok:
            self.events.publish(
                {
                    "type": "build",
                    "ok": True,
                    "changed": result.changed,
                    "seconds": result.seconds,
                    "generation": self.live.generation,
                }
            )
        else:
            self.events.publish(
                {
                    "type": "build",
                    "ok": False,
                    "seconds": result.seconds,
                    "problems": [{"file": p.file, "line": p.line, "message": p.message} for p in result.problems],
                }
            )
        return result

    def state(self) -> dict:
        """What the page needs to draw itself: settings, parts, the build's problems, supported choices."""
        problems = [{"file": p.file, "line": p.line, "message": p.message} for p in self.live.problems]
        return {
            "settings": self.settings.__dict__,
            "languages": list(self.live.languages),
            "formats": list(SUPPORTED),
            "allFormats": list(FORMATS),
            "modes": list(MODES),
            "problems": problems,
            "generation": self.live.generation,
            "lrs": "remote" if self.remote else "preview",
            "events": self.events.count,
            "parts": [{"id": a.id, "title": a.title, "mastery": a.mastery} for a in self.activities()],
        }


def _statements(body: bytes, query: dict[str, str]) -> list[dict]:
    """The statements a refused request carried, as far as they can be read."""
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return [{"id": query.get("statementId", "?"), "unreadable": True}]
    batch = data if isinstance(data, list) else [data]
    return [s if isinstance(s, dict) else {"unreadable": True} for s in batch]


def _reason(body: bytes) -> str:
    """Why the LMS or LRS refused: its requirement id and message (cmi5) or its error."""
    try:
        data = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")[:300]
    if not isinstance(data, dict):
        return str(data)[:300]
    if "violatedReqId" in data:
        return f"{data['violatedReqId']}: {data.get('message', '')}"
    return str(data.get("error") or data.get("message") or data)[:300]
