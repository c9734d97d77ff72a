"""The eligibility fold on its own: who earned a certificate from a stream of statements, whatever
their order, with voiding, authorities, names, saved progress, and cmi5 evidence as a conformant
cmi5 LMS records it."""

from __future__ import annotations

import json
import random
import uuid

import pytest

from packager.certify.eligibility import Progress, actor_key
from tests.certify.statements import MODULES, agent, cmi5, modules, passed, statement, voiding

IRI = "https://elearning.example.org/courses/tip-maroc"
MODULE_IRIS = [f"{IRI}/m0{i}" for i in range(1, 9)]
LMS = {"mbox": "mailto:lms@example.org"}


def progress(statements, mastery=0.8, authorities=None) -> Progress:
    fold = Progress(f"{IRI}/quiz", MODULE_IRIS, mastery, authorities)
    for s in statements:
        fold.add(s)
    return fold


def decide(fold: Progress, who: dict, names=None):
    key = actor_key({k: v for k, v in who.items() if k in ("mbox", "account")})
    return fold.decide(key, names)


def test_a_pass_and_every_module_earn_the_certificate_with_the_best_score_and_the_last_date():
    amina = agent("Amina Benali", "amina@example.org")
    statements = modules(amina) + [passed(amina, 0.85), passed(amina, 0.95)]
    decision = decide(progress(statements), amina)
    assert decision.eligible and decision.name == "Amina Benali"
    assert decision.score == 0.95
    assert decision.date == max(s["timestamp"] for s in statements)


def test_refusals_say_why():
    below, missing, failed_only = (agent(n, f"{n}@example.org") for n in ("below", "missing", "failed"))
    statements = (
        modules(below)
        + [passed(below, 0.7)]
        + modules(missing, skip=("m05",))
        + [passed(missing, 0.9)]
        + modules(failed_only)
        + [statement(failed_only, "failed", f"{IRI}/quiz", 0.5)]
    )
    fold = progress(statements)
    assert decide(fold, below).reason == "below mastery: best score 0.70 < 0.80"
    assert decide(fold, missing).reason == "modules missing: m05"
    assert decide(fold, failed_only).reason.startswith("below mastery: best score 0.50")


def test_a_voided_pass_never_counts_wherever_the_voiding_comes():
    fouad = agent("Fouad Tazi", "fouad@example.org")
    pass_ = passed(fouad, 0.9)
    for order in ([pass_, voiding(pass_, LMS)], [voiding(pass_, LMS), pass_]):
        decision = decide(progress(modules(fouad) + order), fouad)
        assert not decision.eligible and decision.reason.startswith("voided")


def test_the_order_of_arrival_does_not_change_a_decision():
    people = [agent(f"P{i}", f"p{i}@example.org") for i in range(6)]
    statements = [
        s for i, p in enumerate(people) for s in modules(p, skip=("m03",) if i == 2 else ()) + [passed(p, 0.6 + i / 10)]
    ]
    statements.append(voiding(statements[-1], LMS))
    expected = [decide(progress(statements), p) for p in people]
    for seed in range(5):
        shuffled = statements[:]
        random.Random(seed).shuffle(shuffled)
        assert [decide(progress(shuffled), p) for p in people] == expected


def test_statements_about_another_course_are_ignored():
    hamza = agent("Hamza Naciri", "hamza@example.org")
    other = "https://elearning.example.org/courses/another"
    fold = progress(modules(hamza, iri=other) + [passed(hamza, 1.0, iri=other)])
    assert fold.learners == {}


def test_an_authority_outside_the_allow_list_decides_nothing():
    ghita = agent("Ghita Berrada", "ghita@example.org")
    statements = [
        {**s, "authority": {"mbox": "mailto:someone@example.org"}} for s in modules(ghita) + [passed(ghita, 1.0)]
    ]
    decision = decide(progress(statements, authorities=[LMS]), ghita)
    assert not decision.eligible and decision.reason.startswith("untrusted authority")
    trusted = [{**s, "authority": LMS} for s in modules(ghita) + [passed(ghita, 1.0)]]
    assert decide(progress(trusted, authorities=[LMS]), ghita).eligible


def test_a_name_comes_from_the_statements_or_from_the_names_list():
    nameless = agent(None, "anonymous@example.org")
    fold = progress(modules(nameless) + [passed(nameless, 0.9)])
    assert decide(fold, nameless).reason.startswith("no name")
    key = actor_key({"mbox": "mailto:anonymous@example.org"})
    assert fold.decide(key, {key: "Nadia Amrani"}).name == "Nadia Amrani"


def test_an_account_identifies_a_learner():
    youssef = agent("يوسف المنصوري", account=("https://lms.example.org", "u-4471"))
    assert decide(progress(modules(youssef) + [passed(youssef, 0.8)]), youssef).eligible


def test_saved_progress_gives_the_same_decisions_as_reading_everything_again():
    amina, driss = agent("Amina", "amina@example.org"), agent("Driss", "driss@example.org")
    first, second = modules(amina) + modules(driss), [passed(amina, 0.9), passed(driss, 0.5)]
    saved = progress(first)
    resumed = Progress(f"{IRI}/quiz", MODULE_IRIS, 0.8)
    resumed.restore(saved.snapshot(), sorted(saved.voided))
    for s in second:
        resumed.add(s)
    everything = progress(first + second)
    assert [decide(resumed, p) for p in (amina, driss)] == [decide(everything, p) for p in (amina, driss)]


def test_cmi5_evidence_counts_for_the_publisher_id_in_grouping():
    """Under a cmi5 LMS the object is the LMS's AU id; our module or quiz IRI is the publisher id in
    grouping. A pass at exactly masteryScore (0.55, 11/20) earns the certificate."""
    salma = agent("Salma", account=("https://learners.example.org", "salma"))
    registration = str(uuid.uuid4())
    statements = [cmi5(salma, "completed", m, registration) for m in MODULES]
    statements += [cmi5(salma, "completed", "quiz", registration), cmi5(salma, "passed", "quiz", registration, 11 / 20)]
    assert all(not s["object"]["id"].startswith("https://elearning.example.org") for s in statements)
    decision = decide(progress(statements, mastery=0.55), salma)
    assert decision.eligible and decision.score == 0.55


def test_cmi5_statements_count_only_for_our_parts_and_with_the_cmi5_category():
    karim = agent("Karim", account=("https://learners.example.org", "karim"))
    registration = str(uuid.uuid4())
    allowed = cmi5(karim, "completed", "m08", registration)
    del allowed["context"]["contextActivities"]["category"]  # cmi5 allowed: its object is what it is about
    elsewhere = cmi5(karim, "completed", "m07", registration, iri="https://elearning.example.org/courses/another")
    statements = [cmi5(karim, "completed", m, registration) for m in MODULES[:6]] + [allowed, elsewhere]
    statements += [cmi5(karim, "completed", "quiz", registration), cmi5(karim, "passed", "quiz", registration, 0.9)]
    assert decide(progress(statements), karim).reason == "modules missing: m07, m08"


def test_xapi_and_cmi5_evidence_of_one_learner_add_up():
    """Modules taken from an xAPI (TinCan) launch, the quiz in a cmi5 LMS: one learner, one fold."""
    nadia = agent("Nadia", account=("https://learners.example.org", "nadia"))
    statements = modules(nadia) + [cmi5(nadia, "passed", "quiz", str(uuid.uuid4()), 0.8)]
    assert decide(progress(statements), nadia).eligible


def test_names_and_saved_progress_do_not_depend_on_the_order_of_arrival():
    """Queries read at the same time arrive in any order: the name is the one of the latest statement
    (stored by the LRS), and saved progress is the same."""
    early, late = agent("A. Benali", "amina@example.org"), agent("Amina Benali", "amina@example.org")
    driss = agent("Driss", "driss@example.org")
    statements = modules(early)[:4] + modules(late)[4:] + [passed(late, 0.85)] + modules(driss) + [passed(driss, 0.9)]
    statements.append(voiding(statements[-1], LMS))
    for n, s in enumerate(statements):
        s["stored"] = f"2026-11-02T10:00:{n:02d}.000Z"
    expected = progress(statements)
    assert decide(expected, early).name == "Amina Benali"
    for seed in range(20):
        shuffled = statements[:]
        random.Random(seed).shuffle(shuffled)
        fold = progress(shuffled)
        assert [decide(fold, p) for p in (early, driss)] == [decide(expected, p) for p in (early, driss)]
        assert fold.snapshot() == expected.snapshot() and fold.latest_stored == expected.latest_stored


@pytest.mark.parametrize(
    "identifier",
    [
        {"mbox": "mailto:amina@example.org"},
        {"mbox": "mailto:فاطمة@example.org"},
        {"mbox_sha1sum": 'ab"c\\d\n\u2028'},
        {"openid": "https://example.org/é"},
        {"account": {"homePage": "https://lms.example.org", "name": 'u-4471 "x"'}},
        {"account": {"name": "n", "homePage": "h"}},
        {"account": {"homePage": "h", "name": 42}},
    ],
)
def test_a_learner_key_is_compact_sorted_json(identifier):
    """Learner keys (and the certificate numbers derived from them) are json.dumps(sort_keys, compact)."""
    assert actor_key(identifier) == json.dumps(identifier, sort_keys=True, separators=(",", ":"))
