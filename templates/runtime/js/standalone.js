/* Standalone adapter of the tracking interface: no LMS, so progress is kept in this browser's
 * localStorage and the content also works from file:// or a plain web server. */
Packager.define("standalone", [], function () {
  "use strict";

  function Standalone(key) {
    this.key = key;
    this.limits = { location: 255, suspend: 4096 };
    this.record = {};
  }
  Standalone.prototype.start = function () {
    try { this.record = JSON.parse(window.localStorage.getItem(this.key) || "{}") || {}; } catch (e) { this.record = {}; }
    return Promise.resolve({
      entry: this.record.suspend ? "resume" : "ab-initio",
      location: this.record.location || "", suspend: this.record.suspend || "",
      learner: "", mastery: null, status: this.record.status || "", mode: "normal"
    });
  };
  Standalone.prototype.restored = function () {};
  Standalone.prototype.pageViewed = function () {};
  Standalone.prototype.answered = function () {};
  Standalone.prototype.completed = function () { this.record.status = "completed"; };
  Standalone.prototype.scored = function (score) { this.record.score = score.raw; this.record.status = score.passed ? "passed" : "failed"; };
  Standalone.prototype.retryAllowed = function () { return true; };
  Standalone.prototype.save = function (location, suspend) { this.record.location = location; this.record.suspend = suspend; };
  Standalone.prototype.commit = function () {
    try { window.localStorage.setItem(this.key, JSON.stringify(this.record)); } catch (e) { /* storage off: nothing kept */ }
  };
  Standalone.prototype.end = function () { this.commit(); };

  return { Standalone: Standalone };
});
