/* The preview page: launches the part chosen, follows the server's events (what the content
 * reported, rebuilds after a source edit, source problems), and the panel's controls. A rebuild that
 * changed the part on screen relaunches it as a resume: the learner stays where they were. */
Packager.define("lms.main", ["lms.launcher", "lms.panel"], function (launcher, panel) {
  "use strict";

  var data = JSON.parse(document.getElementById("preview-data").textContent);
  var state = data.state, t = data.strings;
  var view = new panel.Panel(t);
  var lms = new launcher.Launcher(document.getElementById("sco"), { call: function (entry, api) { view.call(entry, api); } });
  var current = { part: null, info: null, url: null };

  function json(path, body) {
    var init = body === undefined ? { cache: "no-store" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    return fetch(path, init).then(function (r) {
      return r.status === 204 ? null : r.json().then(function (answer) {
        if (!r.ok) throw new Error(answer.error);
        return answer;
      });
    });
  }

  function marked(part) {
    Packager.use("core").all(document, "[data-part]").forEach(function (button) {
      if (button.getAttribute("data-part") === part) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    });
  }

  /* Launch `part` (a new session); `url`: reopen the content at this page of the part (xAPI). */
  function launch(part, url) {
    current.part = part;
    window.location.hash = "part=" + part;
    marked(part);
    return json("/api/launch?part=" + encodeURIComponent(part)).then(function (info) {
      current.info = info;
      view.begin(info);
      if (url && info.format === "xapi") info.url = url; /* TinCan: the page the learner was on; cmi5: a new session */
      lms.launch(info);
      document.documentElement.setAttribute("data-launched", info.attempt);
    });
  }

  /* Another part: the one on screen is unloaded first (its session ends), then `part` launched. */
  function open(part) {
    return lms.unload().then(function () { return launch(part); });
  }

  function close() {
    return lms.unload();
  }

  function relaunch() {
    return lms.unload().then(function (url) { return launch(current.part, url); });
  }

  function reset() {
    return lms.unload().then(function () { return json("/api/reset", { part: current.part }); })
      .then(function () { return launch(current.part); });
  }

  function settings(change, reload) {
    return lms.unload().then(function () { return json("/api/settings", change); }).then(function () {
      if (reload) window.location.reload();
      else return launch(current.part);
    }).catch(function (error) { view.say(error.message); });
  }

  function changedHere(event) {
    var changed = (event.changed || {})[state.settings.lang] || [];
    var part = current.part === "course" ? null : current.part;
    var url = "";
    try { url = document.getElementById("sco").contentWindow.location.pathname; } catch (e) { url = ""; }
    return changed.some(function (id) { return id === part || url.indexOf("/" + id + "/") >= 0; }) ||
      (current.part === "course" && changed.length > 0);
  }

  function onBuild(event) {
    view.problems(event.ok ? [] : event.problems);
    if (event.ok && changedHere(event)) {
      queued(relaunch)().then(function () {
        view.say(t.reloaded);
        document.documentElement.setAttribute("data-generation", event.generation);
      });
    } else if (event.ok) {
      document.documentElement.setAttribute("data-generation", event.generation);
    }
  }

  function onEvent(event) {
    var info = current.info || {};
    if (event.type === "build") onBuild(event);
    else if (event.type === "lrs" && info.registration && (event.registration === info.registration || !event.registration)) view.lrs(event);
  }

  function listen() {
    var source = new EventSource("/events?since=" + (state.events || 0));
    source.onmessage = function (message) { onEvent(JSON.parse(message.data)); };
    source.onopen = function () { document.documentElement.setAttribute("data-events", "open"); };
  }

  /* One change at a time: a relaunch waits for the one before it (a quick second click, a rebuild). */
  var pending = Promise.resolve();
  function queued(action) {
    return function () {
      var args = arguments;
      pending = pending.then(function () { return action.apply(null, args); }).catch(function (error) { view.say(error.message); });
      return pending;
    };
  }

  function controls() {
    Packager.use("core").all(document, "[data-part]").forEach(function (button) {
      button.addEventListener("click", function () { queued(open)(button.getAttribute("data-part")); });
    });
    document.getElementById("panel-toggle").addEventListener("click", function () { view.toggle(); });
    document.getElementById("reset").addEventListener("click", queued(reset));
    document.getElementById("relaunch").addEventListener("click", queued(relaunch));
    var change = queued(settings);
    document.getElementById("lang").addEventListener("change", function (e) { change({ lang: e.target.value }, true); });
    document.getElementById("format").addEventListener("change", function (e) { change({ format: e.target.value }, true); });
    document.getElementById("mode").addEventListener("change", function (e) { change({ mode: e.target.value }, false); });
    document.getElementById("mastery-apply").addEventListener("click", function () {
      var raw = document.getElementById("mastery").value.trim();
      change({ mastery: raw === "" ? null : parseInt(raw, 10) }, false);
    });
  }

  function start() {
    var wanted = /part=([^&]+)/.exec(window.location.hash);
    var parts = state.parts.map(function (p) { return p.id; });
    var first = wanted && parts.indexOf(decodeURIComponent(wanted[1])) >= 0 ? decodeURIComponent(wanted[1]) : parts[0];
    var tincan = state.settings.format === "xapi"; /* TinCan has no launch mode nor mastery score */
    document.getElementById("mode").disabled = document.getElementById("mastery").disabled = tincan;
    document.getElementById("mastery-apply").disabled = tincan;
    view.problems(state.problems);
    controls();
    listen();
    launch(first);
  }

  start();
  return { open: queued(open), close: queued(close), relaunch: queued(relaunch), reset: queued(reset), current: current };
});
