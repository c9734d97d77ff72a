"""xAPI (TinCan launch) packages in Chromium, reporting to a real LRS: Learning Locker's statement
service (npm xapi-statements, in memory). Statements are checked with the npm package
xapi-validation. The State API is a stand-in in the test server (see harness.py): xapi-statements
has none. The cmi5 packages are tested against the cmi5 LMS double in test_cmi5.py."""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from urllib.parse import urlencode

import pytest

from tests.browser.lrs_checks import invalid, stored, verbs
from tests.browser.robot import answer, ready, sco_data, wait_for, walk_module
from tests.conftest import MINI_IRI

VERB = "http://adlnet.gov/expapi/verbs/"
IRI = MINI_IRI


@pytest.fixture(scope="module")
def packages(mini_dist, server):
    return {
        (fmt, lang): server.extract(mini_dist / f"mini_course_{lang}_{fmt}.zip")
        for fmt in ("xapi",)
        for lang in ("fr", "ar")
    }


def learner(name: str) -> dict:
    return {"objectType": "Agent", "name": name, "mbox": f"mailto:{name.lower().replace(' ', '.')}@example.org"}


def tincan_url(lrs, prefix: str, actor: dict, registration: str, page: str = "index.html") -> str:
    query = urlencode(
        {
            "endpoint": lrs.endpoint,
            "auth": lrs.auth(),
            "actor": json.dumps(actor),
            "registration": registration,
            "activity_id": IRI,
            "lms_session": "kept-42",
        }
    )
    return f"{lrs.base}{prefix}/{page}?{query}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_tincan_launch_module_and_quiz(page, lrs, packages, lang):
    registration = str(uuid.uuid4())
    actor = learner(f"Learner {lang}")
    page.goto(tincan_url(lrs, packages["xapi", lang], actor, registration))
    link = page.locator('a[data-part="m02"]')
    assert "lms_session=kept-42" in link.get_attribute("href") and "endpoint=" in link.get_attribute("href")
    link.click()
    data = sco_data(page.main_frame)
    walk_module(page.main_frame)
    page.goto("about:blank")  # the learner leaves: pagehide ends the session
    module = stored(lrs, registration, len(data["pages"]) + len(data["checks"]) + 3)

    page.goto(tincan_url(lrs, packages["xapi", lang], actor, registration, "quiz/index.html"))
    ready(page.main_frame)
    frame = page.main_frame
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = page.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for item_id in drawn:
        answer(frame, items[item_id])
    page.locator('[data-quiz="submit"]').click()
    page.goto("about:blank")
    everything = stored(lrs, registration, len(module) + 5 + 3)
    assert invalid(everything) == []
    assert all(s["actor"]["mbox"] == actor["mbox"] for s in everything)
    assert all(s["context"]["registration"] == registration and s["context"]["language"] == lang for s in everything)

    module = [s for s in everything if s["object"]["id"].startswith(f"{IRI}/m02")]
    said = verbs(module)
    assert said[0] == "initialized" and said[-1] == "terminated"
    assert said.count("experienced") == len(data["pages"]) and said.count("answered") == len(data["checks"])
    assert said.count("completed") == 1
    assert said.index("completed") > max(i for i, v in enumerate(said) if v in ("experienced", "answered"))
    pages = [s for s in module if s["verb"]["id"] == VERB + "experienced"]
    assert [s["object"]["id"] for s in pages] == [f"{IRI}/m02/pages/{p}" for p in data["pages"]]
    check = next(s for s in module if s["object"]["id"] == f"{IRI}/m02/questions/m02-c1")
    assert check["object"]["definition"]["interactionType"] == "matching"
    for statement in pages:
        activities = statement["context"]["contextActivities"]
        assert [a["id"] for a in activities["parent"]] == [f"{IRI}/m02"]
        assert [a["id"] for a in activities["grouping"]] == [IRI]
    completed = next(s for s in module if s["verb"]["id"] == VERB + "completed")
    assert completed["result"]["completion"] is True and completed["result"]["duration"].startswith("PT")
    assert [a["id"] for a in completed["context"]["contextActivities"]["parent"]] == [IRI]

    quiz = [s for s in everything if s["object"]["id"].startswith(f"{IRI}/quiz")]
    assert verbs(quiz) == ["initialized"] + ["answered"] * 5 + ["passed", "terminated"]
    passed = quiz[-2]
    assert passed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/assessment"
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert passed["result"]["success"] is True and passed["result"]["completion"] is True
    for statement in quiz[1:6]:
        definition = statement["object"]["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert definition["correctResponsesPattern"] and definition["interactionType"]
        assert statement["result"]["success"] is True
        assert re.match(rf"^{IRI}/quiz/questions/q-m0\d-0\d$", statement["object"]["id"])


RECORD_CREATED = """
(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (key.startsWith("packager:queue:")) {
      const created = new Set(JSON.parse(localStorage.getItem("test:created") || "[]"));
      JSON.parse(value).items.forEach(s => created.add(s.id));
      setItem.call(this, "test:created", JSON.stringify([...created]));
    }
    return setItem.call(this, key, value);
  };
})();
"""


def test_outage_mid_module_loses_and_duplicates_nothing(page, lrs, packages):
    """The LRS becomes unreachable mid-module, the learner goes on and reloads, the LRS comes back:
    every statement the browser created is stored once."""
    page.add_init_script(RECORD_CREATED)
    registration = str(uuid.uuid4())
    url = tincan_url(lrs, packages["xapi", "fr"], learner("Outage"), registration, "m01/index.html")
    page.goto(url)
    ready(page.main_frame)
    stored(lrs, registration, 2)  # initialized + first page reached the LRS
    lrs.lrs_down = True
    try:
        page.locator('[data-nav="next"]').click()
        form = page.locator(".page:not([hidden]) form.check").first  # the check of the page now shown
        check_id = form.get_attribute("data-check")
        check = next(c for c in sco_data(page.main_frame)["checks"] if c["id"] == check_id)
        answer(page.main_frame, check)
        form.locator("button").click()
        page.reload()  # statements still queued must survive the reload
        ready(page.main_frame)
        page.locator('[data-nav="next"]').click()
        wait_for(lambda: lrs.dropped > 0)
    finally:
        lrs.lrs_down = False
    assert lrs.dropped > 0, "the outage was real"
    page.reload()  # a new page flushes the persisted queue at once
    ready(page.main_frame)
    page.locator('[data-nav="next"]').click()
    # back to the course home, launched as the module was: it sends what the module's page left queued
    page.goto(url.replace("m01/index.html", "index.html"))
    created = set(json.loads(page.evaluate("localStorage.getItem('test:created')")))
    wait_for(lambda: {s["id"] for s in lrs.statements(registration=registration)} >= created, 30)
    ids = [s["id"] for s in lrs.statements(registration=registration)]
    assert set(ids) == created, "statements lost"
    assert len(ids) == len(set(ids))
    statements = lrs.statements(registration=registration)
    assert verbs(statements).count("answered") == 1
    assert invalid(statements) == []


def test_no_package_contains_a_credential(mini_dist):
    pattern = re.compile(rb"Basic [A-Za-z0-9+/=]{8,}|auth-token\"?\s*[:=]\s*\"[^\"]|password|/xAPI/")
    for path in mini_dist.glob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                assert not pattern.search(archive.read(name)), f"{path.name}/{name} carries a credential or an endpoint"


def test_bookmark_resumes_where_the_learner_left(page, lrs, packages):
    registration = str(uuid.uuid4())
    url = tincan_url(lrs, packages["xapi", "ar"], learner("Bookmark"), registration, "m02/index.html")
    page.goto(url)
    ready(page.main_frame)
    page.locator('[data-nav="next"]').click()
    page.goto("about:blank")
    first = stored(lrs, registration, 5)
    assert verbs(first)[-2:] == ["suspended", "terminated"]
    actor = learner("Bookmark")
    key = lrs.state_key(
        {
            "activityId": [f"{IRI}/m02"],
            "agent": [json.dumps(actor)],
            "registration": [registration],
            "stateId": ["bookmark"],
        }
    )
    assert wait_for(lambda: key in lrs.states and json.loads(lrs.states[key]).get("location") not in (None, "droits"))
    page.goto(url)
    pages = sco_data(page.main_frame)["pages"]  # waits until the runtime is ready
    assert page.locator(".page:not([hidden])").get_attribute("data-page") == pages[1]
    page.goto("about:blank")
    again = stored(lrs, registration, len(first) + 4)
    assert verbs(again)[len(first) : len(first) + 2] == ["initialized", "resumed"], (
        verbs(first),
        verbs(again),
        [s["object"]["id"] for s in again],
    )
