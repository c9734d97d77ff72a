/* Course home (the launch page of xAPI packages): every link to a module or the quiz carries the
 * launch parameters it was opened with (endpoint, auth, actor, registration, activity_id and any
 * other), so each part reports to the same LRS for the same learner. */
(function () {
  "use strict";
  if (!location.search) return;
  Array.prototype.forEach.call(document.querySelectorAll("a[data-part]"), function (link) {
    link.href = link.getAttribute("href") + location.search;
  });
})();
