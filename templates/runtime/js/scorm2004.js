/* SCORM 2004 (4th Edition) adapter of the tracking interface (see connect.js): the LMS's API_1484_11
 * object, found as the Run-Time Environment book describes it, and its data model:
 *   cmi.completion_status, success_status, score.scaled/raw/min/max, progress_measure, location
 *   (<= 1000), suspend_data (<= 64,000), session_time (ISO 8601), interactions (interactions.js),
 *   exit ("suspend" mid-way, "normal" when done), Terminate exactly once and nothing after it;
 *   cmi.mode "review" and "browse" record nothing (the learner looks, the LMS keeps its record);
 *   adl.nav.request from the SCO's own controls (navigation.js). docs/scorm2004.md explains why. */
Packager.define("scorm2004", ["core", "interactions"], function (core, interactions) {
  "use strict";

  var LIMITS = { location: 1000, suspend: 64000 };
  var MAX_LEVELS = 500; /* the bound of ADL's discovery algorithm */
  var REQUESTS = ["continue", "previous", "suspendAll"];

  /* API discovery: the window and its parents, then the opener and its parents. */
  function findAPI(win) {
    function climb(w) {
      for (var level = 0; w && level <= MAX_LEVELS; level++) {
        try {
          if (w.API_1484_11 && typeof w.API_1484_11.Initialize === "function") return w.API_1484_11;
        } catch (e) { return null; } // a cross-origin ancestor: stop here
        if (!w.parent || w.parent === w) return null;
        w = w.parent;
      }
      return null;
    }
    var api = climb(win);
    if (!api) {
      try { api = win.opener ? climb(win.opener) : null; } catch (e) { api = null; }
    }
    return api;
  }

  function Scorm2004(api, data) {
    this.api = api;
    this.data = data;
    this.limits = LIMITS;
    this.finished = false;
    this.dead = false;
    this.recording = true; /* false in review and browse modes */
    this.started = Date.now();
    this.request = null;
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
  Scorm2004.prototype.set = function (name, value) {
    if (this.recording) this.call("SetValue", [name, String(value)]);
  };

  Scorm2004.prototype.start = function () { return Promise.resolve(this.initialize()); };
  Scorm2004.prototype.initialize = function () {
    if (String(this.call("Initialize", [""])) !== "true") {
      this.dead = true;
      core.notice();
      return { entry: "ab-initio", location: "", suspend: "", learner: "", masteryScore: null, status: "",
               reviewOnly: false, mode: "normal" };
    }
    var mode = this.get("cmi.mode") || "normal";
    this.recording = mode === "normal";
    var completion = this.get("cmi.completion_status");
    var success = this.get("cmi.success_status");
    if (completion === "unknown" || completion === "not attempted") this.set("cmi.completion_status", "incomplete");
    /* Only what the LMS has: reading an element it never set is an error (403, RTE 3.1.7.6). The
     * quiz's passing score comes from the manifest's minNormalizedMeasure; saved state exists when the
     * learner resumes, and is what review mode shows. */
    var passing = this.data.kind === "quiz" ? parseFloat(this.get("cmi.scaled_passing_score", true)) : NaN;
    var entry = this.get("cmi.entry");
    var saved = entry === "resume" || mode === "review";
    return {
      entry: entry,
      location: saved ? this.get("cmi.location", true) : "",
      suspend: saved ? this.get("cmi.suspend_data", true) : "",
      learner: this.get("cmi.learner_name"),
      masteryScore: isNaN(passing) ? null : Math.round(passing * 100),
      status: success === "passed" || success === "failed" ? success : completion,
      reviewOnly: mode === "review",
      mode: mode
    };
  };

  Scorm2004.prototype.pageViewed = function () {};
  Scorm2004.prototype.progress = function (fraction) {
    this.set("cmi.progress_measure", String(Math.round(Math.max(0, Math.min(1, fraction)) * 100) / 100));
  };

  /* A graded answer (quiz) as the next interaction; knowledge checks are not interactions of the SCO.
   * Order matters: id, then type, before the responses that depend on it (RTE 4.2.9). */
  Scorm2004.prototype.answered = function (item, response, correct, latencyMs, words, graded) {
    if (!graded) return;
    var lang = this.data.lang, n = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    var report = interactions.scorm2004Interaction(item, response, correct, lang);
    var prefix = "cmi.interactions." + n + ".", self = this;
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
  Scorm2004.prototype.scored = function (raw, passed) {
    this.set("cmi.score.min", "0");
    this.set("cmi.score.max", "100");
    this.set("cmi.score.raw", String(raw));
    this.set("cmi.score.scaled", String(raw / 100));
    this.set("cmi.success_status", passed ? "passed" : "failed");
    this.set("cmi.completion_status", "completed");
  };
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
