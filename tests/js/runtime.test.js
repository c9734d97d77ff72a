// Unit tests of the runtime's pure helpers (node --test): scoring and normalising answers, saved state,
// the quiz draw, and how answers are reported in SCORM 1.2 and xAPI.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const use = require("./load")("questions", "interactions", "state", "draw", "lrs");

const questions = use("questions");
const interactions = use("interactions");
const state = use("state");
const draw = use("draw");
const lrs = use("lrs");

test("fill-in answers compare as a trainer would read them", () => {
  const cases = [["الأجنبية", "الاجنبيه"], ["18", "١٨"], ["étrangère", "Etrangere"], ["national", "  national. "],
                 ["مُعَنويّة", "معنويه"], ["parquet", "PARQUET !"]];
  for (const [accepted, typed] of cases) {
    assert.ok(questions.isCorrect({ type: "fillin", answer: [accepted] }, typed), `${typed} should match ${accepted}`);
  }
  assert.ok(!questions.isCorrect({ type: "fillin", answer: ["parquet"] }, "parquets"));
});

test("every item type scores exactly, with no partial credit", () => {
  assert.ok(questions.isCorrect({ type: "multiple", answer: ["a", "c"] }, ["c", "a"]));
  assert.ok(!questions.isCorrect({ type: "multiple", answer: ["a", "c"] }, ["a"]));
  assert.ok(questions.isCorrect({ type: "ordering", answer: ["b", "a"] }, ["b", "a"]));
  assert.ok(!questions.isCorrect({ type: "ordering", answer: ["b", "a"] }, ["a", "b"]));
  assert.ok(questions.isCorrect({ type: "matching", answer: { a: "1", b: "2" } }, { a: "1", b: "2" }));
  assert.ok(!questions.isCorrect({ type: "matching", answer: { a: "1", b: "2" } }, { a: "2", b: "1" }));
  assert.ok(questions.isCorrect({ type: "truefalse", answer: false }, "f"));
  assert.ok(!questions.isCorrect({ type: "single", answer: "a" }, null));
});

test("responses survive packing into saved state", () => {
  const responses = [["multiple", ["a", "c"]], ["ordering", ["c", "a", "b"]], ["matching", { a: "2", b: "1" }],
                     ["single", "b"], ["truefalse", "t"], ["fillin", "texte"]];
  for (const [type, response] of responses) {
    assert.deepEqual(questions.unpack(type, questions.pack(type, response)), response, type);
  }
  assert.equal(questions.pack("fillin", "x".repeat(400)).length, 255);
});

test("saved state always fits its limit, whatever the learner typed", () => {
  const text = state.fit({ v: 1, id: "m01", c: ["a", "é".repeat(5000), "b".repeat(3000)] }, "c", 4096);
  assert.ok(text.length <= 4096);
  assert.equal(JSON.parse(text).c[0], "a");
  assert.equal(state.read("not json"), null);
  assert.equal(state.read('{"v": 2}'), null);
});

test("a saved state applies only to its own part, and not to a new attempt", () => {
  const mine = JSON.stringify({ v: 1, id: "m01", p: "1" });
  const own = (entry, mode, suspend = mine, id = "m01") => state.own({ entry, mode, suspend }, id);
  assert.ok(own("resume", "normal"));
  assert.ok(own("", "normal"), "an LMS that does not say: the part's own state applies");
  assert.ok(own("", "review"));
  assert.equal(own("ab-initio", "normal"), null, "a new attempt starts afresh");
  assert.equal(own("resume", "normal", mine, "m02"), null, "another part's state never applies");
  assert.ok(own("resume", "normal", '{"v": 1, "p": "1"}'), "a state saved before ids were kept, on resume");
  assert.equal(own("", "normal", '{"v": 1, "p": "1"}'), null);
});

test("the quiz draw is the same for a seed, balanced across modules, and a permutation", () => {
  const items = [];
  for (const module of ["m01", "m02", "m03"]) for (let i = 0; i < 5; i++) items.push({ id: `${module}-${i}`, module });
  const first = draw.draw(items, 6, 42).ids;
  assert.deepEqual(draw.draw(items, 6, 42).ids, first);
  assert.notDeepEqual(draw.draw(items, 6, 43).ids, first);
  assert.equal(new Set(first).size, 6);
  for (const module of ["m01", "m02", "m03"]) assert.equal(first.filter((id) => id.startsWith(module)).length, 2);
  assert.equal(draw.draw(items, 50, 1).ids.length, items.length);
});

test("SCORM 1.2 interactions use the 1.2 vocabularies and formats", () => {
  assert.deepEqual(interactions.scorm12Interaction({ type: "multiple", answer: ["a", "c"] }, ["c"], false),
                   { type: "choice", student_response: "c", pattern: "a,c", result: "wrong" });
  assert.equal(interactions.scorm12Interaction({ type: "matching", answer: { b: "2", a: "1" } }, { a: "1", b: "2" }, true).pattern, "a.1,b.2");
  assert.equal(interactions.scorm12Interaction({ type: "truefalse", answer: true }, "t", true).pattern, "t");
  const fillin = interactions.scorm12Interaction({ type: "fillin", answer: ["x"] }, "ligne\nsuivante".repeat(40), true);
  assert.ok(fillin.student_response.length <= 255 && !/\n/.test(fillin.student_response));
  assert.equal(interactions.scorm12Timespan(3723450), "0001:02:03.45");
  assert.equal(interactions.scorm12Timespan(1e12), "9999:46:40.00");
  assert.match(interactions.scorm12Time(new Date(2026, 0, 1, 9, 5, 7)), /^09:05:07$/);
});

test("xAPI interactions use the xAPI delimiters and describe their choices", () => {
  const words = { prompt: "Q", choices: [{ id: "a", text: "A" }, { id: "b", text: "B" }], sources: [], targets: [] };
  const report = interactions.xapiInteraction({ id: "q1", type: "ordering", answer: ["b", "a"] }, ["a", "b"], "fr", words);
  assert.equal(report.response, "a[,]b");
  assert.deepEqual(report.definition.correctResponsesPattern, ["b[,]a"]);
  assert.equal(report.definition.interactionType, "sequencing");
  assert.deepEqual(report.definition.choices[0], { id: "a", description: { fr: "A" } });
  const fill = interactions.xapiInteraction({ id: "q2", type: "fillin", answer: ["Parquet"] }, "parquet", "fr", words);
  assert.deepEqual(fill.definition.correctResponsesPattern, ["{case_matters=false}Parquet"]);
});

test("xAPI durations are ISO 8601", () => {
  assert.equal(lrs.isoDuration(3723450), "PT1H2M3.45S");
  assert.equal(lrs.isoDuration(0), "PT0S");
  assert.equal(lrs.isoDuration(59990), "PT59.99S");
});

test("a statement queue says when everything is answered, or that the LRS cannot be reached", async (t) => {
  const answers = [204, 204, 503];
  const sent = [];
  t.mock.method(globalThis, "fetch", async (url, init) => {
    sent.push(JSON.parse(init.body).id);
    const status = answers.shift();
    return { ok: status < 300, status };
  });
  const queue = new lrs.Queue(new lrs.Lrs("http://lrs.test/xAPI/", "Basic x"), "test");
  assert.equal(await queue.idle(), true, "nothing queued: idle at once");
  queue.push({ id: "1" });
  queue.push({ id: "2" });
  assert.equal(queue.busy.id, "1");
  assert.equal(await queue.idle(), true);
  assert.deepEqual(sent, ["1", "2"]);
  assert.equal(queue.answered, 2);
  queue.push({ id: "3" });
  assert.equal(await queue.idle(), false, "a retry is pending: the caller stops waiting");
  assert.deepEqual(queue.items.map((s) => s.id), ["3"], "and the statement stays queued");
  clearTimeout(queue.timer);
});
