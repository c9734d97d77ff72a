/* xAPI and cmi5 adapters of the tracking interface (see tracking.js), following the statement
 * profile in each page's data (packager/profile.py) and the README.
 *
 * - Launch: TinCan launch (endpoint, auth, actor, registration, activity_id in the URL) or cmi5
 *   (endpoint, fetch, actor, registration, activityId). Nothing about the LRS is in the package.
 * - Statements get their id (UUID v4) here, so a retry never duplicates: each is sent with
 *   PUT statements?statementId=..., and an LRS that already has it answers 204 or 409.
 * - A queue in localStorage survives reloads; it flushes in order, backs off exponentially
 *   (1 s to 60 s) while the LRS is unreachable, and on pagehide sends what is left with
 *   fetch keepalive (kept in the queue until acknowledged, so the next page resends it).
 * - Bookmark (location, saved state, completion) through the State API, stateId "bookmark".
 *
 * cmi5 is written here rather than with @xapi/cmi5: that library sends statements directly
 * (no persisted queue, no keepalive on pagehide) and its browser build bundles an HTTP client
 * larger than this whole runtime; the cmi5 rules on top of this queue are a few dozen lines.
 */
(function (P) {
  "use strict";

  var STATE_ID = "bookmark";
  var MAX_DELAY = 60000;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* ISO 8601 duration, e.g. PT1H2M3.45S */
  P.isoDuration = function (ms) {
    var centis = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(centis / 360000), m = Math.floor(centis / 6000) % 60, s = (centis % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  };

  /* TinCan launch may give actor values as one-element arrays (0.95 style): take the value. */
  function agent(json) {
    var raw = JSON.parse(json), actor = { objectType: "Agent" };
    Object.keys(raw).forEach(function (k) {
      if (k === "objectType") return;
      actor[k] = Array.isArray(raw[k]) ? raw[k][0] : raw[k];
    });
    return actor;
  }

  function Lrs(endpoint, auth) {
    this.endpoint = endpoint.replace(/\/?$/, "/");
    this.auth = auth;
  }
  Lrs.prototype.request = function (method, resource, query, body, keepalive) {
    var headers = { "X-Experience-API-Version": "1.0.3", "Authorization": this.auth };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(this.endpoint + resource + "?" + new URLSearchParams(query).toString(), {
      method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
      keepalive: !!keepalive, credentials: "omit", cache: "no-store"
    });
  };

  function Queue(lrs, key) {
    this.lrs = lrs;
    this.key = key;
    this.delay = 0;
    this.timer = null;
    this.busy = false;
    try { this.items = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { this.items = []; }
  }
  Queue.prototype.persist = function () {
    try { localStorage.setItem(this.key, JSON.stringify(this.items)); } catch (e) { /* storage off: memory only */ }
  };
  Queue.prototype.push = function (statement) {
    this.items.push(statement);
    this.persist();
    this.flush();
  };
  Queue.prototype.flush = function () {
    var self = this;
    if (this.busy || this.timer || !this.items.length) return;
    this.busy = true;
    var statement = this.items[0];
    this.lrs.request("PUT", "statements", { statementId: statement.id }, statement).then(function (response) {
      self.busy = false;
      if (response.ok || response.status === 409) {
        self.done(statement);
      } else if (response.status >= 500 || response.status === 429 || response.status === 408) {
        self.retry();
      } else {
        P.notice(); /* the LRS refuses this statement for good (4xx): keep the others going */
        if (window.console) console.warn("LRS refused statement " + statement.id + ": " + response.status);
        self.done(statement);
      }
    }, function () {
      self.busy = false;
      self.retry();
    });
  };
  Queue.prototype.done = function (statement) {
    this.items = this.items.filter(function (s) { return s.id !== statement.id; });
    this.persist();
    this.delay = 0;
    this.flush();
  };
  Queue.prototype.retry = function () {
    var self = this;
    this.delay = Math.min(MAX_DELAY, this.delay ? this.delay * 2 : 1000);
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, this.delay);
  };
  Queue.prototype.flushOnLeave = function () {
    var lrs = this.lrs;
    this.items.forEach(function (s) { lrs.request("PUT", "statements", { statementId: s.id }, s, true).catch(function () {}); });
  };

  /* ---- xAPI (TinCan launch) ---------------------------------------------------------------- */

  function Xapi(data, params) {
    this.data = data;
    this.a = data.activity;
    this.v = data.profile.verbs;
    this.types = data.profile.types;
    this.lang = data.lang;
    this.actor = agent(params.get("actor"));
    this.registration = params.get("registration") || null;
    this.courseIri = params.get("activity_id") || this.a.course;
    this.lrs = new Lrs(params.get("endpoint"), params.get("auth"));
    this.started = Date.now();
    this.lastTime = 0;
    this.bookmark = {};
    this.ended = false;
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
    var display = {};
    display["en-US"] = verb;
    /* Strictly increasing timestamps: statements made in the same millisecond keep their order. */
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    var statement = {
      id: uuid(), actor: this.actor, verb: { id: this.v[verb], display: display },
      object: object, context: context, timestamp: new Date(this.lastTime).toISOString()
    };
    if (result) statement.result = result;
    return statement;
  };

  Xapi.prototype.send = function (statement) {
    if (!this.queue) this.queue = new Queue(this.lrs, "packager:xapi-queue:" + this.lrs.endpoint + "|" + JSON.stringify(this.actor));
    this.queue.push(statement);
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
   * leaving, the last bookmark goes at once with keepalive. Failures are retried at the next commit:
   * the statement queue is what must never lose anything. */
  Xapi.prototype.putBookmark = function (keepalive) {
    var self = this;
    var send = function (body, alive) {
      return self.lrs.request("PUT", "activities/state", self.stateQuery(STATE_ID), body, alive).catch(function () {});
    };
    if (keepalive) return send(this.bookmark, true);
    if (this.writing) {
      this.rewrite = true;
      return this.writing;
    }
    this.writing = send(JSON.parse(JSON.stringify(this.bookmark)), false).then(function () {
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
      learner: this.actor.name || "", masteryScore: this.masteryScore === undefined ? null : this.masteryScore,
      status: b.status || "", reviewOnly: !!this.reviewOnly
    };
  };

  Xapi.prototype.start = function () {
    var self = this;
    return this.getState(STATE_ID).then(function (bookmark) {
      self.bookmark = bookmark || {};
      var info = self.info();
      self.send(self.statement("initialized", self.partActivity(), null, self.context(false)));
      if (info.entry === "resume") self.send(self.statement("resumed", self.partActivity(), null, self.context(false)));
      return info;
    });
  };

  Xapi.prototype.pageViewed = function (pageId) {
    var title = document.getElementById("title-" + pageId);
    this.send(this.statement("experienced", this.activity(this.a.pages[pageId], this.types.page, title ? title.textContent : pageId),
                             null, this.context(true)));
  };

  Xapi.prototype.answered = function (item, response, correct, latencyMs, words) {
    var report = P.xapiInteraction(item, response, this.lang, words);
    var object = { objectType: "Activity", id: this.a.questions[item.id], definition: report.definition };
    this.send(this.statement("answered", object,
                             { response: report.response, success: correct, duration: P.isoDuration(latencyMs) },
                             this.context(true)));
  };

  Xapi.prototype.completed = function () {
    this.bookmark.status = "completed";
    this.send(this.statement("completed", this.partActivity(),
                             { completion: true, duration: P.isoDuration(Date.now() - this.started) }, this.context(false)));
  };

  Xapi.prototype.scoreResult = function (raw, passed) {
    return {
      score: { scaled: raw / 100, raw: raw, min: 0, max: 100 }, success: passed, completion: true,
      duration: P.isoDuration(Date.now() - this.started)
    };
  };
  Xapi.prototype.scored = function (raw, passed) {
    this.bookmark.status = passed ? "passed" : "failed";
    this.send(this.statement(passed ? "passed" : "failed", this.partActivity(), this.scoreResult(raw, passed), this.context(false)));
  };

  Xapi.prototype.save = function (location, suspend) {
    this.bookmark.location = location;
    this.bookmark.suspend = suspend;
  };
  Xapi.prototype.commit = function () {
    this.putBookmark(false);
    if (this.queue) this.queue.flush();
  };
  Xapi.prototype.end = function (done) {
    if (this.ended) return;
    this.ended = true;
    var duration = { duration: P.isoDuration(Date.now() - this.started) };
    if (!done) this.send(this.statement("suspended", this.partActivity(), duration, this.context(false)));
    this.send(this.statement("terminated", this.partActivity(), duration, this.context(false)));
    this.putBookmark(true);
    if (this.queue) this.queue.flushOnLeave();
  };

  /* ---- cmi5 -------------------------------------------------------------------------------- */

  function Cmi5(data, params) {
    Xapi.call(this, data, params);
    this.activityId = params.get("activityId");
    this.fetchUrl = params.get("fetch");
    this.courseIri = this.a.course;
  }
  Cmi5.prototype = Object.create(Xapi.prototype);

  Cmi5.prototype.objectId = function () { return this.activityId; };

  /* cmi5 context: the LMS's contextTemplate (session id, grouping), the registration, and for the
   * cmi5-defined statements the cmi5 category (and moveon for the one that satisfies moveOn). */
  Cmi5.prototype.context = function (inside, defined, moveOn) {
    var context = JSON.parse(JSON.stringify(this.launch.contextTemplate || {}));
    var activities = context.contextActivities = context.contextActivities || {};
    if (inside) {
      activities.parent = (activities.parent || []).concat([this.partActivity()]);
      activities.grouping = (activities.grouping || []).concat([this.courseActivity()]);
    }
    if (defined) {
      activities.category = (activities.category || []).concat([{ id: this.data.profile.cmi5.category }]);
      if (moveOn) activities.category.push({ id: this.data.profile.cmi5.moveon });
    }
    context.registration = this.registration;
    context.language = this.lang;
    return context;
  };

  Cmi5.prototype.start = function () {
    var self = this;
    return fetch(this.fetchUrl, { method: "POST", credentials: "omit", cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("fetch URL answered " + r.status);
      return r.json();
    }).then(function (token) {
      if (!token["auth-token"]) throw new Error(token["error-text"] || "no auth-token");
      self.lrs.auth = "Basic " + token["auth-token"];
      return Promise.all([self.getState("LMS.LaunchData"), self.getState(STATE_ID)]);
    }).then(function (found) {
      self.launch = found[0] || {};
      self.bookmark = found[1] || {};
      self.reviewOnly = self.launch.launchMode && self.launch.launchMode !== "Normal";
      if (typeof self.launch.masteryScore === "number") self.masteryScore = self.launch.masteryScore * 100;
      self.send(self.statement("initialized", self.partActivity(), null, self.context(false, true)));
      return self.info();
    }).catch(function (error) {
      /* Without the token nothing can be reported: say so, and let the learner read. */
      P.notice();
      if (window.console) console.warn("cmi5 launch failed: " + error.message);
      self.dead = true;
      return self.info();
    });
  };

  Cmi5.prototype.send = function (statement) {
    if (!this.dead && !this.terminated) Xapi.prototype.send.call(this, statement);
  };

  Cmi5.prototype.satisfies = function (event) {
    var moveOn = this.launch.moveOn || "NotApplicable", b = this.bookmark;
    if (moveOn === "Completed" || moveOn === "Passed") return moveOn === event;
    if (moveOn === "CompletedOrPassed") return !(b.sentCompleted || b.sentPassed);
    if (moveOn === "CompletedAndPassed") return event === "Completed" ? !!b.sentPassed : !!b.sentCompleted;
    return false;
  };

  Cmi5.prototype.completed = function () {
    if (this.reviewOnly || this.bookmark.sentCompleted) return;
    var moveOn = this.satisfies("Completed");
    this.bookmark.sentCompleted = true;
    this.bookmark.status = "completed";
    this.send(this.statement("completed", this.partActivity(), { completion: true, duration: P.isoDuration(Date.now() - this.started) },
                             this.context(false, true, moveOn)));
  };

  Cmi5.prototype.scored = function (raw, passed) {
    if (this.reviewOnly || this.bookmark.sentPassed) return; /* at most one passed; no failed after passed */
    var moveOn = passed && this.satisfies("Passed");
    var context = this.context(false, true, moveOn);
    if (this.masteryScore !== undefined) {
      context.extensions = context.extensions || {};
      context.extensions[this.data.profile.cmi5.mastery] = this.masteryScore / 100;
    }
    if (passed) this.bookmark.sentPassed = true;
    this.bookmark.status = passed ? "passed" : "failed";
    var result = this.scoreResult(raw, passed);
    delete result.completion; /* cmi5: passed/failed say nothing of completion */
    this.send(this.statement(passed ? "passed" : "failed", this.partActivity(), result, context));
  };

  Cmi5.prototype.end = function () {
    if (this.ended || this.dead) return;
    this.ended = true;
    this.send(this.statement("terminated", this.partActivity(), { duration: P.isoDuration(Date.now() - this.started) },
                             this.context(false, true)));
    this.terminated = true;
    this.putBookmark(true);
    if (this.queue) this.queue.flushOnLeave();
  };

  P.adapters.Xapi = Xapi;
  P.adapters.Cmi5 = Cmi5;
})(window.Packager = window.Packager || {});
