/* Final quiz player: a seeded draw of `draw` items (draw.js), submission only when every item is
 * answered, score = correct / drawn (shown x 100, rounded down), passed when correct / drawn >= the
 * mastery score, compared exactly (core.fraction), review with feedback, attempts limited by
 * `attempts` (0 = unlimited). Saved state (JSON):
 *   {"v": 1, "id": quiz id, "s": seed, "n": attempt, "r": [packed response per drawn item], "d": 0|1,
 *    "sc": score|null, "k": correct|null, "ni": interactions reported so far}
 * In review mode the submitted attempt is shown read-only (answers, feedback, score) and nothing can be
 * submitted; in browse mode the quiz can be tried but nothing is recorded.
 */
Packager.define("quiz", ["core", "state", "questions", "draw", "connect", "navigation"], function (core, state, questions, draw, connect, navigation) {
  "use strict";

  var PAUSE_MS = 4000; /* commit when the learner pauses, not on every click */

  function QuizPlayer(data, tracker, mastery) {
    this.data = data;
    this.t = data.strings;
    this.tracker = tracker;
    this.mastery = mastery;
    this.form = document.getElementById("quiz");
    this.submitButton = this.form.querySelector('[data-quiz="submit"]');
    this.status = document.getElementById("quiz-status");
    this.result = document.getElementById("result");
    this.live = document.getElementById("live");
    this.byId = {};
    data.items.forEach(function (item) { this.byId[item.id] = item; }, this);
    this.commitTimer = null;
    this.refreshNavigation = function () {};
  }

  QuizPlayer.prototype.fieldset = function (id) { return this.form.querySelector('.question[data-question="' + id + '"]'); };

  /* Show the drawn items in their drawn order, with their choices shuffled by the same generator. */
  QuizPlayer.prototype.layout = function (seedValue) {
    var self = this, picked = draw.draw(this.data.items, this.data.draw, seedValue);
    this.drawn = picked.ids;
    core.all(this.form, ".question").forEach(function (fs) { fs.hidden = true; });
    this.drawn.forEach(function (id, index) {
      var fs = self.fieldset(id);
      fs.hidden = false;
      fs.querySelector(".qnum").textContent = self.t.question_of.replace("{n}", index + 1).replace("{total}", self.drawn.length) + " · ";
      self.form.insertBefore(fs, document.getElementById("submit-bar"));
      shuffleChoices(fs, self.byId[id].type, picked.rand);
    });
  };

  function shuffleChoices(fs, type, rand) {
    if (type === "single" || type === "multiple") {
      var feedback = fs.querySelector(".feedback");
      draw.shuffle(core.all(fs, ".choice"), rand).forEach(function (choice) { fs.insertBefore(choice, feedback); });
    } else if (type === "ordering" || type === "matching") {
      var order = draw.shuffle(Array.prototype.slice.call(fs.querySelector("select").options, 1), rand)
        .map(function (o) { return o.value; });
      core.all(fs, "select").forEach(function (select) {
        order.forEach(function (value) { select.appendChild(select.querySelector('option[value="' + value + '"]')); });
      });
    }
  }

  QuizPlayer.prototype.responses = function () {
    return this.drawn.map(function (id) { return questions.read(this.fieldset(id)); }, this);
  };

  QuizPlayer.prototype.save = function () {
    var self = this;
    if (!this.drawn) return; /* review mode with nothing to review: nothing was laid out */
    var text = state.fit({
      v: 1, id: this.data.id, s: this.seed, n: this.attempt, d: this.submitted ? 1 : 0, sc: this.score, k: this.correct,
      ni: this.reported,
      r: this.responses().map(function (r, i) { return questions.pack(self.byId[self.drawn[i]].type, r); })
    }, "r", this.tracker.limits.suspend);
    this.tracker.save("attempt-" + this.attempt, text);
  };

  QuizPlayer.prototype.refresh = function () {
    var missing = this.responses().filter(function (r) { return r === null; }).length;
    this.submitButton.disabled = this.submitted || missing > 0;
    this.status.textContent = this.submitted ? "" : missing > 0 ? this.t.unanswered.replace("{n}", missing) : this.t.all_answered;
  };

  /* After submission: every item's feedback, inputs locked, the score and verdict, a retry if allowed. */
  QuizPlayer.prototype.review = function () {
    var self = this, t = this.t, passed = this.passed();
    this.drawn.forEach(function (id) {
      var fs = self.fieldset(id);
      questions.showFeedback(fs, questions.isCorrect(self.byId[id], questions.read(fs)), t);
      fs.disabled = true;
    });
    this.result.hidden = false;
    this.result.innerHTML = "";
    var heading = element("h2", t.score.replace("{score}", this.score));
    var verdict = element("p", (passed ? t.passed : t.failed).replace("{mastery}", core.percent(this.mastery)));
    this.result.appendChild(heading);
    this.result.appendChild(verdict);
    if (this.mode === "review") {
      if (!passed && this.attemptsLeft()) this.result.appendChild(element("p", t.review_new_attempt));
    } else if (!passed && this.attemptsLeft()) {
      this.offerRetry();
    }
    this.live.textContent = heading.textContent + " " + verdict.textContent;
    this.result.focus();
  };

  QuizPlayer.prototype.attemptsLeft = function () {
    return this.data.attempts === 0 || this.attempt < this.data.attempts;
  };

  /* Another attempt here, or (when the LMS records one result per launch, as cmi5 does) the way to one. */
  QuizPlayer.prototype.offerRetry = function () {
    var self = this, t = this.t;
    if (!this.tracker.retryAllowed()) {
      this.result.appendChild(element("p", t.retry_relaunch));
      return;
    }
    var again = element("button", t.retry);
    again.type = "button";
    again.setAttribute("data-quiz", "retry");
    again.addEventListener("click", function () { self.retry(); });
    this.result.appendChild(again);
  };

  /* correct / drawn >= mastery, in integers; a state saved before `k` existed has the score only. */
  QuizPlayer.prototype.passed = function () {
    if (typeof this.correct === "number") return core.atLeast(this.correct, this.drawn.length, this.mastery);
    return core.atLeast(this.score, 100, this.mastery);
  };

  function element(tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  QuizPlayer.prototype.begin = function (seedValue, attemptNumber) {
    this.seed = seedValue;
    this.attempt = attemptNumber;
    this.submitted = false;
    this.score = null;
    this.correct = null;
    this.answeredAt = {};
    this.shownAt = Date.now();
    this.result.hidden = true;
    core.all(this.form, ".question").forEach(function (fs) {
      fs.disabled = false;
      fs.querySelector(".feedback").hidden = true;
      questions.restore(fs, fs.getAttribute("data-type") === "fillin" ? "" : []);
    });
    this.layout(seedValue);
    this.refresh();
  };

  QuizPlayer.prototype.retry = function () {
    this.begin(draw.newSeed(), this.attempt + 1);
    this.save();
    this.tracker.commit();
    this.form.querySelector(".question:not([hidden]) legend").scrollIntoView();
  };

  QuizPlayer.prototype.onAnswer = function (event) {
    var self = this, fs = event.target.closest(".question");
    if (!fs || this.submitted) return;
    var id = fs.getAttribute("data-question");
    if (!(id in this.answeredAt)) this.answeredAt[id] = Date.now();
    this.refresh();
    this.save();
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = setTimeout(function () { self.commitTimer = null; self.tracker.commit(); }, PAUSE_MS);
  };

  QuizPlayer.prototype.submit = function () {
    if (this.submitted || this.mode === "review") return;
    var self = this, answers = this.responses(), correct = 0;
    if (answers.some(function (r) { return r === null; })) { this.refresh(); this.live.textContent = this.status.textContent; return; }
    answers.forEach(function (response, i) {
      var item = self.byId[self.drawn[i]], ok = questions.isCorrect(item, response);
      if (ok) correct++;
      self.tracker.answered(item, response, ok, (self.answeredAt[item.id] || Date.now()) - self.shownAt,
                            questions.describe(self.fieldset(item.id)), true);
    });
    this.score = Math.floor(100 * correct / this.drawn.length); /* rounded down: never shows the mark when below it */
    this.correct = correct;
    this.submitted = true;
    this.reported += this.drawn.length;
    this.tracker.scored({ raw: this.score, scaled: correct / this.drawn.length, passed: this.passed() });
    this.save();
    if (this.commitTimer) { clearTimeout(this.commitTimer); this.commitTimer = null; }
    this.tracker.commit();
    this.refresh();
    this.review();
    this.refreshNavigation();
  };

  /* Resume the saved attempt (its draw, answers, and result if submitted), or start the first one;
   * in review mode, show the submitted attempt or say there is none. */
  QuizPlayer.prototype.resume = function (info) {
    var self = this, saved = state.own(info, this.data.id);
    this.mode = info.mode;
    this.reported = saved && saved.ni || 0;
    this.tracker.restored(this.recorded(saved));
    if (this.mode === "review" && !(saved && saved.d === 1)) return this.nothingToReview();
    if (!saved || typeof saved.s !== "number") {
      this.begin(draw.newSeed(), 1);
      this.save();
      this.tracker.commit();
      return;
    }
    this.begin(saved.s, saved.n || 1);
    (saved.r || []).forEach(function (packed, i) {
      if (i < self.drawn.length) questions.restore(self.fieldset(self.drawn[i]), questions.unpack(self.byId[self.drawn[i]].type, packed));
    });
    if (saved.d === 1 && typeof saved.sc === "number") {
      this.submitted = true;
      this.score = saved.sc;
      this.correct = typeof saved.k === "number" ? saved.k : null;
      this.review();
    }
    this.refresh();
  };

  /* What the quiz itself had recorded, for the tracker (which trusts it over an LMS that reads nothing). */
  QuizPlayer.prototype.recorded = function (saved) {
    if (!saved) return { status: "", score: null, interactions: 0 };
    var submitted = saved.d === 1 && typeof saved.sc === "number";
    var drawn = Math.min(this.data.draw, this.data.items.length);
    var passed = submitted && (typeof saved.k === "number" ? core.atLeast(saved.k, drawn, this.mastery)
                                                            : core.atLeast(saved.sc, 100, this.mastery));
    return { status: submitted ? (passed ? "passed" : "failed") : "incomplete",
             score: submitted ? { raw: saved.sc, scaled: saved.sc / 100, passed: passed } : null,
             interactions: saved.ni || 0 };
  };

  QuizPlayer.prototype.nothingToReview = function () {
    this.form.remove();
    this.result.hidden = false;
    this.result.appendChild(element("p", this.t.review_none));
  };

  QuizPlayer.prototype.listen = function () {
    var self = this;
    this.form.addEventListener("change", function (event) { self.onAnswer(event); });
    this.form.addEventListener("input", function (event) { self.onAnswer(event); });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    var leave = core.onLeave(function () {
      self.save();
      self.tracker.end(self.submitted);
    }, function () {
      self.save();
      self.tracker.commit();
    });
    this.refreshNavigation = navigation.wire(this.tracker, leave, this.t);
  };

  function main() {
    var data = core.pageData();
    if (data.kind !== "quiz") return;
    document.documentElement.classList.add("js");
    var tracker = connect(data);
    var form = document.getElementById("quiz");
    /* Until the tracker has started (it may wait for an LRS), no question is offered. */
    form.hidden = true;
    tracker.start().then(function (info) {
      var player = new QuizPlayer(data, tracker, info.mastery || core.fraction(data.passMark, 100));
      core.modeBanner(info.mode, data.strings);
      player.listen();
      player.resume(info);
      form.hidden = false;
      document.documentElement.setAttribute("data-ready", "true");
    });
  }

  main();
  return { QuizPlayer: QuizPlayer };
});
