/* SCORM 1.2 adapter of the tracking interface (see connect.js): the LMS's API object, found in a
 * parent or opener window, as the SCORM 1.2 Run-Time Environment describes it.
 *
 * Modes (cmi.core.lesson_mode): "normal" records; "review" (a finished attempt reopened) records
 * nothing; "browse" (a preview) records the status "browsed" and nothing else.
 * It also works with LMSs that answer reads with "" (Open edX's SCORM XBlock): what the SCO recorded
 * itself (its saved state) is trusted over an empty read, a status is never lowered, and interaction
 * indexes come from the SCO's own count when cmi.interactions._count is unusable. */
Packager.define("scorm12", ["core", "interactions"], function (core, interactions) {
  "use strict";

  var LIMITS = { location: 255, suspend: 4096 };

  /* API discovery: the window's parents up to 10 levels, then the opener and its parents. */
  function findAPI(win) { return core.findApi(win, "API", "LMSInitialize", 10); }

  function Scorm12(api) {
    this.api = api;
    this.limits = LIMITS;
    this.finished = false;
    this.dead = false;
    this.started = Date.now();
    this.mode = "normal";
    this.nextInteraction = 0;
  }

  /* Which writes each mode allows: review none, browse only the status "browsed"; exit and session
   * time always (the LMS needs them to close the session). */
  var ALWAYS = { "cmi.core.exit": true, "cmi.core.session_time": true };

  Scorm12.prototype.call = function (method, args) {
    if (this.finished || this.dead) return "";
    var result, code;
    try {
      result = this.api[method].apply(this.api, args);
      code = String(this.api.LMSGetLastError());
    } catch (e) {
      code = "101";
    }
    if (code !== "0") {
      core.notice();
      core.warn("LMS error " + code + " on " + method + "(" + args.join(", ") + ")");
    }
    return result;
  };
  Scorm12.prototype.get = function (name) { return String(this.call("LMSGetValue", [name]) || ""); };
  Scorm12.prototype.set = function (name, value) {
    var allowed = this.mode === "normal" || ALWAYS[name] ||
      this.mode === "browse" && name === "cmi.core.lesson_status" && value === "browsed";
    if (allowed) this.call("LMSSetValue", [name, String(value)]);
  };

  Scorm12.prototype.start = function () { return Promise.resolve(this.initialize()); };
  Scorm12.prototype.initialize = function () {
    if (String(this.call("LMSInitialize", [""])) !== "true") {
      this.dead = true;
      core.notice();
      return { entry: "ab-initio", mode: "normal", location: "", suspend: "", learner: "", mastery: null, status: "" };
    }
    var mode = this.get("cmi.core.lesson_mode");
    this.mode = mode === "review" || mode === "browse" ? mode : "normal";
    var mastery = core.fraction(this.get("cmi.student_data.mastery_score"), 100); /* a percentage */
    this.lmsStatus = this.get("cmi.core.lesson_status");
    var count = this.get("cmi.interactions._count");
    this.interactionCount = /^\d+$/.test(count) ? parseInt(count, 10) : null;
    return {
      entry: this.get("cmi.core.entry"),
      mode: this.mode,
      location: this.get("cmi.core.lesson_location"),
      suspend: this.get("cmi.suspend_data"),
      learner: this.get("cmi.core.student_name"),
      mastery: mastery,
      status: this.lmsStatus
    };
  };

  /* What the SCO itself had recorded (from its own saved state): {status: "completed", "passed",
   * "failed", "incomplete" or "" (nothing yet), score, interactions}. The status the LMS keeps is
   * never lowered: when the LMS reads back nothing, the SCO's own status is written again, and
   * "incomplete" only on a true first attempt. A preview ("browsed") is not progress: a normal launch
   * after one (Moodle keeps the previewed attempt) starts the record as a first attempt does. */
  Scorm12.prototype.restored = function (own) {
    var empty = this.lmsStatus === "" || this.lmsStatus === "not attempted";
    this.nextInteraction = this.interactionCount !== null ? this.interactionCount : own.interactions || 0;
    if (this.mode === "browse" && empty) this.set("cmi.core.lesson_status", "browsed");
    if (this.mode !== "normal" || !(empty || this.lmsStatus === "browsed")) return;
    if (own.score) this.scored(own.score);
    else this.set("cmi.core.lesson_status", own.status === "completed" ? "completed" : "incomplete");
  };
  Scorm12.prototype.pageViewed = function () {};
  Scorm12.prototype.answered = function (item, response, correct, latencyMs, words, graded) {
    if (!graded) return; /* knowledge checks are not interactions of the SCO */
    var report = interactions.scorm12Interaction(item, response, correct);
    var prefix = "cmi.interactions." + this.nextInteraction++ + ".";
    this.set(prefix + "id", item.id);
    this.set(prefix + "type", report.type);
    this.set(prefix + "student_response", report.student_response);
    this.set(prefix + "correct_responses.0.pattern", report.pattern);
    this.set(prefix + "result", report.result);
    this.set(prefix + "latency", interactions.scorm12Timespan(latencyMs));
    this.set(prefix + "time", interactions.scorm12Time(new Date()));
  };
  Scorm12.prototype.completed = function () { this.set("cmi.core.lesson_status", "completed"); };
  Scorm12.prototype.scored = function (score) {
    this.set("cmi.core.score.min", "0");
    this.set("cmi.core.score.max", "100");
    this.set("cmi.core.score.raw", String(score.raw));
    this.set("cmi.core.lesson_status", score.passed ? "passed" : "failed");
  };
  Scorm12.prototype.save = function (location, suspend) {
    if (location.length <= LIMITS.location) this.set("cmi.core.lesson_location", location);
    if (suspend.length <= LIMITS.suspend) this.set("cmi.suspend_data", suspend);
  };
  Scorm12.prototype.retryAllowed = function () { return true; };
  Scorm12.prototype.commit = function () { this.call("LMSCommit", [""]); };
  Scorm12.prototype.end = function (done) {
    if (this.finished || this.dead) return;
    this.set("cmi.core.exit", done ? "" : "suspend");
    this.set("cmi.core.session_time", interactions.scorm12Timespan(Date.now() - this.started));
    this.call("LMSFinish", [""]);
    this.finished = true;
  };

  return { Scorm12: Scorm12, findAPI: findAPI, LIMITS: LIMITS };
});
