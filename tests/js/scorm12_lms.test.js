// Unit tests of the preview's SCORM 1.2 LMS (templates/preview/js/scorm12): each data-model rule of the
// SCORM 1.2 Run-Time Environment refused with its error code, and what the LMS keeps between sessions.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const use = require("./load_lms")("lms/refusal", "lms/model", "lms/api", "scorm12/errors", "scorm12/types", "scorm12/core",
  "scorm12/student", "scorm12/objectives", "scorm12/interactions", "scorm12/version", "scorm12/session");

const lms = use("lms.api");
const scorm12 = use("lms.scorm12");
const session = use("lms.scorm12.session");

function Api(start, hooks) { return new lms.Api(scorm12, start, hooks); }
const LAUNCH = { mode: "normal", mastery: 80, student: { id: "learner-1", name: "Apprenant, Aperçu" }, launchData: "" };

function running(record = null, launch = LAUNCH) {
  const calls = [];
  const api = Api(session.start(record, launch), { call: (c) => calls.push(c) });
  assert.equal(api.LMSInitialize(""), "true");
  return { api, calls };
}

function refused(api, call, code) {
  const result = call();
  assert.ok(result === "false" || result === "", `expected a refusal, got ${result}`);
  assert.equal(api.LMSGetLastError(), code, api.LMSGetDiagnostic(""));
  assert.ok(api.LMSGetDiagnostic("").length > 0, "a refusal says what was wrong");
}

test("the session's states: 301 before LMSInitialize, 101 twice or after LMSFinish, 201 for an argument", () => {
  const api = Api(session.start(null, LAUNCH), {});
  refused(api, () => api.LMSGetValue("cmi.core.lesson_status"), "301");
  refused(api, () => api.LMSCommit(""), "301");
  refused(api, () => api.LMSInitialize("x"), "201");
  assert.equal(api.LMSInitialize(""), "true");
  refused(api, () => api.LMSInitialize(""), "101");
  refused(api, () => api.LMSFinish("now"), "201");
  assert.equal(api.LMSFinish(""), "true");
  refused(api, () => api.LMSSetValue("cmi.core.lesson_location", "p2"), "101");
  refused(api, () => api.LMSGetValue("cmi.core.lesson_location"), "101");
  refused(api, () => api.LMSCommit(""), "101");
  refused(api, () => api.LMSFinish(""), "101");
  assert.equal(api.LMSGetErrorString("101"), "General exception");
});

test("read-only, write-only, keywords and unknown elements: 403, 404, 402, 201, 202, 203", () => {
  const { api } = running();
  refused(api, () => api.LMSSetValue("cmi.core.entry", "resume"), "403");
  refused(api, () => api.LMSSetValue("cmi.core.student_name", "x"), "403");
  refused(api, () => api.LMSSetValue("cmi.student_data.mastery_score", "10"), "403");
  refused(api, () => api.LMSGetValue("cmi.core.exit"), "404");
  refused(api, () => api.LMSGetValue("cmi.core.session_time"), "404");
  refused(api, () => api.LMSSetValue("cmi.core._children", "x"), "402");
  refused(api, () => api.LMSGetValue("cmi.core.lesson_statut"), "201");
  refused(api, () => api.LMSGetValue("cmi.core.lesson_status._children"), "202");
  refused(api, () => api.LMSGetValue("cmi.core._count"), "203");
  assert.equal(api.LMSGetValue("cmi.core.score._children"), "raw,min,max");
  assert.equal(api.LMSGetValue("cmi.interactions._count"), "0");
});

test("vocabularies: lesson_status, exit, interaction type and result", () => {
  const { api } = running();
  refused(api, () => api.LMSSetValue("cmi.core.lesson_status", "finished"), "405");
  refused(api, () => api.LMSSetValue("cmi.core.lesson_status", "not attempted"), "405");
  refused(api, () => api.LMSSetValue("cmi.core.lesson_status", "Completed"), "405");
  assert.equal(api.LMSSetValue("cmi.core.lesson_status", "incomplete"), "true");
  refused(api, () => api.LMSSetValue("cmi.core.exit", "quit"), "405");
  assert.equal(api.LMSSetValue("cmi.core.exit", "suspend"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.0.id", "q-1"), "true");
  refused(api, () => api.LMSSetValue("cmi.interactions.0.type", "multiple-choice"), "405");
  refused(api, () => api.LMSSetValue("cmi.interactions.0.result", "right"), "405");
  assert.equal(api.LMSSetValue("cmi.interactions.0.result", "0.5"), "true");
});

test("lengths: lesson_location 255 and suspend_data 4096 characters", () => {
  const { api } = running();
  assert.equal(api.LMSSetValue("cmi.core.lesson_location", "p".repeat(255)), "true");
  refused(api, () => api.LMSSetValue("cmi.core.lesson_location", "p".repeat(256)), "405");
  assert.equal(api.LMSSetValue("cmi.suspend_data", "é".repeat(4096)), "true");
  refused(api, () => api.LMSSetValue("cmi.suspend_data", "x".repeat(4097)), "405");
  assert.match(api.LMSGetDiagnostic(""), /4097 characters/);
  assert.equal(api.LMSGetValue("cmi.suspend_data").length, 4096, "a refused value leaves the last good one");
});

test("types: scores in 0..100, CMITimespan, CMITime, CMIIdentifier, CMISInteger ranges", () => {
  const { api } = running();
  for (const bad of ["101", "-1", "eighty", "80%"]) refused(api, () => api.LMSSetValue("cmi.core.score.raw", bad), "405");
  assert.equal(api.LMSSetValue("cmi.core.score.raw", "80.5"), "true");
  assert.equal(api.LMSSetValue("cmi.core.score.raw", ""), "true");
  refused(api, () => api.LMSSetValue("cmi.core.session_time", "PT1M"), "405");
  refused(api, () => api.LMSSetValue("cmi.core.session_time", "00:61:00"), "405");
  assert.equal(api.LMSSetValue("cmi.core.session_time", "0001:02:03.45"), "true");
  refused(api, () => api.LMSSetValue("cmi.interactions.0.id", "has space"), "405");
  assert.equal(api.LMSSetValue("cmi.interactions.0.id", "q-m01-01"), "true");
  refused(api, () => api.LMSSetValue("cmi.interactions.0.time", "24:00:00"), "405");
  refused(api, () => api.LMSSetValue("cmi.student_preference.text", "2"), "405");
  assert.equal(api.LMSSetValue("cmi.student_preference.audio", "-1"), "true");
});

test("arrays grow one record at a time; responses follow the interaction's type", () => {
  const { api } = running();
  refused(api, () => api.LMSSetValue("cmi.interactions.1.id", "q2"), "201");
  assert.equal(api.LMSSetValue("cmi.interactions.0.id", "q1"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.0.type", "choice"), "true");
  assert.equal(api.LMSGetValue("cmi.interactions._count"), "1");
  refused(api, () => api.LMSGetValue("cmi.interactions.0.id"), "404");
  refused(api, () => api.LMSSetValue("cmi.interactions.0.student_response", "a;b"), "405");
  assert.equal(api.LMSSetValue("cmi.interactions.0.student_response", "a,b"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.0.correct_responses.0.pattern", "{a,b}"), "true");
  refused(api, () => api.LMSSetValue("cmi.interactions.0.correct_responses.2.pattern", "a"), "201");
  assert.equal(api.LMSGetValue("cmi.interactions.0.correct_responses._count"), "1");
  assert.equal(api.LMSSetValue("cmi.interactions.1.type", "true-false"), "true");
  refused(api, () => api.LMSSetValue("cmi.interactions.1.student_response", "yes"), "405");
  assert.equal(api.LMSSetValue("cmi.interactions.1.type", "matching"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.1.student_response", "a.1,b.2"), "true");
});

test("between sessions: entry, resume with location and suspend_data, total_time, mastery decides", () => {
  const first = running();
  assert.equal(first.api.LMSGetValue("cmi.core.entry"), "ab-initio");
  assert.equal(first.api.LMSGetValue("cmi.core.lesson_status"), "not attempted");
  assert.equal(first.api.LMSGetValue("cmi.student_data.mastery_score"), "80");
  first.api.LMSSetValue("cmi.core.lesson_location", "p3");
  first.api.LMSSetValue("cmi.suspend_data", "{\"v\":1}");
  first.api.LMSSetValue("cmi.core.exit", "suspend");
  first.api.LMSSetValue("cmi.core.session_time", "0000:10:00.50");
  first.api.LMSSetValue("cmi.core.score.raw", "60");
  first.api.LMSFinish("");
  const record = session.finish(first.api.model, null);
  assert.equal(record.values["cmi.core.lesson_status"], "failed", "60 < mastery 80, with credit");
  const second = running(record);
  assert.equal(second.api.LMSGetValue("cmi.core.entry"), "resume");
  assert.equal(second.api.LMSGetValue("cmi.core.lesson_location"), "p3");
  assert.equal(second.api.LMSGetValue("cmi.suspend_data"), "{\"v\":1}");
  assert.equal(second.api.LMSGetValue("cmi.core.total_time"), "0000:10:00.50");
  const review = running(record, { ...LAUNCH, mode: "review" });
  assert.equal(review.api.LMSGetValue("cmi.core.credit"), "no-credit");
  assert.equal(review.api.LMSGetValue("cmi.core.lesson_mode"), "review");
});

test("every call is heard with its result and error code", () => {
  const { api, calls } = running();
  api.LMSSetValue("cmi.core.lesson_status", "done");
  assert.deepEqual(calls.map((c) => [c.method, c.result, c.error]),
                   [["LMSInitialize", "true", "0"], ["LMSSetValue", "false", "405"]]);
  assert.match(calls[1].diagnostic, /"done" is not one of "passed", "completed"/);
});
