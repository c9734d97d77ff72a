/* Module player: one page at a time, table of contents, progress, knowledge checks, summary.
 * Complete when every page was seen and every check answered. Saved state (JSON):
 *   {"v": 1, "p": "1101", "c": [packed response or null per check]}
 */
(function (P) {
  "use strict";
  var data = JSON.parse(document.getElementById("sco-data").textContent);
  if (data.kind !== "module") return;
  document.documentElement.classList.add("js");

  var t = data.strings;
  var tracker = P.connect(data);
  /* Until the tracker has started (it may wait for an LRS), show only the first page. */
  Array.prototype.forEach.call(document.querySelectorAll(".page"), function (page, i) { page.hidden = i > 0; });
  tracker.start().then(run);

  function run(info) {
    var sections = Array.prototype.slice.call(document.querySelectorAll(".page"));
    var prev = document.querySelector('[data-nav="prev"]');
    var next = document.querySelector('[data-nav="next"]');
    var live = document.getElementById("live");
    var seen = data.pages.map(function () { return false; });
    var answers = data.checks.map(function () { return null; });
    var complete = info.status === "completed";
    var current = 0;

    function fieldsetOf(index) {
      return document.querySelector('.question[data-question="' + data.checks[index].id + '"]');
    }

    var saved = P.readState(info.suspend);
    if (saved) {
      String(saved.p || "").split("").forEach(function (bit, i) { if (i < seen.length) seen[i] = bit === "1"; });
      (saved.c || []).forEach(function (packed, i) {
        if (i >= answers.length || packed === null) return;
        answers[i] = P.unpack(data.checks[i].type, packed);
        P.restore(fieldsetOf(i), answers[i]);
        P.showFeedback(fieldsetOf(i), P.isCorrect(data.checks[i], answers[i]), t);
      });
      var at = data.pages.indexOf(info.location);
      current = at >= 0 ? at : (info.location === "_summary" ? sections.length - 1 : 0);
    }

    function state() {
      return P.fitState({
        v: 1,
        p: seen.map(function (s) { return s ? "1" : "0"; }).join(""),
        c: answers.map(function (a, i) { return P.pack(data.checks[i].type, a); })
      }, "c");
    }

    function save() {
      tracker.save(sections[current].getAttribute("data-page"), state());
    }

    function remaining() {
      return {
        pages: seen.filter(function (s) { return !s; }).length,
        checks: answers.filter(function (a) { return a === null; }).length
      };
    }

    function updateSummary() {
      var left = remaining();
      document.getElementById("summary-status").textContent = complete
        ? t.module_done
        : t.remaining.replace("{pages}", left.pages).replace("{checks}", left.checks);
      data.pages.forEach(function (id, i) {
        var mark = document.querySelector('[data-status-for="' + id + '"]');
        if (mark) mark.textContent = seen[i] ? t.seen : t.not_seen;
      });
      document.getElementById("progress").value = seen.filter(Boolean).length;
    }

    function maybeComplete() {
      var left = remaining();
      if (!complete && left.pages === 0 && left.checks === 0) {
        complete = true;
        tracker.completed();
        live.textContent = t.module_done;
      }
      updateSummary();
    }

    function show(index, focus) {
      current = Math.max(0, Math.min(sections.length - 1, index));
      sections.forEach(function (s, i) { s.hidden = i !== current; });
      Array.prototype.forEach.call(document.querySelectorAll(".toc a"), function (a, i) {
        if (i === current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      });
      prev.disabled = current === 0;
      next.disabled = current === sections.length - 1;
      if (current < seen.length) {
        seen[current] = true;
        tracker.pageViewed(data.pages[current]);
      }
      maybeComplete();
      save();
      tracker.commit();
      if (focus) sections[current].querySelector("h2").focus();
    }

    prev.addEventListener("click", function () { show(current - 1, true); });
    next.addEventListener("click", function () { show(current + 1, true); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-goto]"), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var id = link.getAttribute("data-goto");
        show(id === "_summary" ? sections.length - 1 : data.pages.indexOf(id), true);
      });
    });

    Array.prototype.forEach.call(document.querySelectorAll("form.check"), function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var fieldset = form.querySelector(".question");
        var index = data.checks.map(function (c) { return c.id; }).indexOf(fieldset.getAttribute("data-question"));
        var response = P.read(fieldset);
        if (response === null) {
          live.textContent = t.answer_first;
          return;
        }
        answers[index] = response;
        var correct = P.isCorrect(data.checks[index], response);
        tracker.answered(data.checks[index], response, correct, 0, P.describe(fieldset), false);
        P.showFeedback(fieldset, correct, t);
        live.textContent = fieldset.querySelector(".feedback").textContent.replace(/\s+/g, " ").trim();
        maybeComplete();
        save();
        tracker.commit();
      });
    });

    P.onLeave(function () {
      save();
      tracker.end(complete);
    }, function () {
      save();
      tracker.commit();
    });

    show(current, false);
    document.documentElement.setAttribute("data-ready", "true");
  }
})(window.Packager = window.Packager || {});
