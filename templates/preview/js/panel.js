/* The side panel: what the content reports, live. Every API call with its result and error, or every
 * LRS request with its answer; the current status, score, location and saved-state size against its
 * limit; the number of errors. Words come from templates/preview/strings.yaml. */
Packager.define("lms.panel", [], function () {
  "use strict";

  var LIMITS = { scorm12: { location: 255, suspend: 4096 }, scorm2004: { location: 1000, suspend: 64000 },
                 xapi: { location: 255, suspend: 4096 } };
  /* The data model's names for what the panel shows, by SCORM version. */
  var FIELDS = {
    scorm12: { status: ["cmi.core.lesson_status"], score: "cmi.core.score.raw", passing: "cmi.student_data.mastery_score",
               location: "cmi.core.lesson_location", entry: "cmi.core.entry", mode: "cmi.core.lesson_mode", credit: "cmi.core.credit" },
    scorm2004: { status: ["cmi.completion_status", "cmi.success_status"], score: "cmi.score.raw", passing: "cmi.scaled_passing_score",
                 location: "cmi.location", entry: "cmi.entry", mode: "cmi.mode", credit: "cmi.credit" }
  };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function Panel(strings) {
    this.t = strings;
    this.log = document.getElementById("log");
    this.statusList = document.getElementById("status");
    this.count = document.getElementById("log-count");
    this.announce = document.getElementById("announce");
    this.toggleButton = document.getElementById("panel-toggle");
    this.begin({ format: "", attempt: "" });
  }

  Panel.prototype.begin = function (info) {
    this.info = info;
    this.entries = 0;
    this.errors = 0;
    this.summary = { statements: 0, refused: 0, verbs: {}, bookmark: null };
    this.log.textContent = "";
    var scorm = !info.format || info.format.indexOf("scorm") === 0;
    this.render(scorm ? this.scormRows(null) : this.xapiRows());
    this.counted();
  };

  Panel.prototype.counted = function () {
    this.count.textContent = "(" + this.entries + (this.errors ? " · " + this.errors + " " + this.t.errors : "") + ")";
  };

  Panel.prototype.add = function (text, failed, detail) {
    var item = el("li", undefined, failed ? "entry failed" : "entry");
    item.setAttribute("dir", "ltr"); /* API calls and statements read left to right, in an Arabic page too */
    item.appendChild(el("code", text));
    if (detail) item.appendChild(el("span", detail, "detail"));
    this.log.appendChild(item);
    this.entries++;
    if (failed) {
      this.errors++;
      this.say(text + " " + (detail || ""));
    }
    this.counted();
    this.log.scrollTop = this.log.scrollHeight;
  };

  Panel.prototype.say = function (text) { this.announce.textContent = text; };

  /* A SCORM call from the LMS API, and the status it leaves. */
  Panel.prototype.call = function (entry, api) {
    var args = entry.args.map(function (a) { return JSON.stringify(a.length > 80 ? a.slice(0, 77) + "…" : a); }).join(", ");
    /* SCORM 2004's 403 answers a read of what has no value yet: information, not a fault */
    var failed = entry.error !== "0" && !(entry.error === "403" && /GetValue$/.test(entry.method) && this.info.format === "scorm2004");
    var text = entry.method + "(" + args + ") → " + JSON.stringify(entry.result);
    var detail = entry.error !== "0" ? entry.error + " " + api.version.strings[entry.error] + ": " + entry.diagnostic : "";
    this.add(text, failed, detail);
    this.render(this.scormRows(api));
  };

  Panel.prototype.scormRows = function (api) {
    var t = this.t, format = LIMITS[this.info.format] ? this.info.format : "scorm12";
    var v = api ? api.model.values : {}, f = FIELDS[format], limits = LIMITS[format];
    var state = !api ? t.not_started : api.state === "finished" ? t.finished : api.state === "running" ? t.running : t.not_started;
    var status = f.status.map(function (name) { return v[name]; }).filter(Boolean).join(" · ");
    return [
      [t.status, status || t.none],
      [t.score, v[f.score] ? v[f.score] + " (" + (v[f.passing] || "–") + ")" : t.none],
      [t.location, size(v[f.location], limits.location, t), "location"],
      [t.suspend, size(v["cmi.suspend_data"], limits.suspend, t), "suspend"],
      [t.entry, (v[f.entry] || "\"\"") + " · " + (v[f.mode] || "") + " · " + (v[f.credit] || "")],
      [t.session, state]
    ];
  };

  function size(value, limit, t) {
    return (value || "").length + " / " + limit + " " + t.characters;
  }

  /* An LRS request of the content (statements, State, profiles) and its answer. */
  Panel.prototype.lrs = function (event) {
    /* a document not there yet (GET answered 404) is an answer, not an error */
    var failed = event.status >= 400 && !(event.method === "GET" && event.status === 404 && !event.statement);
    if (event.statement) {
      this.statement(event, failed);
    } else {
      var what = event.method + " " + event.resource + (event.query.stateId ? " " + event.query.stateId : "") +
        (event.query.profileId ? " " + event.query.profileId : "");
      this.add(what + " → " + event.status, failed, event.reason);
      if (event.query.stateId === "bookmark" && event.document && !failed) this.bookmark(event.document);
    }
    this.render(this.xapiRows());
  };

  Panel.prototype.statement = function (event, failed) {
    var s = event.statement, verb = ((s.verb || {}).id || "?").split("/").pop();
    var object = ((s.object || {}).id || "?").split("/").slice(-2).join("/");
    var result = s.result && s.result.score ? " " + s.result.score.raw + "/" + s.result.score.max : "";
    this.add(verb + " " + object + result + " → " + event.status, failed, event.reason);
    this.summary[failed ? "refused" : "statements"]++;
    if (!failed && /^(completed|passed|failed)$/.test(verb)) this.summary.verbs[object] = verb + result;
  };

  Panel.prototype.bookmark = function (text) {
    try { this.summary.bookmark = JSON.parse(text); } catch (e) { this.summary.bookmark = null; }
  };

  Panel.prototype.xapiRows = function () {
    var t = this.t, s = this.summary, b = s.bookmark || {}, limits = LIMITS.xapi;
    var outcomes = Object.keys(s.verbs).map(function (k) { return k + ": " + s.verbs[k]; }).join("; ");
    return [
      [t.statements, s.statements + " · " + s.refused + " " + t.refused],
      [t.status, outcomes || t.none],
      [t.location, size(b.location, limits.location, t), "location"],
      [t.suspend, size(b.suspend, limits.suspend, t), "suspend"],
      [t.registration, this.info.registration || t.none]
    ];
  };

  Panel.prototype.render = function (rows) {
    var list = this.statusList;
    list.textContent = "";
    rows.forEach(function (row) {
      var term = el("dt", row[0]), value = el("dd", row[1]);
      if (row[2]) value.setAttribute("data-field", row[2]);
      list.appendChild(term);
      list.appendChild(value);
    });
  };

  Panel.prototype.toggle = function () {
    var open = this.toggleButton.getAttribute("aria-expanded") !== "true";
    this.toggleButton.setAttribute("aria-expanded", String(open));
    this.toggleButton.textContent = this.toggleButton.getAttribute(open ? "data-hide" : "data-show");
    document.getElementById("panel-body").hidden = !open;
    document.getElementById("shell").classList.toggle("panel-closed", !open);
  };

  Panel.prototype.problems = function (problems) {
    var box = document.getElementById("problems"), list = document.getElementById("problem-list");
    list.textContent = "";
    (problems || []).forEach(function (p) {
      list.appendChild(el("li", p.file + (p.line ? ":" + p.line : "") + ": " + p.message)).setAttribute("dir", "auto");
    });
    box.hidden = !(problems && problems.length);
  };

  return { Panel: Panel };
});
