/* Course home (the launch page of xAPI packages): every link to a module or the quiz carries the
 * launch parameters it was opened with (endpoint, auth, actor, registration, activity_id and any
 * other), so each part reports to the same LRS for the same learner. */
Packager.define("home", ["core"], function (core) {
  "use strict";
  if (!window.location.search) return {};
  core.all(document, "a[data-part]").forEach(function (link) {
    link.href = link.getAttribute("href") + window.location.search;
  });
  return {};
});
