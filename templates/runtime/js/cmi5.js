/* cmi5 adapter of the tracking interface (see connect.js): the AU side of cmi5 (the "Quartz"
 * spec), as a conformant LMS enforces it (ADL's CATAPULT player is the reference). The README's
 * "cmi5 profile" lists the rules with their requirement ids; in order:
 *
 * - Launch: endpoint, fetch, actor, registration, activityId from the URL, the actor used exactly
 *   as given (8.1.3.0-3). POST the fetch URL once per launch (8.2.3.0-1; the token is kept in
 *   sessionStorage for a reload of the same launch), GET LMS.LaunchData (10.2.1.0-4), GET the
 *   cmi5LearnerPreferences agent profile (11.0.0.0-3), then the AU's bookmark, and only then the
 *   first statement, initialized (9.3.0.0-4). If any of it fails, the page works without
 *   reporting and says so: the LMS refused the launch.
 * - Every statement's context is the LMS's contextTemplate, added to, never overwritten
 *   (10.2.1.0-6/-7), with the registration as given (9.6.1.0-1); cmi5-defined statements have the
 *   activityId as object (8.1.5.0-6) and the cmi5 category; completed, passed and failed also the
 *   moveOn category (9.6.2.2-1), passed and failed the masteryScore extension as given (9.6.3.2-2).
 * - completed once per registration (9.3.0.0-6); one of passed/failed per session (9.3.0.0-3) and
 *   nothing after passed in the registration (9.3.0.0-7/-8); passed only when the score reaches
 *   masteryScore, compared exactly (9.3.4.0-2, 9.3.5.0-2); none of them in Browse or Review
 *   (10.2.2.0-2/-3). Whether the registration has them already is asked of the LRS at launch.
 * - terminated at most once, and last (9.3.0.0-5): nothing after it, not even a State write
 *   (8.1.2.0-2). The LMS processes concurrent requests in any order, so terminated is only ever
 *   sent when no other request of the session is in flight:
 *   - the exit control (offered when the LMS gives a returnURL, 10.2.6.0-1) writes the bookmark,
 *     waits until every request is answered, sends terminated, waits for its answer, then goes to
 *     returnURL;
 *   - leaving otherwise (pagehide: tab closed, navigation) sends terminated with what is still
 *     queued in one keepalive POST if nothing is in flight. If a statement or bookmark write is
 *     still in flight (bookmark writes are keepalive: leaving does not cut them short), or the
 *     bookmark changed since it was last written (it is written then, so that the learner's last
 *     answers are kept), the page cannot wait: it sends what is queued without terminated, and the
 *     LMS records the session as abandoned (9.3.6.0-1). Of "send terminated" (9.3.8.0-1) and
 *     "terminated is last" (9.3.0.0-5, 9.3.8.0-2), only the second can then be kept, and it is
 *     the one an LMS enforces: it refuses what comes after terminated.
 *
 * Written here rather than with @xapi/cmi5: that library sends statements directly (no persisted
 * queue, no keepalive on pagehide) and its browser build bundles an HTTP client larger than this
 * whole runtime.
 */
Packager.define("cmi5", ["core", "lrs", "xapi"], function (core, lrs, xapi) {
  "use strict";

  var Xapi = xapi.Xapi;
  var PREFERENCES = "cmi5LearnerPreferences";

  function Cmi5(data, params) {
    Xapi.call(this, data, params);
    this.actor = JSON.parse(params.get("actor")); /* exactly as the LMS gave it */
    this.activityId = params.get("activityId");
    this.fetchUrl = params.get("fetch");
    this.courseIri = this.a.course;
    this.launch = null;
    this.before = {}; /* completed / passed already recorded in this registration (asked at launch) */
    this.dead = false;
    this.judged = false; /* passed or failed sent in this session */
  }
  Cmi5.prototype = Object.create(Xapi.prototype);

  Cmi5.prototype.objectId = function () { return this.activityId; };

  /* The context: the LMS's contextTemplate (session id, publisher id in grouping) added to, never
   * overwritten; the cmi5 category on cmi5-defined statements, moveOn on completed/passed/failed. */
  Cmi5.prototype.context = function (inside, defined, moveOn) {
    var context = JSON.parse(JSON.stringify(this.launch.contextTemplate));
    var activities = context.contextActivities = context.contextActivities || {};
    if (inside) {
      activities.parent = (activities.parent || []).concat([this.partActivity()]);
      activities.grouping = (activities.grouping || []).concat([this.courseActivity()]);
    }
    if (defined) {
      activities.category = (activities.category || []).concat([{ id: this.data.profile.cmi5.category }]);
      if (moveOn) activities.category.push({ id: this.data.profile.cmi5.moveon });
    }
    if (!("registration" in context)) context.registration = this.registration;
    if (!("language" in context)) context.language = this.lang;
    return context;
  };

  /* A document from the LRS: its JSON, null when absent (if `optional`), an error otherwise. */
  Cmi5.prototype.document = function (resource, query, optional) {
    return this.lrs.request("GET", resource, query).then(function (r) {
      if (r.status === 404 && optional) return null;
      if (!r.ok) throw new Error("GET " + resource + " answered " + r.status);
      return r.json();
    });
  };

  /* The auth token: POST the fetch URL once per launch; a reload of the same launch reuses it. */
  Cmi5.prototype.token = function () {
    var key = "packager:cmi5-token:" + this.fetchUrl, kept = null;
    try { kept = sessionStorage.getItem(key); } catch (e) { /* storage off */ }
    if (kept === "ended") return Promise.reject(new Error("this launch's session has ended"));
    if (kept) return Promise.resolve(kept);
    return fetch(this.fetchUrl, { method: "POST", credentials: "omit", cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("fetch URL answered " + r.status);
      return r.json();
    }).then(function (answer) {
      if (!answer["auth-token"]) throw new Error("fetch URL: " + (answer["error-text"] || "no auth-token"));
      try { sessionStorage.setItem(key, answer["auth-token"]); } catch (e) { /* storage off */ }
      return answer["auth-token"];
    });
  };

  Cmi5.prototype.start = function () {
    var self = this;
    return this.token().then(function (token) {
      self.lrs.auth = "Basic " + token;
      return self.document("activities/state", self.stateQuery("LMS.LaunchData"));
    }).then(function (launch) {
      self.useLaunchData(launch);
      return self.document("agents/profile", { profileId: PREFERENCES, agent: JSON.stringify(self.actor) }, true);
    }).then(function (preferences) {
      self.usePreferences(preferences || {});
      return Promise.all([self.getState(xapi.STATE_ID), self.recorded("completed"), self.recorded("passed")]);
    }).then(function (found) {
      var bookmark = found[0];
      self.before = { completed: found[1], passed: found[2] };
      self.bookmark = bookmark || {};
      self.written = JSON.stringify(self.bookmark);
      self.send(self.statement("initialized", self.partActivity(), null, self.context(false, true)));
      self.settleLeftovers();
      self.offerExit();
      return self.info();
    }).catch(function (error) {
      /* Nothing can be reported: the page keeps working and says so. */
      self.dead = true;
      core.notice("refused");
      core.warn("cmi5 launch failed: " + error.message);
      return self.info();
    });
  };

  /* Whether this registration already has `verb` for this AU: the LRS is the record (a bookmark
   * write can be cut short when the page closes). An LMS that cannot answer (an error, or an answer
   * that is not a StatementResult: Open edX's cmi5 XBlock answers {"success": true}) leaves the
   * bookmark as the only record, and the launch goes on. */
  Cmi5.prototype.recorded = function (verb) {
    var query = { registration: this.registration, activity: this.activityId, verb: this.v[verb], limit: "1" };
    return this.document("statements", query).then(function (found) {
      if (!found || !Array.isArray(found.statements)) throw new Error("the answer is not a StatementResult");
      return found.statements.length > 0;
    }).catch(function (error) {
      core.warn("cmi5: the LMS could not say whether " + verb + " is recorded (" + error.message + ")");
      return false;
    });
  };

  Cmi5.prototype.useLaunchData = function (launch) {
    if (!launch || typeof launch.contextTemplate !== "object") throw new Error("LMS.LaunchData has no contextTemplate");
    this.launch = launch;
    var session = (launch.contextTemplate.extensions || {})[this.data.profile.cmi5.session] || "";
    this.queueKey = "cmi5|" + this.registration + "|" + session; /* one queue per registration and session */
    this.mode = ({ Browse: "browse", Review: "review" })[launch.launchMode] || "normal";
    this.mastery = typeof launch.masteryScore === "number" ? core.fraction(launch.masteryScore, 1) : null;
  };

  /* languagePreference: the package has one language; when the learner prefers others, note it and
   * keep the page. audioPreference: media start muted or not accordingly. */
  Cmi5.prototype.usePreferences = function (preferences) {
    var wanted = String(preferences.languagePreference || "").split(",").map(function (t) { return t.trim(); }).filter(Boolean);
    var lang = this.lang;
    if (wanted.length && !wanted.some(function (tag) { return tag.toLowerCase().split("-")[0] === lang; })) {
      document.documentElement.setAttribute("data-language-preference", wanted.join(","));
      core.warn("cmi5 languagePreference " + wanted.join(",") + ": this package is in " + lang + " only");
    }
    this.audio = preferences.audioPreference;
    if (this.audio === "on" || this.audio === "off") {
      var muted = this.audio === "off";
      core.all(document, "audio, video").forEach(function (media) { media.muted = muted; });
    }
  };

  /* The exit control, when the LMS gave a returnURL: terminate, then go there. */
  Cmi5.prototype.offerExit = function () {
    var self = this, exit = document.querySelector('[data-nav="exit"]'), url = this.launch.returnURL;
    if (!exit || typeof url !== "string" || !url) return;
    exit.hidden = false;
    exit.addEventListener("click", function () {
      exit.disabled = true;
      self.exit().then(function () { window.location.assign(url); });
    });
  };

  /* Write the bookmark, wait until nothing is in flight, send terminated and wait for its answer.
   * If the LRS cannot be reached, stop waiting: what is queued stays stored (lrs.js). */
  Cmi5.prototype.exit = function () {
    var self = this;
    if (!this.live()) return Promise.resolve();
    return this.quiet().then(function (reachable) {
      if (!reachable || !self.live()) return null;
      self.finish();
      self.ensureQueue().push(self.terminated());
      return self.queue.idle();
    });
  };

  /* A promise of true once the bookmark is written and no statement is queued or in flight (false:
   * the LRS is unreachable). A commit while waiting is waited for too. */
  Cmi5.prototype.quiet = function () {
    var self = this;
    var write = JSON.stringify(this.bookmark) === this.written ? this.writing : this.putBookmark(false);
    return Promise.resolve(write).then(function () { return self.ensureQueue().idle(); }).then(function (reachable) {
      return reachable && (self.writing || JSON.stringify(self.bookmark) !== self.written) ? self.quiet() : reachable;
    });
  };

  Cmi5.prototype.live = function () { return !this.dead && !this.ended && this.launch !== null; };

  ["pageViewed", "answered", "commit"].forEach(function (name) {
    Cmi5.prototype[name] = function () {
      if (this.live()) Xapi.prototype[name].apply(this, arguments);
    };
  });

  Cmi5.prototype.completed = function () {
    if (!this.live() || this.mode !== "normal" || this.bookmark.sentCompleted || this.before.completed) return;
    this.bookmark.sentCompleted = true;
    this.bookmark.status = this.bookmark.status || "completed";
    this.send(this.statement("completed", this.partActivity(), { completion: true, duration: lrs.isoDuration(Date.now() - this.started) },
                             this.context(false, true, true)));
  };

  /* The quiz's result: completed (once per registration: the learner did the whole assessment),
   * then passed or failed with the score against masteryScore. */
  Cmi5.prototype.scored = function (score) {
    if (!this.live() || this.mode !== "normal" || this.judged || this.bookmark.sentPassed || this.before.passed) return;
    this.completed();
    var context = this.context(false, true, true);
    if (typeof this.launch.masteryScore === "number") {
      context.extensions = context.extensions || {};
      context.extensions[this.data.profile.cmi5.mastery] = this.launch.masteryScore;
    }
    this.judged = true;
    if (score.passed) this.bookmark.sentPassed = true;
    this.bookmark.status = score.passed ? "passed" : "failed";
    var result = this.scoreResult(score);
    delete result.completion; /* cmi5: only completed carries completion (9.5.3.0-2) */
    this.send(this.statement(score.passed ? "passed" : "failed", this.partActivity(), result, context));
  };

  /* One result per session: another attempt is recorded in a new launch. */
  Cmi5.prototype.retryAllowed = function () { return !this.judged; };

  /* No State write after terminated: the LMS refuses it (8.1.2.0-2). */
  Cmi5.prototype.putBookmark = function (keepalive) {
    return this.ended ? null : Xapi.prototype.putBookmark.call(this, keepalive);
  };
  Cmi5.prototype.keepWrites = true;

  /* The session is over for this page: nothing more is reported, and a reload of this launch does
   * not reuse its token. */
  Cmi5.prototype.finish = function () {
    this.ended = true;
    try { sessionStorage.setItem("packager:cmi5-token:" + this.fetchUrl, "ended"); } catch (e) { /* storage off */ }
  };

  /* Leaving the page (pagehide): the bookmark if it changed since the last write, even while that
   * write is in flight (if the older one lands last, the bookmark is what it would be without this
   * one); terminated with what is queued only if nothing is in flight (see the top of this file). */
  Cmi5.prototype.end = function () {
    if (!this.live()) return;
    var queue = this.ensureQueue(), lastWrite = this.putBookmark(true);
    var inFlight = queue.busy || this.writing || lastWrite;
    this.finish();
    if (!inFlight) queue.close([this.terminated()]);
    else if (queue.answered || !queue.busy) queue.close([]);
    else queue.shelve(); /* initialized itself is in flight: nothing may overtake it */
  };
  Cmi5.prototype.terminated = function () {
    return this.statement("terminated", this.partActivity(), { duration: lrs.isoDuration(Date.now() - this.started) },
                          this.context(false, true));
  };

  return { Cmi5: Cmi5 };
});
