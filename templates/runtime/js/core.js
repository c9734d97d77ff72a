/* The runtime's small module system and what every page shares.
 *
 * Each file is one concern and says what it needs: Packager.define(name, [dependencies], factory).
 * Plain scripts rather than ES modules, because a package must also work from file://, where
 * browsers refuse module scripts; a dependency that is not loaded yet is an error at once, not a
 * silent undefined later. The same files load in Node (globalThis) for the unit tests.
 */
(function (root) {
  "use strict";
  var P = root.Packager = root.Packager || {};
  var modules = {};

  P.define = function (name, dependencies, factory) {
    var resolved = dependencies.map(function (dependency) {
      if (!(dependency in modules)) throw new Error("runtime module " + name + " needs " + dependency + ", which is not loaded before it");
      return modules[dependency];
    });
    modules[name] = factory.apply(null, resolved);
  };

  P.use = function (name) {
    if (!(name in modules)) throw new Error("runtime module " + name + " is not loaded");
    return modules[name];
  };

  P.define("core", [], function () {
    /* The discreet "progress not recorded" notice: the page keeps working. `key` picks its wording
     * from the notice's data-* attributes (data-refused, ...); the default text is the element's own. */
    function notice(key) {
      var box = root.document && root.document.getElementById("notice");
      if (!box) return;
      if (key && box.getAttribute("data-" + key)) box.textContent = box.getAttribute("data-" + key);
      box.hidden = false;
    }

    /* Say, above the page, that this launch records nothing (review or browse mode). */
    function modeBanner(mode, strings) {
      var box = root.document.getElementById("mode");
      if (!box || (mode !== "review" && mode !== "browse")) return;
      box.textContent = strings["mode_" + mode];
      box.hidden = false;
    }

    function warn(message) {
      if (root.console) root.console.warn(message);
    }

    /* Call `leave` once when the page goes away (closed tab, navigation, popup closed), and `hidden`
     * when it is hidden (a phone switching apps may never come back). */
    function onLeave(leave, hidden) {
      var left = false;
      root.addEventListener("pagehide", function () {
        if (!left) { left = true; leave(); }
      });
      root.document.addEventListener("visibilitychange", function () {
        if (root.document.visibilityState === "hidden" && !left) hidden();
      });
    }

    /* The page's data: ids, words, the statement profile (written by the build into #sco-data). */
    function pageData() {
      return JSON.parse(root.document.getElementById("sco-data").textContent);
    }

    function all(parent, selector) { return Array.prototype.slice.call(parent.querySelectorAll(selector)); }

    return { notice: notice, modeBanner: modeBanner, warn: warn, onLeave: onLeave, pageData: pageData, all: all };
  });
})(typeof window !== "undefined" ? window : globalThis);
