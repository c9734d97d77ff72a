"""xAPI (TinCan launch) and cmi5 packages in Chromium, reporting to a real LRS: Learning Locker's
statement service (npm xapi-statements, in memory). Statements are checked with the npm package
xapi-validation. The State API and the cmi5 LMS are stand-ins in the test server (see harness.py):
no component here provides them."""

from __future__ import annotations

import json
import re
import subprocess
import uuid
import zipfile
from urllib.parse import urlencode

import pytest

from tests.browser.harness import ROOT, start_lrs
from tests.browser.robot import answer, ready, sco_data, wait_for, walk_module

VERB = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
IRI = "https://elearning.example.org/courses/tip-maroc"


@pytest.fixture(scope="module")
def lrs(server):
    process, port = start_lrs()
    server.lrs_port = port
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def packages(dist, server):
    return {(fmt, lang): server.extract(dist / f"tip-maroc_course_{lang}_{fmt}.zip")
            for fmt in ("xapi", "cmi5") for lang in ("fr", "ar")}


def learner(name: str) -> dict:
    return {"objectType": "Agent", "name": name, "mbox": f"mailto:{name.lower().replace(' ', '.')}@example.org"}


def invalid(statements: list[dict]) -> list:
    result = subprocess.run(["node", str(ROOT / "tests" / "browser" / "validate_statements.js")],
                            input=json.dumps(statements), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def verbs(statements):
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]


def stored(lrs, registration: str, count: int, timeout: float = 15.0) -> list[dict]:
    """The registration's statements, in the order the browser made them (timestamps are strictly
    increasing), once at least `count` are stored (the queue flushes asynchronously)."""
    found = wait_for(lambda: (found := lrs.statements(registration=registration)) and len(found) >= count and found, timeout) \
        or lrs.statements(registration=registration)
    return sorted(found, key=lambda s: s["timestamp"])


def tincan_url(lrs, prefix: str, actor: dict, registration: str, page: str = "index.html") -> str:
    query = urlencode({"endpoint": lrs.endpoint, "auth": lrs.auth(), "actor": json.dumps(actor),
                       "registration": registration, "activity_id": IRI, "lms_session": "kept-42"})
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
    everything = stored(lrs, registration, len(module) + 20 + 3)
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
    assert verbs(quiz) == ["initialized"] + ["answered"] * 20 + ["passed", "terminated"]
    passed = quiz[-2]
    assert passed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/assessment"
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert passed["result"]["success"] is True and passed["result"]["completion"] is True
    for statement in quiz[1:21]:
        definition = statement["object"]["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert definition["correctResponsesPattern"] and definition["interactionType"]
        assert statement["result"]["success"] is True
        assert re.match(rf"^{IRI}/quiz/questions/q-m0\d-0\d$", statement["object"]["id"])


def launch_data(lrs, actor, registration, activity_id, move_on, mastery=None):
    document = {"launchMode": "Normal", "moveOn": move_on, "returnURL": "https://lms.example.org/return",
                "contextTemplate": {"contextActivities": {"grouping": [{"id": "https://lms.example.org/publisher/tip-maroc"}]},
                                    "extensions": {SESSION: str(uuid.uuid4())}}}
    if mastery is not None:
        document["masteryScore"] = mastery
    lrs.set_state(activity_id, actor, registration, "LMS.LaunchData", document)
    return document


def cmi5_url(lrs, prefix, actor, registration, activity_id, part):
    token = str(uuid.uuid4())
    query = urlencode({"endpoint": lrs.endpoint, "fetch": lrs.cmi5_fetch_url(token), "actor": json.dumps(actor),
                       "registration": registration, "activityId": activity_id})
    return f"{lrs.base}{prefix}/{part}/index.html?{query}", token


def assert_cmi5_session(statements, activity_id, session_id):
    """The cmi5 rules for one AU session: initialized first, terminated last, categories, session id."""
    assert verbs(statements)[0] == "initialized" and verbs(statements)[-1] == "terminated"
    for statement in statements:
        context = statement["context"]
        assert context["extensions"][SESSION] == session_id
        categories = [c["id"] for c in context["contextActivities"].get("category", [])]
        defined = statement["object"]["id"] == activity_id and verbs([statement])[0] in (
            "initialized", "completed", "passed", "failed", "terminated")
        assert (CMI5 in categories) == defined, statement
        if verbs([statement])[0] in ("completed", "passed", "failed", "terminated"):
            assert statement["result"]["duration"].startswith("PT")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_cmi5_module_and_quiz(page, lrs, packages, lang):
    registration = str(uuid.uuid4())
    actor = learner(f"Cmi5 {lang}")
    module_au, quiz_au = f"{IRI}/m01", f"{IRI}/quiz"
    module_launch = launch_data(lrs, actor, registration, module_au, "Completed")
    url, token = cmi5_url(lrs, packages["cmi5", lang], actor, registration, module_au, "m01")
    page.goto(url)
    data = sco_data(page.main_frame)
    walk_module(page.main_frame)
    page.goto("about:blank")
    module = stored(lrs, registration, len(data["pages"]) + len(data["checks"]) + 3)  # + initialized, completed, terminated
    assert lrs.fetches[token] == 1, "the fetch URL is called once per launch"
    assert_cmi5_session(module, module_au, module_launch["contextTemplate"]["extensions"][SESSION])
    completed = [s for s in module if s["verb"]["id"] == VERB + "completed"]
    assert len(completed) == 1 and MOVEON in [c["id"] for c in completed[0]["context"]["contextActivities"]["category"]]

    quiz_launch = launch_data(lrs, actor, registration, quiz_au, "Passed", 0.8)
    url, _ = cmi5_url(lrs, packages["cmi5", lang], actor, registration, quiz_au, "quiz")
    page.goto(url)
    ready(page.main_frame)
    items = {i["id"]: i for i in sco_data(page.main_frame)["items"]}
    for index, item_id in enumerate(page.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")):
        answer(page.main_frame, items[item_id], correct=index < 17)  # 85 >= 80
    page.locator('[data-quiz="submit"]').click()
    page.goto("about:blank")
    everything = stored(lrs, registration, len(module) + 23)
    quiz = [s for s in everything if s not in module]
    assert_cmi5_session(quiz, quiz_au, quiz_launch["contextTemplate"]["extensions"][SESSION])
    assert invalid(everything) == []
    passed = [s for s in quiz if s["verb"]["id"] == VERB + "passed"]
    assert len(passed) == 1 and not [s for s in quiz if s["verb"]["id"] == VERB + "failed"]
    assert passed[0]["result"]["score"]["scaled"] == 0.85 >= 0.8
    assert passed[0]["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] == 0.8
    assert MOVEON in [c["id"] for c in passed[0]["context"]["contextActivities"]["category"]]
    assert "completion" not in passed[0]["result"]


def test_cmi5_second_launch_does_not_complete_again(page, lrs, packages):
    registration = str(uuid.uuid4())
    actor = learner("Twice")
    au = f"{IRI}/m08"
    for launch in (1, 2):
        launch_data(lrs, actor, registration, au, "Completed")
        url, _ = cmi5_url(lrs, packages["cmi5", "fr"], actor, registration, au, "m08")
        page.goto(url)
        ready(page.main_frame)
        walk_module(page.main_frame)
        page.goto("about:blank")
        wait_for(lambda: verbs(lrs.statements(registration=registration)).count("terminated") >= launch, 15)
    statements = stored(lrs, registration, 0)
    assert verbs(statements).count("completed") == 1
    assert verbs(statements).count("initialized") == 2 and verbs(statements).count("terminated") == 2


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
    page.goto(url.split("?")[0].rsplit("/", 2)[0] + "/index.html")  # leave the module; same origin keeps the record
    created = set(json.loads(page.evaluate("localStorage.getItem('test:created')")))
    statements = wait_for(lambda: (found := lrs.statements(registration=registration)) and {s["id"] for s in found} >= created and found, 30)
    ids = [s["id"] for s in statements]
    assert set(ids) == created, "statements lost"
    assert len(ids) == len(set(ids))
    assert verbs(statements).count("answered") == 1
    assert invalid(statements) == []


def test_no_package_contains_a_credential(dist):
    pattern = re.compile(rb"Basic [A-Za-z0-9+/=]{8,}|auth-token\"?\s*[:=]\s*\"[^\"]|password|/xAPI/")
    for path in dist.glob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                assert not pattern.search(archive.read(name)), f"{path.name}/{name} carries a credential or an endpoint"


def test_bookmark_resumes_where_the_learner_left(page, lrs, packages):
    registration = str(uuid.uuid4())
    url = tincan_url(lrs, packages["xapi", "ar"], learner("Bookmark"), registration, "m03/index.html")
    page.goto(url)
    ready(page.main_frame)
    page.locator('[data-nav="next"]').click()
    page.goto("about:blank")
    first = stored(lrs, registration, 5)
    assert verbs(first)[-2:] == ["suspended", "terminated"]
    actor = learner("Bookmark")
    key = lrs.state_key({"activityId": [f"{IRI}/m03"], "agent": [json.dumps(actor)], "registration": [registration],
                         "stateId": ["bookmark"]})
    assert wait_for(lambda: key in lrs.states and json.loads(lrs.states[key]).get("location") not in (None, "contexte"))
    page.goto(url)
    pages = sco_data(page.main_frame)["pages"]  # waits until the runtime is ready
    assert page.locator(".page:not([hidden])").get_attribute("data-page") == pages[1]
    page.goto("about:blank")
    again = stored(lrs, registration, len(first) + 4)
    assert verbs(again)[len(first):len(first) + 2] == ["initialized", "resumed"], (verbs(first), verbs(again), [s["object"]["id"] for s in again])
