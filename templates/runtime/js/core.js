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

    /* The LMS's API object, as the SCORM run-time books say to look for it: `name` on the window or
     * one of its parents (at most `levels` up), else on the opener and its parents; `method` tells the
     * real object from a stray global. A cross-origin ancestor ends the climb. */
    function findApi(win, name, method, levels) {
      function climb(w) {
        for (var level = 0; w && level <= levels; level++) {
          try {
            if (w[name] && typeof w[name][method] === "function") return w[name];
          } catch (e) { return null; }
          if (!w.parent || w.parent === w) return null;
          w = w.parent;
        }
        return null;
      }
      var api = climb(win);
      if (!api) {
        try { api = win.opener ? climb(win.opener) : null; } catch (e) { api = null; }
      }
      return api;
    }

    function warn(message) {
      if (root.console) root.console.warn(message);
    }

    /* Call `leave` once when the page goes away (closed tab, navigation, popup closed), and `hidden`
     * when it is hidden (a phone switching apps may never come back). Returns a function that leaves
     * now (the part's own exit controls), still only once. */
    function onLeave(leave, hidden) {
      var left = false;
      function once() {
        if (!left) { left = true; leave(); }
      }
      root.addEventListener("pagehide", once);
      root.document.addEventListener("visibilitychange", function () {
        if (root.document.visibilityState === "hidden" && !left) hidden();
      });
      return once;
    }

    /* The page's data: ids, words, the statement profile (written by the build into #sco-data). */
    function pageData() {
      return JSON.parse(root.document.getElementById("sco-data").textContent);
    }

    function all(parent, selector) { return Array.prototype.slice.call(parent.querySelectorAll(selector)); }

    /* A mastery score as an exact fraction {num, den} of 1, from its decimal text ("0.55", or "55"
     * with scale 100 for a percentage), so that 11/20 against 0.55 is compared in integers
     * (11 x 100 >= 20 x 55), never as 0.55 x 100 = 55.00000000000001. null when not a number. */
    function fraction(value, scale) {
      var text = String(value);
      if (/e/i.test(text)) text = Number(text).toFixed(12).replace(/0+$/, "");
      var m = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(text);
      if (!m || !(m[1] || m[2])) return null;
      var decimals = m[2] || "";
      return { num: parseInt((m[1] || "0") + decimals, 10), den: Math.pow(10, decimals.length) * (scale || 1) };
    }
    function atLeast(correct, total, mastery) { return correct * mastery.den >= total * mastery.num; }
    function percent(mastery) { return Math.round(mastery.num * 100000 / mastery.den) / 1000; }

    return { notice: notice, modeBanner: modeBanner, findApi: findApi, warn: warn, onLeave: onLeave, pageData: pageData, all: all,
             fraction: fraction, atLeast: atLeast, percent: percent };
  });
})(typeof window !== "undefined" ? window : globalThis);
