/* The xAPI client the xAPI and cmi5 adapters share: requests to the LRS, and a statement queue.
 *
 * - Statements get their id (UUID v4) in the browser, so a retry never duplicates: each is sent
 *   with PUT statements?statementId=..., and an LRS that already has it answers 204 or 409.
 * - Each launch has its own queue in localStorage (xAPI: per page load; cmi5: per session), kept
 *   with that launch's endpoint and credentials: it survives reloads, flushes in order, backs off
 *   exponentially (1 s to 60 s) while the LRS is unreachable, and on pagehide sends what is left
 *   in one keepalive POST. A later page sends what a closed page left behind with the credentials
 *   of the launch that made it, never with its own (another session or registration).
 * - Whoever must know that everything was delivered before going on (cmi5's exit: terminated must
 *   be the session's last request) waits on idle().
 */
Packager.define("lrs", ["core"], function (core) {
  "use strict";

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
  function isoDuration(ms) {
    var centis = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(centis / 360000), m = Math.floor(centis / 6000) % 60, s = (centis % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
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

  var PREFIX = "packager:queue:";
  var BATCH_BYTES = 60000; /* browsers cap the bodies of keepalive requests in flight at 64 KiB */

  /* A queue of statements for one launch (xAPI: one page load; cmi5: one session), kept in
   * localStorage under its own key with the endpoint and credentials it was made with, so that a
   * statement is only ever sent with the credentials of the launch that made it. */
  function Queue(lrs, key) {
    this.lrs = lrs;
    this.key = PREFIX + key;
    this.delay = 0;
    this.timer = null;
    this.busy = null; /* the statement in flight */
    this.answered = 0; /* statements the LRS answered (stored or refused for good) */
    this.waiting = []; /* idle() promises to settle */
    this.closed = false;
    var saved = read(this.key);
    this.items = saved ? saved.items : [];
  }
  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  Queue.prototype.persist = function () {
    try {
      if (this.items.length) {
        localStorage.setItem(this.key, JSON.stringify({ endpoint: this.lrs.endpoint, auth: this.lrs.auth, items: this.items, closed: this.closed }));
      } else {
        localStorage.removeItem(this.key);
      }
    } catch (e) { /* storage off: memory only */ }
  };
  Queue.prototype.push = function (statement) {
    this.items.push(statement);
    this.persist();
    this.flush();
  };
  /* One statement at a time, in order, each a keepalive request so that leaving the page does not
   * cancel it halfway (the statements sent on leaving must come after it). */
  Queue.prototype.flush = function () {
    var self = this;
    if (this.busy || this.timer || this.closed || !this.items.length) return;
    var statement = this.busy = this.items[0];
    this.lrs.request("PUT", "statements", { statementId: statement.id }, statement, true).then(function (response) {
      self.busy = null;
      if (response.ok || response.status === 409) {
        self.done([statement]);
      } else if (response.status >= 500 || response.status === 429 || response.status === 408) {
        self.retry();
      } else {
        core.notice("lost"); /* refused for good (4xx): say so, keep the others going */
        core.warn("LRS refused statement " + statement.id + ": " + response.status);
        self.done([statement]);
      }
    }, function () {
      self.busy = null;
      self.retry();
    });
  };
  Queue.prototype.done = function (statements) {
    var ids = statements.map(function (s) { return s.id; });
    this.items = this.items.filter(function (s) { return ids.indexOf(s.id) < 0; });
    this.answered += statements.length;
    this.persist();
    this.delay = 0;
    this.flush();
    this.settle();
  };
  Queue.prototype.retry = function () {
    var self = this;
    this.delay = Math.min(MAX_DELAY, this.delay ? this.delay * 2 : 1000);
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, this.delay);
    this.settle();
  };
  /* A promise of true once nothing is queued or in flight, false as soon as the LRS is unreachable
   * (a retry is pending: what is queued stays stored for later). */
  Queue.prototype.idle = function () {
    var self = this;
    return new Promise(function (resolve) {
      self.waiting.push(resolve);
      self.settle();
    });
  };
  Queue.prototype.settle = function () {
    var result = this.timer ? false : !this.busy && !this.items.length ? true : null;
    if (result === null) return;
    this.waiting.splice(0).forEach(function (resolve) { resolve(result); });
  };
  /* Leaving: `last` (e.g. terminated) and what is still queued go in one keepalive POST, in order.
   * The statement in flight (if any) is left out: the browser delivers it after the page is gone,
   * but the server may process it before or after this POST (a cmi5 LMS refuses anything after
   * terminated, so cmi5.js sends no terminated while a request is in flight). They stay stored for
   * a later page only when the LRS was unreachable (a retry pending, or offline): once a session's
   * terminated is delivered its token is dead, and resending would be refused. */
  Queue.prototype.close = function (last) {
    var self = this;
    this.items = this.items.concat(last || []);
    this.closed = true;
    this.persist();
    var waiting = this.items.filter(function (s) { return s !== self.busy; });
    while (waiting.length > 1 && JSON.stringify(waiting).length > BATCH_BYTES) waiting.pop();
    if (waiting.length) this.lrs.request("POST", "statements", {}, waiting, true).catch(function () {});
    if (!this.timer && navigator.onLine !== false && waiting.length === this.items.length - (this.busy ? 1 : 0)) this.items = [];
    this.persist();
  };
  /* Leaving while the first statement is still in flight: what waits behind it cannot go before
   * it, so it stays stored (without it) for a later page to send with this launch's credentials. */
  Queue.prototype.shelve = function () {
    var busy = this.busy;
    this.closed = true;
    this.items = this.items.filter(function (s) { return s !== busy; });
    this.persist();
  };

  /* Queues other launches left behind (their page closed while the LRS was unreachable), oldest
   * first, as {key, endpoint, auth, items, closed}; `mine` is left out. */
  function leftovers(mine) {
    var found = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key.indexOf(PREFIX) === 0 && key !== PREFIX + mine) {
          var record = read(key);
          if (record && record.items && record.items.length) { record.key = key; found.push(record); }
        }
      }
    } catch (e) { /* storage off: nothing was kept */ }
    return found;
  }

  /* Send a left-behind queue with its own launch's credentials, in order; stop at the first failure.
   * A refusal (4xx: the session is over, the credentials expired) ends it: nothing can send it now. */
  function drain(record) {
    var client = new Lrs(record.endpoint, record.auth);
    function next(items) {
      try { localStorage.setItem(record.key, JSON.stringify({ endpoint: record.endpoint, auth: record.auth, items: items, closed: record.closed })); } catch (e) { return; }
      if (!items.length) { localStorage.removeItem(record.key); return; }
      client.request("PUT", "statements", { statementId: items[0].id }, items[0]).then(function (response) {
        if (response.ok || response.status === 409) return next(items.slice(1));
        if (response.status < 500 && response.status !== 429 && response.status !== 408) {
          core.warn("statements of an earlier launch refused (" + response.status + "): " + items.length + " not recorded");
          localStorage.removeItem(record.key);
        }
      }, function () {});
    }
    next(record.items);
  }

  return { Lrs: Lrs, Queue: Queue, leftovers: leftovers, drain: drain, uuid: uuid, isoDuration: isoDuration };
});
