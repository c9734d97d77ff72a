/* Course home (the launch page of xAPI packages): every link to a module or the quiz carries the
 * launch parameters it was opened with (endpoint, auth, actor, registration, activity_id and any
 * other), so each part reports to the same LRS for the same learner. Statements a part left queued
 * when the learner came back here (one was still in flight as its page closed) are sent from here,
 * each queue with its own launch's credentials (lrs.js). */
Packager.define("home", ["core", "lrs"], function (core, lrs) {
  "use strict";
  if (!window.location.search) return {};
  core.all(document, "a[data-part]").forEach(function (link) {
    link.href = link.getAttribute("href") + window.location.search;
  });
  lrs.leftovers("").forEach(lrs.drain);
  return {};
});
