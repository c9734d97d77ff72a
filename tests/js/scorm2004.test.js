// Unit tests of the SCORM 2004 reporting (node --test): the 2004 response formats and ISO 8601 times, and
// the adapter against scorm-again's Scorm2004API (the real LMS-side library, loaded into Node), every call
// recorded: Terminate once and nothing after it, review mode records nothing, the LMS's status is never
// lowered, saved state within 64,000 characters.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const use = require("./load")("questions", "interactions", "state", "scorm2004");

const interactions = use("interactions");
const { Scorm2004 } = use("scorm2004");
vm.runInThisContext(fs.readFileSync(path.join(__dirname, "..", "..", "node_modules", "scorm-again", "dist", "scorm2004.js"), "utf8"));

/* An LMS: scorm-again preloaded with `cmi`, every call recorded with its error code. */
function lms(cmi) {
  const real = new globalThis.Scorm2004API({ autocommit: false, logLevel: 5 });
  real.loadFromJSON(Object.assign({ entry: "ab-initio" }, cmi));
  const calls = [], api = { GetLastError: () => real.GetLastError() };
  for (const method of ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"]) {
    api[method] = (...args) => {
      const result = real[method](...args);
      calls.push({ method, args, result, error: String(real.GetLastError()) });
      return result;
    };
  }
  return { api, calls };
}

const QUIZ = { kind: "quiz", lang: "fr", activity: { questions: { q1: "https://example.org/course/quiz/q1" } } };
const sets = (calls) => calls.filter((c) => c.method === "SetValue").map((c) => c.args);

test("SCORM 2004 interactions use the 2004 delimiters, short identifiers and localized strings", () => {
  const multiple = interactions.scorm2004Interaction({ type: "multiple", answer: ["a", "c"] }, ["c"], false, "fr");
  assert.deepEqual(multiple, { type: "choice", learner_response: "c", patterns: ["a[,]c"], result: "incorrect" });
  const matching = interactions.scorm2004Interaction({ type: "matching", answer: { b: "2", a: "1" } }, { a: "1", b: "2" }, true, "ar");
  assert.equal(matching.patterns[0], "a[.]1[,]b[.]2");
  assert.equal(interactions.scorm2004Interaction({ type: "truefalse", answer: "t" }, "f", false, "fr").learner_response, "false");
  const fillin = interactions.scorm2004Interaction({ type: "fillin", answer: ["loi 27-14", "27.14"] }, "x[,]y\n".repeat(100), true, "ar");
  assert.ok(fillin.learner_response.startsWith("{lang=ar}") && fillin.learner_response.length <= 250);
  assert.ok(!/\[,\]|\n/.test(fillin.learner_response));
  assert.deepEqual(fillin.patterns, ["{case_matters=false}{lang=ar}loi 27-14", "{case_matters=false}{lang=ar}27.14"]);
});

test("SCORM 2004 times are ISO 8601 to the hundredth of a second", () => {
  assert.equal(interactions.scorm2004Duration(3723450), "PT1H2M3.45S");
  assert.equal(interactions.scorm2004Duration(0), "PT0S");
  assert.equal(interactions.scorm2004Time(new Date(Date.UTC(2026, 10, 30, 10, 5, 7, 129))), "2026-11-30T10:05:07.12Z");
});

test("Terminate once, nothing after it, and no call the LMS refuses", async () => {
  const { api, calls } = lms({ scaled_passing_score: "0.8" });
  const tracker = new Scorm2004(api, QUIZ);
  const info = await tracker.start();
  assert.deepEqual(info.mastery, { num: 8, den: 10 });
  tracker.restored({ status: "", score: null, interactions: 0 });
  tracker.answered({ id: "q1", type: "single", answer: "a" }, "a", true, 1500, { prompt: "Question ?" }, true);
  tracker.scored({ raw: 100, scaled: 1, passed: true });
  tracker.save("attempt-1", "x".repeat(64001)); /* over the limit: not sent */
  tracker.end(true);
  tracker.end(true);
  tracker.commit();
  assert.deepEqual(calls.filter((c) => c.error !== "0"), []);
  assert.equal(calls.filter((c) => c.method === "Terminate").length, 1);
  assert.equal(calls[calls.length - 1].method, "Terminate");
  assert.ok(!sets(calls).some(([name]) => name === "cmi.suspend_data"));
  assert.deepEqual(sets(calls).filter(([name]) => name === "cmi.exit"), [["cmi.exit", "normal"]]);
  assert.ok(sets(calls).some(([name, value]) => name === "cmi.interactions.0.id" && value === QUIZ.activity.questions.q1));
});

test("review mode records nothing but the end of the session", async () => {
  const { api, calls } = lms({ mode: "review", completion_status: "completed", success_status: "failed",
                               location: "attempt-1", suspend_data: "{}" });
  const tracker = new Scorm2004(api, QUIZ);
  const info = await tracker.start();
  assert.equal(info.mode, "review");
  assert.equal(info.suspend, "{}");
  tracker.restored({ status: "failed", score: { raw: 60, scaled: 0.6, passed: false }, interactions: 5 });
  tracker.scored({ raw: 100, scaled: 1, passed: true });
  tracker.end(true);
  assert.deepEqual(sets(calls).map(([name]) => name), ["cmi.exit", "cmi.session_time"]);
});

test("the LMS's status is never lowered, and a first attempt starts incomplete", async () => {
  const first = lms({});
  const tracker = new Scorm2004(first.api, { kind: "module", lang: "fr" });
  assert.equal((await tracker.start()).suspend, "", "a new attempt reads no saved state");
  tracker.restored({ status: "", score: null, interactions: 0 });
  assert.deepEqual(sets(first.calls), [["cmi.completion_status", "incomplete"]]);

  const again = lms({ entry: "resume", completion_status: "unknown", location: "p2", suspend_data: "{}" });
  const resumed = new Scorm2004(again.api, { kind: "module", lang: "fr" });
  await resumed.start();
  resumed.restored({ status: "completed", score: null, interactions: 0 });
  assert.deepEqual(sets(again.calls), [["cmi.completion_status", "completed"]], "the part's own record, written again");

  const kept = lms({ entry: "resume", completion_status: "completed", location: "p2", suspend_data: "{}" });
  const reopened = new Scorm2004(kept.api, { kind: "module", lang: "fr" });
  assert.equal((await reopened.start()).status, "completed");
  reopened.restored({ status: "incomplete", score: null, interactions: 0 });
  assert.deepEqual(sets(kept.calls), [], "a completed module is not set back to incomplete");
});
