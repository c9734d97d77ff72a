// Unit tests of the preview's SCORM 2004 LMS (templates/preview/js/scorm2004): the 4th Edition RTE's
// rules refused with their error codes, the response formats by interaction type, and what the LMS keeps.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const use = require("./load_lms")("lms/refusal", "lms/model", "lms/api", "scorm2004/errors", "scorm2004/types",
  "scorm2004/responses", "scorm2004/cmi", "scorm2004/learner", "scorm2004/objectives", "scorm2004/interactions",
  "scorm2004/nav", "scorm2004/version", "scorm2004/session");

const lms = use("lms.api");
const scorm2004 = use("lms.scorm2004");
const session = use("lms.scorm2004.session");
const LAUNCH = { mode: "normal", mastery: 80, student: { id: "urn:learner:1", name: "Aperçu" }, launchData: "" };

function running(record = null, launch = LAUNCH) {
  const calls = [];
  const api = new lms.Api(scorm2004, session.start(record, launch), { call: (c) => calls.push(c) });
  assert.equal(api.Initialize(""), "true");
  return { api, calls };
}

function refused(api, call, code) {
  const result = call();
  assert.ok(result === "false" || result === "", `expected a refusal, got ${result}`);
  assert.equal(api.GetLastError(), code, api.GetDiagnostic(""));
  assert.ok(api.GetDiagnostic("").length > 0);
}

test("the session's states have their own codes: 122/132/142/112 before, 123/133/143/113 after, 103, 104", () => {
  const api = new lms.Api(scorm2004, session.start(null, LAUNCH), {});
  refused(api, () => api.GetValue("cmi.location"), "122");
  refused(api, () => api.SetValue("cmi.location", "p1"), "132");
  refused(api, () => api.Commit(""), "142");
  refused(api, () => api.Terminate(""), "112");
  assert.equal(api.Initialize(""), "true");
  refused(api, () => api.Initialize(""), "103");
  refused(api, () => api.Commit("x"), "201");
  assert.equal(api.Terminate(""), "true");
  refused(api, () => api.GetValue("cmi.location"), "123");
  refused(api, () => api.SetValue("cmi.location", "p1"), "133");
  refused(api, () => api.Commit(""), "143");
  refused(api, () => api.Terminate(""), "113");
  refused(api, () => api.Initialize(""), "104");
  assert.equal(api.GetErrorString("113"), "Termination After Termination");
});

test("elements: 401 undefined, 403 not initialized, 404 read only, 405 write only, 301/351 empty names", () => {
  const { api } = running();
  refused(api, () => api.GetValue("cmi.core.lesson_status"), "401");
  refused(api, () => api.GetValue("cmi.location"), "403");
  refused(api, () => api.GetValue("cmi.score.raw"), "403");
  refused(api, () => api.SetValue("cmi.mode", "normal"), "404");
  refused(api, () => api.SetValue("cmi._version", "2.0"), "404");
  refused(api, () => api.SetValue("cmi.interactions._count", "3"), "404");
  refused(api, () => api.GetValue("cmi.exit"), "405");
  refused(api, () => api.GetValue("cmi.session_time"), "405");
  refused(api, () => api.GetValue(""), "301");
  refused(api, () => api.SetValue("", "x"), "351");
  refused(api, () => api.GetValue("cmi.location._children"), "301");
  assert.equal(api.GetValue("cmi._version"), "1.0");
  assert.equal(api.GetValue("cmi.completion_status"), "unknown");
  assert.equal(api.GetValue("cmi.scaled_passing_score"), "0.8");
  assert.equal(api.GetValue("cmi.score._children"), "scaled,raw,min,max");
  assert.equal(api.GetValue("adl.nav.request_valid.continue"), "unknown");
  assert.equal(api.GetValue("adl.nav.request_valid.choice.{target=m02}"), "unknown");
});

test("types 406 and ranges 407: vocabularies, real(10,7), ISO 8601 times and durations, SPM lengths", () => {
  const { api } = running();
  refused(api, () => api.SetValue("cmi.completion_status", "passed"), "406");
  refused(api, () => api.SetValue("cmi.success_status", "completed"), "406");
  refused(api, () => api.SetValue("cmi.exit", "quit"), "406");
  refused(api, () => api.SetValue("cmi.score.scaled", "1.2"), "407");
  refused(api, () => api.SetValue("cmi.progress_measure", "-0.1"), "407");
  refused(api, () => api.SetValue("cmi.score.raw", "eighty"), "406");
  refused(api, () => api.SetValue("cmi.session_time", "0001:02:03.45"), "406");
  refused(api, () => api.SetValue("cmi.session_time", "PT1.234S"), "406");
  assert.equal(api.SetValue("cmi.session_time", "PT1H2M3.45S"), "true");
  refused(api, () => api.SetValue("cmi.suspend_data", "x".repeat(64001)), "407");
  assert.equal(api.SetValue("cmi.suspend_data", "x".repeat(64000)), "true");
  refused(api, () => api.SetValue("cmi.location", "p".repeat(1001)), "407");
  refused(api, () => api.SetValue("adl.nav.request", "next"), "406");
  assert.equal(api.SetValue("adl.nav.request", "{target=m02}choice"), "true");
  assert.equal(api.SetValue("cmi.score.scaled", "0.8571429"), "true");
});

test("interactions: id first, type before responses (408), an index at most _count (351), formats by type", () => {
  const { api } = running();
  refused(api, () => api.SetValue("cmi.interactions.1.id", "q2"), "351");
  refused(api, () => api.SetValue("cmi.interactions.0.type", "choice"), "408");
  assert.equal(api.SetValue("cmi.interactions.0.id", "https://example.org/quiz/questions/q1"), "true");
  refused(api, () => api.SetValue("cmi.interactions.0.learner_response", "a"), "408");
  assert.equal(api.SetValue("cmi.interactions.0.type", "choice"), "true");
  refused(api, () => api.SetValue("cmi.interactions.0.learner_response", "a[,]"), "406");
  refused(api, () => api.SetValue("cmi.interactions.0.learner_response", "a[,]a"), "406");
  assert.equal(api.SetValue("cmi.interactions.0.learner_response", "a[,]b"), "true");
  assert.equal(api.SetValue("cmi.interactions.0.correct_responses.0.pattern", "b[,]a"), "true");
  refused(api, () => api.SetValue("cmi.interactions.0.result", "wrong"), "406");
  assert.equal(api.SetValue("cmi.interactions.0.result", "incorrect"), "true");
  assert.equal(api.SetValue("cmi.interactions.1.id", "q2"), "true");
  assert.equal(api.SetValue("cmi.interactions.1.type", "fill-in"), "true");
  assert.equal(api.SetValue("cmi.interactions.1.correct_responses.0.pattern", "{case_matters=false}{lang=fr}parquet"), "true");
  assert.equal(api.SetValue("cmi.interactions.1.learner_response", "{lang=ar}النيابة العامة"), "true");
  assert.equal(api.SetValue("cmi.interactions.2.id", "q3"), "true");
  assert.equal(api.SetValue("cmi.interactions.2.type", "matching"), "true");
  refused(api, () => api.SetValue("cmi.interactions.2.learner_response", "a.1,b.2"), "406");
  assert.equal(api.SetValue("cmi.interactions.2.learner_response", "a[.]1[,]b[.]2"), "true");
  assert.equal(api.SetValue("cmi.interactions.2.type", "true-false"), "true");
  refused(api, () => api.SetValue("cmi.interactions.2.learner_response", "t"), "406");
  assert.equal(api.GetValue("cmi.interactions.2.type"), "true-false", "2004 interactions can be read back");
  assert.equal(api.GetValue("cmi.interactions._count"), "3");
});

test("objectives: unique ids (351), id first (408)", () => {
  const { api } = running();
  refused(api, () => api.SetValue("cmi.objectives.0.success_status", "passed"), "408");
  assert.equal(api.SetValue("cmi.objectives.0.id", "urn:obj:1"), "true");
  assert.equal(api.SetValue("cmi.objectives.1.id", "urn:obj:2"), "true");
  refused(api, () => api.SetValue("cmi.objectives.1.id", "urn:obj:1"), "351");
});

test("between sessions: resume after suspend, the passing score decides success, total_time adds up", () => {
  const first = running();
  assert.equal(first.api.GetValue("cmi.entry"), "ab-initio");
  first.api.SetValue("cmi.location", "p3");
  first.api.SetValue("cmi.score.scaled", "0.6");
  first.api.SetValue("cmi.exit", "suspend");
  first.api.SetValue("cmi.session_time", "PT1M30S");
  first.api.Terminate("");
  const record = session.finish(first.api.model, null);
  assert.equal(record.values["cmi.success_status"], "failed", "0.6 < 0.8 with credit");
  const second = running(record);
  assert.equal(second.api.GetValue("cmi.entry"), "resume");
  assert.equal(second.api.GetValue("cmi.location"), "p3");
  assert.equal(session.seconds(second.api.GetValue("cmi.total_time")), 90);
  second.api.SetValue("cmi.exit", "normal");
  second.api.Terminate("");
  assert.equal(running(session.finish(second.api.model, record)).api.GetValue("cmi.entry"), "");
  const review = running(record, { ...LAUNCH, mode: "review" });
  assert.equal(review.api.GetValue("cmi.credit"), "no-credit");
});
