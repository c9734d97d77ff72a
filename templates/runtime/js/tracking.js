/* One tracking interface, one adapter per way of reporting. The players call only these:
 *
 *   start()                        -> Promise of {entry: "ab-initio"|"resume", location, suspend, learner,
 *                                     masteryScore, status, reviewOnly}; suspend is "" unless resuming
 *   pageViewed(pageId)             a page was shown
 *   answered(item, response, correct, latencyMs, words, graded)
 *                                  an answer: graded (quiz, at submission) or a knowledge check
 *   completed()                    every page seen and every check answered (modules)
 *   scored(raw, passed)            quiz result, raw 0..100
 *   save(location, suspend)        where to resume and the saved state (<= 255 / 4096 characters)
 *   commit()                       persist now (after a page change, an answer, a completion)
 *   end(done)                      the learner leaves; done = nothing left to do in this part
 *
 * Adapters: Scorm12 (an LMS API found in a parent or opener window), Standalone (no LMS:
 * progress kept in localStorage), and Xapi and Cmi5 (xapi.js), chosen from the launch URL.
 */
(function (P) {
  "use strict";

  P.LIMITS = { location: 255, suspend: 4096 };

  /* The discreet "progress not recorded" notice: the page keeps working. */
  P.notice = function () {
    var box = document.getElementById("notice");
    if (box) box.hidden = false;
  };
  var notice = P.notice;

  /* SCORM 1.2 API discovery: the window's parents up to 10 levels, then the opener and its parents. */
  function findAPI(win) {
    function climb(w) {
      for (var level = 0; w && level <= 10; level++) {
        try {
          if (w.API && typeof w.API.LMSInitialize === "function") return w.API;
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

  function Scorm12(api) {
    this.api = api;
    this.finished = false;
    this.dead = false;
    this.started = Date.now();
    this.reviewOnly = false;
  }

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
      notice();
      if (window.console) console.warn("LMS error " + code + " on " + method + "(" + args.join(", ") + ")");
    }
    return result;
  };
  Scorm12.prototype.get = function (name) { return String(this.call("LMSGetValue", [name]) || ""); };
  Scorm12.prototype.set = function (name, value) {
    if (!this.reviewOnly || name === "cmi.core.exit" || name === "cmi.core.session_time") {
      this.call("LMSSetValue", [name, String(value)]);
    }
  };

  Scorm12.prototype.start = function () { return Promise.resolve(this.initialize()); };
  Scorm12.prototype.initialize = function () {
    if (String(this.call("LMSInitialize", [""])) !== "true") {
      this.dead = true;
      notice();
      return { entry: "ab-initio", location: "", suspend: "", learner: "", masteryScore: null, status: "", reviewOnly: false };
    }
    var mode = this.get("cmi.core.lesson_mode");
    this.reviewOnly = mode === "review";
    var mastery = parseFloat(this.get("cmi.student_data.mastery_score"));
    var status = this.get("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") {
      this.set("cmi.core.lesson_status", mode === "browse" ? "browsed" : "incomplete");
    }
    /* Saved state counts only when the LMS says the learner resumes (entry "resume"); an LMS may
     * keep suspend_data after a finished attempt. */
    var entry = this.get("cmi.core.entry");
    var location = this.get("cmi.core.lesson_location");
    var suspend = this.get("cmi.suspend_data");
    return {
      entry: entry,
      location: location,
      suspend: entry === "resume" ? suspend : "",
      learner: this.get("cmi.core.student_name"),
      masteryScore: isNaN(mastery) ? null : mastery,
      status: status,
      reviewOnly: this.reviewOnly
    };
  };
  Scorm12.prototype.pageViewed = function () {};
  Scorm12.prototype.answered = function (item, response, correct, latencyMs, words, graded) {
    if (!graded) return; /* knowledge checks are not interactions of the SCO */
    var n = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    var report = P.scorm12Interaction(item, response, correct);
    var prefix = "cmi.interactions." + n + ".";
    this.set(prefix + "id", item.id);
    this.set(prefix + "type", report.type);
    this.set(prefix + "student_response", report.student_response);
    this.set(prefix + "correct_responses.0.pattern", report.pattern);
    this.set(prefix + "result", report.result);
    this.set(prefix + "latency", P.scorm12Timespan(latencyMs));
    this.set(prefix + "time", P.scorm12Time(new Date()));
  };
  Scorm12.prototype.completed = function () { this.set("cmi.core.lesson_status", "completed"); };
  Scorm12.prototype.scored = function (raw, passed) {
    this.set("cmi.core.score.min", "0");
    this.set("cmi.core.score.max", "100");
    this.set("cmi.core.score.raw", String(raw));
    this.set("cmi.core.lesson_status", passed ? "passed" : "failed");
  };
  Scorm12.prototype.save = function (location, suspend) {
    if (location.length <= P.LIMITS.location) this.set("cmi.core.lesson_location", location);
    if (suspend.length <= P.LIMITS.suspend) this.set("cmi.suspend_data", suspend);
  };
  Scorm12.prototype.commit = function () { this.call("LMSCommit", [""]); };
  Scorm12.prototype.end = function (done) {
    if (this.finished || this.dead) return;
    this.set("cmi.core.exit", done ? "" : "suspend");
    this.set("cmi.core.session_time", P.scorm12Timespan(Date.now() - this.started));
    this.call("LMSFinish", [""]);
    this.finished = true;
  };

  /* No LMS: keep progress in this browser so the content also works from file:// or a web server. */
  function Standalone(key) {
    this.key = key;
    this.record = {};
  }
  Standalone.prototype.start = function () {
    try { this.record = JSON.parse(window.localStorage.getItem(this.key) || "{}") || {}; } catch (e) { this.record = {}; }
    return Promise.resolve({
      entry: this.record.suspend ? "resume" : "ab-initio",
      location: this.record.location || "", suspend: this.record.suspend || "",
      learner: "", masteryScore: null, status: this.record.status || "", reviewOnly: false
    });
  };
  Standalone.prototype.pageViewed = function () {};
  Standalone.prototype.answered = function () {};
  Standalone.prototype.completed = function () { this.record.status = "completed"; };
  Standalone.prototype.scored = function (raw, passed) { this.record.score = raw; this.record.status = passed ? "passed" : "failed"; };
  Standalone.prototype.save = function (location, suspend) { this.record.location = location; this.record.suspend = suspend; };
  Standalone.prototype.commit = function () {
    try { window.localStorage.setItem(this.key, JSON.stringify(this.record)); } catch (e) { /* storage off: nothing kept */ }
  };
  Standalone.prototype.end = function () { this.commit(); };

  P.adapters = { Scorm12: Scorm12, Standalone: Standalone };

  /* Saved state as JSON within the 4,096-character limit whatever the learner typed: the
   * longest free-text response in `obj[key]` is halved until the whole fits. */
  P.fitState = function (obj, key) {
    var text = JSON.stringify(obj);
    while (text.length > P.LIMITS.suspend) {
      var longest = -1;
      obj[key].forEach(function (v, i) {
        if (typeof v === "string" && (longest < 0 || v.length > obj[key][longest].length)) longest = i;
      });
      if (longest < 0 || !obj[key][longest]) break;
      obj[key][longest] = obj[key][longest].slice(0, Math.floor(obj[key][longest].length / 2));
      text = JSON.stringify(obj);
    }
    return text;
  };

  P.readState = function (text) {
    try {
      var state = JSON.parse(text);
      return state && state.v === 1 ? state : null;
    } catch (e) {
      return null;
    }
  };

  /* The launch decides: cmi5 parameters, TinCan launch parameters, an LMS API, or nothing. */
  P.connect = function (data) {
    var params = new URLSearchParams(window.location.search);
    if (params.get("endpoint") && params.get("fetch") && params.get("actor")) return new P.adapters.Cmi5(data, params);
    if (params.get("endpoint") && params.get("auth") && params.get("actor")) return new P.adapters.Xapi(data, params);
    var api = findAPI(window);
    return api ? new Scorm12(api) : new Standalone("packager:" + data.course + ":" + data.id + ":" + data.lang);
  };

  /* Call `leave` once when the page goes away (closed tab, navigation, popup closed), and commit
   * when it is hidden (a phone switching apps may never come back). */
  P.onLeave = function (leave, hidden) {
    var left = false;
    function once() { if (!left) { left = true; leave(); } }
    window.addEventListener("pagehide", once);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !left) hidden();
    });
  };
})(window.Packager = window.Packager || {});
