/* xAPI adapter of the tracking interface (see connect.js), for a TinCan launch: endpoint, auth,
 * actor, registration and activity_id come from the launch URL; nothing about the LRS is in the
 * package. Statements follow the statement profile in each page's data (packager/spec/xapi.py).
 * Where the learner stopped is a bookmark (location, saved state, completion) in the State API,
 * stateId "bookmark". */
Packager.define("xapi", ["core", "lrs", "interactions"], function (core, lrs, interactions) {
  "use strict";

  var STATE_ID = "bookmark";
  var LIMITS = { location: 255, suspend: 4096 };

  /* TinCan launch may give actor values as one-element arrays (0.95 style): take the value, and
   * nothing else changes (no objectType added: the actor is the launch's). */
  function agent(json) {
    var raw = JSON.parse(json), actor = {};
    Object.keys(raw).forEach(function (k) { actor[k] = Array.isArray(raw[k]) ? raw[k][0] : raw[k]; });
    return actor;
  }

  function Xapi(data, params) {
    this.data = data;
    this.a = data.activity;
    this.v = data.profile.verbs;
    this.types = data.profile.types;
    this.lang = data.lang;
    this.actor = agent(params.get("actor"));
    this.registration = params.get("registration") || null;
    this.courseIri = params.get("activity_id") || this.a.course;
    this.limits = LIMITS;
    this.lrs = new lrs.Lrs(params.get("endpoint"), params.get("auth"));
    this.started = Date.now();
    this.lastTime = 0;
    this.bookmark = {};
    this.written = "{}"; /* the bookmark as last sent to the State API */
    this.ended = false;
    this.queueKey = "xapi|" + (this.registration || "") + "|" + lrs.uuid(); /* this page load's own queue */
  }

  Xapi.prototype.objectId = function () { return this.a.part; };

  Xapi.prototype.activity = function (id, type, title) {
    var name = {};
    name[this.lang] = title;
    return { objectType: "Activity", id: id, definition: { type: type, name: name } };
  };
  Xapi.prototype.partActivity = function () {
    return this.activity(this.objectId(), this.types[this.data.kind === "quiz" ? "quiz" : "module"], this.a.title);
  };
  Xapi.prototype.courseActivity = function () {
    return this.activity(this.courseIri, this.types.course, this.a.courseTitle);
  };

  /* The context of a statement: about the part itself (parent: the course) or about something
   * inside it (parent: the part, grouping: the course). */
  Xapi.prototype.context = function (inside) {
    var context = {
      language: this.lang,
      platform: "packager runtime",
      contextActivities: inside
        ? { parent: [this.partActivity()], grouping: [this.courseActivity()] }
        : { parent: [this.courseActivity()] }
    };
    if (this.registration) context.registration = this.registration;
    return context;
  };

  Xapi.prototype.statement = function (verb, object, result, context) {
    /* en-US and en: LMSs read one or the other (Open edX's cmi5 XBlock reads en) */
    var display = { "en-US": verb, "en": verb };
    /* Strictly increasing timestamps: statements made in the same millisecond keep their order. */
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    var statement = {
      id: lrs.uuid(), actor: this.actor, verb: { id: this.v[verb], display: display },
      object: object, context: context, timestamp: new Date(this.lastTime).toISOString()
    };
    if (result) statement.result = result;
    return statement;
  };

  Xapi.prototype.ensureQueue = function () {
    if (!this.queue) this.queue = new lrs.Queue(this.lrs, this.queueKey);
    return this.queue;
  };
  Xapi.prototype.send = function (statement) {
    this.ensureQueue().push(statement);
  };
  /* Queues earlier launches left behind go with their own credentials (lrs.js). */
  Xapi.prototype.settleLeftovers = function () {
    lrs.leftovers(this.queueKey).forEach(lrs.drain);
  };

  Xapi.prototype.stateQuery = function (stateId, activityId) {
    var query = { activityId: activityId || this.objectId(), agent: JSON.stringify(this.actor), stateId: stateId };
    if (this.registration) query.registration = this.registration;
    return query;
  };
  Xapi.prototype.getState = function (stateId, activityId) {
    return this.lrs.request("GET", "activities/state", this.stateQuery(stateId, activityId)).then(function (r) {
      return r.ok ? r.json() : null;
    }).catch(function () { return null; });
  };
  /* One bookmark write in flight at a time, so writes cannot overtake each other and leave an old
   * bookmark behind; a commit during a write sends the latest bookmark when that write ends. On
   * leaving, the last bookmark goes at once with keepalive if it changed since the last write. Failures
   * are retried at the next commit: the statement queue is what must never lose anything. */
  Xapi.prototype.putBookmark = function (keepalive) {
    var self = this;
    var send = function (body, alive) {
      self.written = JSON.stringify(body);
      return self.lrs.request("PUT", "activities/state", self.stateQuery(STATE_ID), body, alive).catch(function () {});
    };
    if (keepalive) return JSON.stringify(this.bookmark) === this.written ? null : send(this.bookmark, true);
    if (this.writing) {
      this.rewrite = true;
      return this.writing;
    }
    this.writing = send(JSON.parse(JSON.stringify(this.bookmark)), this.keepWrites).then(function () {
      self.writing = null;
      if (self.rewrite) {
        self.rewrite = false;
        self.putBookmark(false);
      }
    });
    return this.writing;
  };

  Xapi.prototype.info = function () {
    var b = this.bookmark;
    return {
      entry: b.suspend ? "resume" : "ab-initio", location: b.location || "", suspend: b.suspend || "",
      learner: this.actor.name || "", mastery: this.mastery || null,
      status: b.status || "", mode: this.mode || "normal"
    };
  };

  Xapi.prototype.start = function () {
    var self = this;
    return this.getState(STATE_ID).then(function (bookmark) {
      self.bookmark = bookmark || {};
      self.written = JSON.stringify(self.bookmark);
      var info = self.info();
      self.send(self.statement("initialized", self.partActivity(), null, self.context(false)));
      if (info.entry === "resume") self.send(self.statement("resumed", self.partActivity(), null, self.context(false)));
      self.settleLeftovers();
      return info;
    });
  };

  Xapi.prototype.restored = function () {};

  /* Whether a bookmark write outlives the page (keepalive). xAPI: no, the write on leaving
   * supersedes one cut short; cmi5 (cmi5.js): yes. */
  Xapi.prototype.keepWrites = false;

  Xapi.prototype.pageViewed = function (pageId) {
    var title = document.getElementById("title-" + pageId);
    this.send(this.statement("experienced", this.activity(this.a.pages[pageId], this.types.page, title ? title.textContent : pageId),
                             null, this.context(true)));
  };

  Xapi.prototype.answered = function (item, response, correct, latencyMs, words) {
    var report = interactions.xapiInteraction(item, response, this.lang, words);
    var object = { objectType: "Activity", id: this.a.questions[item.id], definition: report.definition };
    this.send(this.statement("answered", object,
                             { response: report.response, success: correct, duration: lrs.isoDuration(latencyMs) },
                             this.context(true)));
  };

  Xapi.prototype.completed = function () {
    this.bookmark.status = "completed";
    this.send(this.statement("completed", this.partActivity(),
                             { completion: true, duration: lrs.isoDuration(Date.now() - this.started) }, this.context(false)));
  };

  /* score: {raw (0..100, rounded down), scaled (correct / drawn, exact), passed} */
  Xapi.prototype.scoreResult = function (score) {
    return {
      score: { scaled: score.scaled, raw: score.raw, min: 0, max: 100 }, success: score.passed, completion: true,
      duration: lrs.isoDuration(Date.now() - this.started)
    };
  };
  Xapi.prototype.scored = function (score) {
    this.bookmark.status = score.passed ? "passed" : "failed";
    this.send(this.statement(score.passed ? "passed" : "failed", this.partActivity(), this.scoreResult(score), this.context(false)));
  };
  Xapi.prototype.retryAllowed = function () { return true; };

  Xapi.prototype.save = function (location, suspend) {
    this.bookmark.location = location;
    this.bookmark.suspend = suspend;
  };
  Xapi.prototype.commit = function () {
    this.putBookmark(false);
    if (this.queue) this.queue.flush();
  };
  /* Leaving (pagehide): the bookmark if it changed, then the last statements and whatever is still
   * queued, in order, in one keepalive request; nothing after. */
  Xapi.prototype.end = function (done) {
    if (this.ended) return;
    this.ended = true;
    this.putBookmark(true);
    this.ensureQueue().close(this.lastStatements(done));
  };
  Xapi.prototype.lastStatements = function (done) {
    var duration = { duration: lrs.isoDuration(Date.now() - this.started) };
    var last = done ? [] : [this.statement("suspended", this.partActivity(), duration, this.context(false))];
    return last.concat([this.statement("terminated", this.partActivity(), duration, this.context(false))]);
  };

  return { Xapi: Xapi, agent: agent, STATE_ID: STATE_ID };
});
