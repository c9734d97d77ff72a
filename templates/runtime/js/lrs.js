/* The xAPI client the xAPI and cmi5 adapters share: requests to the LRS, and a statement queue.
 *
 * - Statements get their id (UUID v4) in the browser, so a retry never duplicates: each is sent
 *   with PUT statements?statementId=..., and an LRS that already has it answers 204 or 409.
 * - The queue is kept in localStorage, so it survives reloads; it flushes in order, backs off
 *   exponentially (1 s to 60 s) while the LRS is unreachable, and on pagehide sends what is left
 *   with fetch keepalive (kept in the queue until acknowledged, so the next page resends it).
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
        core.notice(); /* the LRS refuses this statement for good (4xx): keep the others going */
        core.warn("LRS refused statement " + statement.id + ": " + response.status);
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

  return { Lrs: Lrs, Queue: Queue, uuid: uuid, isoDuration: isoDuration };
});
