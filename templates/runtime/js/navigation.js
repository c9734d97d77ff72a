/* The part's own controls for moving between the course's parts, when the LMS sequences them
 * (SCORM 2004: the manifest hides the LMS's Continue/Previous, hideLMSUI). Each control is a button
 * data-nav-request="continue|previous|suspendAll", shown only while the LMS says it would honour the
 * request (asked again after each change: finishing a module may open the next part); pressing it
 * ends the part (saved, Terminate) with that request, and the LMS moves on. */
Packager.define("navigation", ["core"], function (core) {
  "use strict";

  /* Returns refresh(), for the player to call after a change the LMS may weigh (a page, an answer). */
  function wire(tracker, leave, strings) {
    var bar = document.querySelector("[data-part-navigation]");
    if (!bar || typeof tracker.navigation !== "function") return function () {};
    var buttons = core.all(bar, "[data-nav-request]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        tracker.navigate(button.getAttribute("data-nav-request"));
        leave();
        buttons.forEach(function (b) { b.disabled = true; });
        document.getElementById("live").textContent = strings.left_course;
      });
    });
    function refresh() {
      var valid = tracker.navigation(), shown = 0;
      buttons.forEach(function (button) {
        button.hidden = !valid[button.getAttribute("data-nav-request")];
        if (!button.hidden) shown++;
      });
      bar.hidden = shown === 0;
    }
    refresh();
    return refresh;
  }

  return { wire: wire };
});
