/* cmi5 adapter of the tracking interface (see connect.js): the AU side of a cmi5 launch
 * (endpoint, fetch, actor, registration, activityId in the launch URL), on top of the xAPI adapter.
 *
 * Written here rather than with @xapi/cmi5: that library sends statements directly (no persisted
 * queue, no keepalive on pagehide) and its browser build bundles an HTTP client larger than this
 * whole runtime; the cmi5 rules on top of the queue are a few dozen lines.
 */
Packager.define("cmi5", ["core", "lrs", "xapi"], function (core, lrs, xapi) {
  "use strict";

  var Xapi = xapi.Xapi;

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
      return Promise.all([self.getState("LMS.LaunchData"), self.getState(xapi.STATE_ID)]);
    }).then(function (found) {
      self.launch = found[0] || {};
      self.bookmark = found[1] || {};
      self.mode = ({ Browse: "browse", Review: "review" })[self.launch.launchMode] || "normal";
      if (typeof self.launch.masteryScore === "number") self.masteryScore = self.launch.masteryScore * 100;
      self.send(self.statement("initialized", self.partActivity(), null, self.context(false, true)));
      return self.info();
    }).catch(function (error) {
      /* Without the token nothing can be reported: say so, and let the learner read. */
      core.notice();
      core.warn("cmi5 launch failed: " + error.message);
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
    if (this.mode !== "normal" || this.bookmark.sentCompleted) return;
    var moveOn = this.satisfies("Completed");
    this.bookmark.sentCompleted = true;
    this.bookmark.status = "completed";
    this.send(this.statement("completed", this.partActivity(), { completion: true, duration: lrs.isoDuration(Date.now() - this.started) },
                             this.context(false, true, moveOn)));
  };

  Cmi5.prototype.scored = function (raw, passed) {
    if (this.mode !== "normal" || this.bookmark.sentPassed) return; /* at most one passed; no failed after passed */
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
    this.send(this.statement("terminated", this.partActivity(), { duration: lrs.isoDuration(Date.now() - this.started) },
                             this.context(false, true)));
    this.terminated = true;
    this.putBookmark(true);
    if (this.queue) this.queue.flushOnLeave();
  };

  return { Cmi5: Cmi5 };
});
