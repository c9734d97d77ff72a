/* Module player: one page at a time, table of contents, progress, knowledge checks, summary.
 * Complete when every page was seen and every check answered. Saved state (JSON):
 *   {"v": 1, "id": module id, "p": "1101", "c": [packed response or null per check], "d": 0|1 (complete)}
 * In review mode the recorded progress is shown (the page left, the answered checks with their
 * feedback) and the checks cannot be answered again; in browse mode nothing is recorded.
 */
Packager.define("module", ["core", "state", "questions", "connect", "navigation"], function (core, state, questions, connect, navigation) {
  "use strict";

  function ModulePlayer(data, tracker) {
    this.data = data;
    this.t = data.strings;
    this.tracker = tracker;
    this.sections = core.all(document, ".page");
    this.live = document.getElementById("live");
    this.seen = data.pages.map(function () { return false; });
    this.answers = data.checks.map(function () { return null; });
    this.complete = false;
    this.current = 0;
    this.refreshNavigation = function () {};
  }

  ModulePlayer.prototype.fieldsetOf = function (index) {
    return document.querySelector('.question[data-question="' + this.data.checks[index].id + '"]');
  };

  /* Put back what the learner had done: pages seen, checks answered (with their feedback), the page;
   * and tell the tracker what the module itself had recorded. */
  ModulePlayer.prototype.restore = function (info) {
    var self = this, saved = state.own(info, this.data.id);
    this.mode = info.mode;
    this.complete = info.status === "completed" || !!(saved && saved.d);
    this.tracker.restored({ status: this.complete ? "completed" : saved ? "incomplete" : "" });
    if (!saved) return;
    String(saved.p || "").split("").forEach(function (bit, i) { if (i < self.seen.length) self.seen[i] = bit === "1"; });
    (saved.c || []).forEach(function (packed, i) {
      if (i >= self.answers.length || packed === null) return;
      self.answers[i] = questions.unpack(self.data.checks[i].type, packed);
      questions.restore(self.fieldsetOf(i), self.answers[i]);
      questions.showFeedback(self.fieldsetOf(i), questions.isCorrect(self.data.checks[i], self.answers[i]), self.t);
    });
    var at = this.data.pages.indexOf(info.location);
    this.current = at >= 0 ? at : (info.location === "_summary" ? this.sections.length - 1 : 0);
  };

  ModulePlayer.prototype.save = function () {
    var checks = this.data.checks;
    var text = state.fit({
      v: 1, id: this.data.id,
      p: this.seen.map(function (s) { return s ? "1" : "0"; }).join(""),
      c: this.answers.map(function (a, i) { return questions.pack(checks[i].type, a); }),
      d: this.complete ? 1 : 0
    }, "c", this.tracker.limits.suspend);
    this.tracker.save(this.sections[this.current].getAttribute("data-page"), text);
  };

  ModulePlayer.prototype.remaining = function () {
    return {
      pages: this.seen.filter(function (s) { return !s; }).length,
      checks: this.answers.filter(function (a) { return a === null; }).length
    };
  };

  ModulePlayer.prototype.updateSummary = function () {
    var self = this, left = this.remaining(), t = this.t;
    document.getElementById("summary-status").textContent = this.complete
      ? t.module_done
      : t.remaining.replace("{pages}", left.pages).replace("{checks}", left.checks);
    this.data.pages.forEach(function (id, i) {
      var mark = document.querySelector('[data-status-for="' + id + '"]');
      if (mark) mark.textContent = self.seen[i] ? t.seen : t.not_seen;
    });
    document.getElementById("progress").value = this.seen.filter(Boolean).length;
  };

  ModulePlayer.prototype.maybeComplete = function () {
    var left = this.remaining(), total = this.seen.length + this.answers.length;
    if (this.tracker.progress) this.tracker.progress(1 - (left.pages + left.checks) / total);
    if (!this.complete && left.pages === 0 && left.checks === 0) {
      this.complete = true;
      this.tracker.completed();
      this.live.textContent = this.t.module_done;
    }
    this.updateSummary();
  };

  ModulePlayer.prototype.show = function (index, focus) {
    var self = this;
    this.current = Math.max(0, Math.min(this.sections.length - 1, index));
    this.sections.forEach(function (s, i) { s.hidden = i !== self.current; });
    core.all(document, ".toc a").forEach(function (a, i) {
      if (i === self.current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    document.querySelector('[data-nav="prev"]').disabled = this.current === 0;
    document.querySelector('[data-nav="next"]').disabled = this.current === this.sections.length - 1;
    if (this.current < this.seen.length) {
      this.seen[this.current] = true;
      this.tracker.pageViewed(this.data.pages[this.current]);
    }
    this.maybeComplete();
    this.save();
    this.tracker.commit();
    this.refreshNavigation();
    if (focus) this.sections[this.current].querySelector("h2").focus();
  };

  ModulePlayer.prototype.check = function (form) {
    var fieldset = form.querySelector(".question");
    var index = this.data.checks.map(function (c) { return c.id; }).indexOf(fieldset.getAttribute("data-question"));
    var response = questions.read(fieldset);
    if (response === null) {
      this.live.textContent = this.t.answer_first;
      return;
    }
    this.answers[index] = response;
    var correct = questions.isCorrect(this.data.checks[index], response);
    this.tracker.answered(this.data.checks[index], response, correct, 0, questions.describe(fieldset), false);
    questions.showFeedback(fieldset, correct, this.t);
    this.live.textContent = fieldset.querySelector(".feedback").textContent.replace(/\s+/g, " ").trim();
    this.maybeComplete();
    this.save();
    this.tracker.commit();
    this.refreshNavigation();
  };

  ModulePlayer.prototype.listen = function () {
    var self = this;
    document.querySelector('[data-nav="prev"]').addEventListener("click", function () { self.show(self.current - 1, true); });
    document.querySelector('[data-nav="next"]').addEventListener("click", function () { self.show(self.current + 1, true); });
    core.all(document, "[data-goto]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var id = link.getAttribute("data-goto");
        self.show(id === "_summary" ? self.sections.length - 1 : self.data.pages.indexOf(id), true);
      });
    });
    core.all(document, "[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    core.all(document, "form.check").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (self.mode !== "review") self.check(form);
      });
      if (self.mode === "review") form.querySelector(".question").disabled = form.querySelector("button").disabled = true;
    });
    var leave = core.onLeave(function () {
      self.save();
      self.tracker.end(self.complete);
    }, function () {
      self.save();
      self.tracker.commit();
    });
    this.refreshNavigation = navigation.wire(this.tracker, leave, this.t);
  };

  function main() {
    var data = core.pageData();
    if (data.kind !== "module") return;
    document.documentElement.classList.add("js");
    var tracker = connect(data);
    /* Until the tracker has started (it may wait for an LRS), show only the first page. */
    core.all(document, ".page").forEach(function (page, i) { page.hidden = i > 0; });
    tracker.start().then(function (info) {
      var player = new ModulePlayer(data, tracker);
      core.modeBanner(info.mode, data.strings);
      player.restore(info);
      player.listen();
      player.show(player.current, false);
      document.documentElement.setAttribute("data-ready", "true");
    });
  }

  main();
  return { ModulePlayer: ModulePlayer };
});
