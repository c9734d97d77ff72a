/* The part's own controls for moving between the course's parts, when the LMS sequences them
 * (SCORM 2004: the manifest hides the LMS's Continue/Previous, hideLMSUI). Each control is a button
 * data-nav-request="continue|previous|suspendAll", shown only when the LMS says it would honour
 * the request; pressing it ends the part (saved, Terminate) with that request, and the LMS moves on. */
Packager.define("navigation", ["core"], function (core) {
  "use strict";

  function wire(tracker, leave, strings) {
    var bar = document.querySelector("[data-part-navigation]");
    if (!bar || typeof tracker.navigation !== "function") return;
    var valid = tracker.navigation(), buttons = core.all(bar, "[data-nav-request]"), shown = 0;
    buttons.forEach(function (button) {
      var request = button.getAttribute("data-nav-request");
      button.hidden = !valid[request];
      if (!button.hidden) shown++;
      button.addEventListener("click", function () {
        tracker.navigate(request);
        leave();
        buttons.forEach(function (b) { b.disabled = true; });
        document.getElementById("live").textContent = strings.left_course;
      });
    });
    bar.hidden = shown === 0;
  }

  return { wire: wire };
});
