/* SCORM 2004 (4th Edition) adapter of the tracking interface (see connect.js): the LMS's API_1484_11
 * object, found as the Run-Time Environment book describes it, and its data model:
 *   cmi.completion_status, success_status, score.scaled/raw/min/max, progress_measure, location
 *   (<= 1000), suspend_data (<= 64,000), session_time (ISO 8601), interactions (interactions.js),
 *   exit ("suspend" mid-way, "normal" when done), Terminate exactly once and nothing after it;
 *   cmi.mode "review" and "browse" record nothing (the learner looks, the LMS keeps its record; SCORM
 *   2004 has no "browsed" status); the status the LMS keeps is never lowered (restored());
 *   adl.nav.request from the SCO's own controls (navigation.js). docs/scorm2004.md explains why. */
Packager.define("scorm2004", ["core", "interactions"], function (core, interactions) {
  "use strict";

  var LIMITS = { location: 1000, suspend: 64000 };
  var MAX_LEVELS = 500; /* the bound of ADL's discovery algorithm */
  var REQUESTS = ["continue", "previous", "suspendAll"];

  /* API discovery: the window and its parents, then the opener and its parents. */
  function findAPI(win) { return core.findApi(win, "API_1484_11", "Initialize", MAX_LEVELS); }

  function Scorm2004(api, data) {
    this.api = api;
    this.data = data;
    this.limits = LIMITS;
    this.finished = false;
    this.dead = false;
    this.mode = "normal";
    this.started = Date.now();
    this.request = null;
    this.nextInteraction = 0;
  }

  /* One API call; an error shows the discreet notice unless `quiet` (optional elements). */
  Scorm2004.prototype.call = function (method, args, quiet) {
    if (this.finished || this.dead) return "";
    var result, code;
    try {
      result = this.api[method].apply(this.api, args);
      code = String(this.api.GetLastError());
    } catch (e) {
      code = "101";
    }
    if (code !== "0" && !quiet) {
      core.notice();
      core.warn("LMS error " + code + " on " + method + "(" + args.join(", ") + ")");
    }
    return result;
  };
  Scorm2004.prototype.get = function (name, quiet) { return String(this.call("GetValue", [name], quiet) || ""); };
  /* Tracking data is written in normal mode only; exit, session time and navigation requests end
   * the session in every mode (end()). */
  Scorm2004.prototype.set = function (name, value) {
    if (this.mode === "normal") this.call("SetValue", [name, String(value)]);
  };

  Scorm2004.prototype.start = function () { return Promise.resolve(this.initialize()); };
  Scorm2004.prototype.initialize = function () {
    if (String(this.call("Initialize", [""])) !== "true") {
      this.dead = true;
      core.notice();
      return { entry: "ab-initio", mode: "normal", location: "", suspend: "", learner: "", mastery: null, status: "" };
    }
    var mode = this.get("cmi.mode");
    this.mode = mode === "review" || mode === "browse" ? mode : "normal";
    this.lmsStatus = this.get("cmi.completion_status");
    var success = this.get("cmi.success_status");
    this.interactionCount = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    /* Only what the LMS has: reading an element it never set is an error (403, RTE 3.1.7.6). Saved
     * state and location exist unless this is a new attempt (and are what review mode shows); the
     * quiz's passing score comes from the manifest's minNormalizedMeasure. */
    var entry = this.get("cmi.entry");
    var saved = entry !== "ab-initio" || this.mode === "review";
    var passing = this.data.kind === "quiz" ? core.fraction(this.get("cmi.scaled_passing_score", true)) : null;
    return {
      entry: entry,
      mode: this.mode,
      location: saved ? this.get("cmi.location", true) : "",
      suspend: saved ? this.get("cmi.suspend_data", true) : "",
      learner: this.get("cmi.learner_name"),
      mastery: passing,
      status: success === "passed" || success === "failed" ? success : this.lmsStatus
    };
  };

  /* What the part itself had recorded (from its own saved state): {status, score, interactions}. The
   * status the LMS keeps is never lowered: when the LMS reads back nothing ("unknown"), the part's own
   * status is written again, and "incomplete" only on a true first attempt. */
  Scorm2004.prototype.restored = function (own) {
    var empty = this.lmsStatus === "unknown" || this.lmsStatus === "not attempted" || this.lmsStatus === "";
    this.nextInteraction = Math.max(this.interactionCount, own.interactions || 0);
    if (this.mode !== "normal" || !empty) return;
    if (own.score) this.scored(own.score);
    else this.set("cmi.completion_status", own.status === "completed" ? "completed" : "incomplete");
  };

  Scorm2004.prototype.pageViewed = function () {};
  Scorm2004.prototype.progress = function (fraction) {
    this.set("cmi.progress_measure", String(Math.round(Math.max(0, Math.min(1, fraction)) * 100) / 100));
  };

  /* A graded answer (quiz) as the next interaction; knowledge checks are not interactions of the SCO.
   * Order matters: id, then type, before the responses that depend on it (RTE 4.2.9). */
  Scorm2004.prototype.answered = function (item, response, correct, latencyMs, words, graded) {
    if (!graded) return;
    var lang = this.data.lang, report = interactions.scorm2004Interaction(item, response, correct, lang);
    var prefix = "cmi.interactions." + this.nextInteraction++ + ".", self = this;
    this.set(prefix + "id", this.data.activity.questions[item.id] || item.id);
    this.set(prefix + "type", report.type);
    this.set(prefix + "timestamp", interactions.scorm2004Time(new Date()));
    report.patterns.forEach(function (pattern, i) { self.set(prefix + "correct_responses." + i + ".pattern", pattern); });
    this.set(prefix + "learner_response", report.learner_response);
    this.set(prefix + "result", report.result);
    this.set(prefix + "latency", interactions.scorm2004Duration(latencyMs));
    if (words && words.prompt) this.set(prefix + "description", ("{lang=" + lang + "}" + words.prompt).slice(0, 250));
  };

  Scorm2004.prototype.completed = function () {
    this.set("cmi.progress_measure", "1");
    this.set("cmi.completion_status", "completed");
  };
  /* score: {raw 0..100, scaled: correct / drawn, passed}; scaled as real(10,7) (RTE 4.2.20). */
  Scorm2004.prototype.scored = function (score) {
    this.set("cmi.score.min", "0");
    this.set("cmi.score.max", "100");
    this.set("cmi.score.raw", String(score.raw));
    this.set("cmi.score.scaled", String(Math.round(score.scaled * 1e7) / 1e7));
    this.set("cmi.success_status", score.passed ? "passed" : "failed");
    this.set("cmi.completion_status", "completed");
  };
  Scorm2004.prototype.retryAllowed = function () { return true; };
  Scorm2004.prototype.save = function (location, suspend) {
    if (location.length <= LIMITS.location) this.set("cmi.location", location);
    if (suspend.length <= LIMITS.suspend) this.set("cmi.suspend_data", suspend);
  };
  Scorm2004.prototype.commit = function () { this.call("Commit", [""]); };

  /* Which of the SCO's own navigation controls the LMS would honour now (optional elements: an LMS
   * without sequencing may not know them, which is no error worth a notice). */
  Scorm2004.prototype.navigation = function () {
    var valid = { suspendAll: !this.dead && !this.finished };
    valid["continue"] = this.get("adl.nav.request_valid.continue", true) === "true";
    valid.previous = this.get("adl.nav.request_valid.previous", true) === "true";
    return valid;
  };
  /* Ask the LMS for `name` once the SCO terminates (end() sends it just before Terminate). */
  Scorm2004.prototype.navigate = function (name) {
    if (REQUESTS.indexOf(name) >= 0) this.request = name;
  };

  Scorm2004.prototype.end = function (done) {
    if (this.finished || this.dead) return;
    this.call("SetValue", ["cmi.exit", done ? "normal" : "suspend"]);
    this.call("SetValue", ["cmi.session_time", interactions.scorm2004Duration(Date.now() - this.started)]);
    if (this.request) this.call("SetValue", ["adl.nav.request", this.request]);
    this.call("Terminate", [""]);
    this.finished = true;
  };

  return { Scorm2004: Scorm2004, findAPI: findAPI, LIMITS: LIMITS };
});
