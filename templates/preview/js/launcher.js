/* Launching content in the preview's frame, as an LMS does: for SCORM, the LMS API on this window
 * (window.API or window.API_1484_11, found by the SCO in its parent) started from the learner's record; for xAPI, the
 * launch URL the server made. Every API call goes to the server in order (one request at a time, so
 * the panel and --check see them as the SCO made them); the record goes at LMSCommit and LMSFinish. */
Packager.define("lms.launcher", ["lms.api", "lms.scorm12", "lms.scorm12.session", "lms.scorm2004", "lms.scorm2004.session"],
function (lms, scorm12, session12, scorm2004, session2004) {
  "use strict";

  var SCORM = { scorm12: { version: scorm12, session: session12 }, scorm2004: { version: scorm2004, session: session2004 } };

  function post(path, body, keepalive) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
                         keepalive: !!keepalive, cache: "no-store" });
  }

  /* Calls to the server, in order: one request in flight, the rest batched behind it. */
  function Sender() {
    this.waiting = [];
    this.busy = false;
  }
  Sender.prototype.push = function (call) {
    this.waiting.push(call);
    this.flush();
  };
  Sender.prototype.flush = function () {
    var self = this;
    if (this.busy || !this.waiting.length) return;
    var batch = this.waiting;
    this.waiting = [];
    this.busy = true;
    post("/api/calls", batch, true).catch(function () {}).then(function () {
      self.busy = false;
      self.flush();
    });
  };

  function Launcher(frame, listener) {
    this.frame = frame;
    this.listener = listener; /* {call(entry), record(values)} for the panel */
    this.sender = new Sender();
    this.records = {}; /* attempt -> last record this page saw: fresher than the server's after a relaunch */
    this.info = null;
    this.api = null;
  }

  Launcher.prototype.launch = function (info) {
    this.info = info;
    window.API = window.API_1484_11 = null; /* the SCO finds only the API of the format launched */
    if (SCORM[info.format]) this.startScorm(info, SCORM[info.format]);
    this.frame.src = info.url;
  };

  Launcher.prototype.startScorm = function (info, scorm) {
    var self = this, seq = 0;
    var before = info.attempt in this.records ? this.records[info.attempt] : info.record || null;
    var keep = function (record) {
      self.records[info.attempt] = record;
      post("/api/record", { part: info.part, attempt: info.attempt, record: record }, true).catch(function () {});
    };
    this.api = new lms.Api(scorm.version, scorm.session.start(before, info.launch), {
      call: function (entry) {
        entry.seq = seq++;
        entry.attempt = info.attempt;
        entry.part = info.part;
        self.sender.push(entry);
        self.listener.call(entry, self.api);
      },
      commit: function (model) { keep({ values: model.values, counts: model.counts, open: true }); },
      finish: function (model) { keep(scorm.session.finish(model, before)); }
    });
    window[scorm.version.apiName] = this.api;
  };

  /* Unload the content (its pagehide ends the session: LMSFinish, terminated) and resolve when done. */
  Launcher.prototype.unload = function () {
    var frame = this.frame;
    var last = null;
    try { last = frame.contentWindow.location.href; } catch (e) { last = null; }
    return new Promise(function (resolve) {
      if (!frame.getAttribute("src") || frame.getAttribute("src") === "about:blank") return resolve(last);
      frame.addEventListener("load", function done() {
        frame.removeEventListener("load", done);
        resolve(last);
      });
      frame.src = "about:blank";
    });
  };

  return { Launcher: Launcher };
});
