/* Final quiz: a seeded draw of `draw` items balanced across modules, items and choices shuffled
 * with the same seed (so a resume shows the same quiz), submission only when every item is
 * answered, score = correct / drawn x 100, passed when score >= mastery score, review with
 * feedback, attempts limited by `attempts` (0 = unlimited). Saved state (JSON):
 *   {"v": 1, "s": seed, "n": attempt, "r": [packed response per drawn item], "d": 0|1, "sc": score|null}
 */
(function (P) {
  "use strict";
  var data = JSON.parse(document.getElementById("sco-data").textContent);
  if (data.kind !== "quiz") return;
  document.documentElement.classList.add("js");

  var t = data.strings;
  var form = document.getElementById("quiz");
  var submit = form.querySelector('[data-quiz="submit"]');
  var status = document.getElementById("quiz-status");
  var result = document.getElementById("result");
  var live = document.getElementById("live");
  var tracker = P.connect(data);
  /* Until the tracker has started (it may wait for an LRS), no question is offered. */
  form.hidden = true;
  tracker.start().then(run);

  function run(info) {
    var mastery = info.masteryScore !== null ? info.masteryScore : data.passMark;
    var byId = {};
    data.items.forEach(function (item) { byId[item.id] = item; });

    var seed, attempt, drawn, submitted = false, score = null, shownAt = Date.now(), answeredAt = {}, commitTimer = null;

    /* mulberry32: a small seeded PRNG, so the same seed gives the same draw on every device. */
    function random(seedValue) {
      var a = seedValue >>> 0;
      return function () {
        a = (a + 0x6D2B79F5) >>> 0;
        var x = Math.imul(a ^ (a >>> 15), 1 | a);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
    }

    function shuffle(list, rand) {
      for (var i = list.length - 1; i > 0; i--) {
        var j = Math.floor(rand() * (i + 1));
        var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
      }
      return list;
    }

    function newSeed() {
      if (window.crypto && window.crypto.getRandomValues) return window.crypto.getRandomValues(new Uint32Array(1))[0];
      return Math.floor(Math.random() * 4294967296);
    }

    /* Balanced draw: modules take turns (in a shuffled order), each giving its next shuffled item. */
    function draw(seedValue) {
      var rand = random(seedValue);
      var groups = {}, modules = [];
      data.items.forEach(function (item) {
        if (!groups[item.module]) { groups[item.module] = []; modules.push(item.module); }
        groups[item.module].push(item.id);
      });
      modules.forEach(function (m) { shuffle(groups[m], rand); });
      shuffle(modules, rand);
      var chosen = [];
      while (chosen.length < Math.min(data.draw, data.items.length)) {
        modules.forEach(function (m) {
          if (chosen.length < data.draw && groups[m].length) chosen.push(groups[m].shift());
        });
      }
      return { ids: shuffle(chosen, rand), rand: rand };
    }

    function fieldset(id) { return form.querySelector('.question[data-question="' + id + '"]'); }

    function layout(seedValue) {
      var picked = draw(seedValue);
      drawn = picked.ids;
      Array.prototype.forEach.call(form.querySelectorAll(".question"), function (fs) { fs.hidden = true; });
      drawn.forEach(function (id, index) {
        var fs = fieldset(id);
        fs.hidden = false;
        fs.querySelector(".qnum").textContent = t.question_of.replace("{n}", index + 1).replace("{total}", drawn.length) + " · ";
        form.insertBefore(fs, document.getElementById("submit-bar"));
        var type = byId[id].type;
        if (type === "single" || type === "multiple") {
          var feedback = fs.querySelector(".feedback");
          shuffle(Array.prototype.slice.call(fs.querySelectorAll(".choice")), picked.rand)
            .forEach(function (choice) { fs.insertBefore(choice, feedback); });
        } else if (type === "ordering" || type === "matching") {
          var order = shuffle(Array.prototype.slice.call(fs.querySelector("select").options, 1), picked.rand)
            .map(function (o) { return o.value; });
          Array.prototype.forEach.call(fs.querySelectorAll("select"), function (select) {
            order.forEach(function (value) { select.appendChild(select.querySelector('option[value="' + value + '"]')); });
          });
        }
      });
    }

    function responses() { return drawn.map(function (id) { return P.read(fieldset(id)); }); }

    function state() {
      return P.fitState({
        v: 1, s: seed, n: attempt, d: submitted ? 1 : 0, sc: score,
        r: responses().map(function (r, i) { return P.pack(byId[drawn[i]].type, r); })
      }, "r");
    }

    function save() { tracker.save("attempt-" + attempt, state()); }

    function refresh() {
      var missing = responses().filter(function (r) { return r === null; }).length;
      submit.disabled = submitted || missing > 0;
      status.textContent = submitted ? "" : missing > 0 ? t.unanswered.replace("{n}", missing) : t.all_answered;
    }

    function review() {
      drawn.forEach(function (id) {
        var fs = fieldset(id);
        P.showFeedback(fs, P.isCorrect(byId[id], P.read(fs)), t);
        fs.disabled = true;
      });
      var passed = score >= mastery;
      result.hidden = false;
      result.innerHTML = "";
      var heading = document.createElement("h2");
      heading.textContent = t.score.replace("{score}", score);
      var verdict = document.createElement("p");
      verdict.textContent = (passed ? t.passed : t.failed).replace("{mastery}", mastery);
      result.appendChild(heading);
      result.appendChild(verdict);
      if (!passed && (data.attempts === 0 || attempt < data.attempts)) {
        var again = document.createElement("button");
        again.type = "button";
        again.setAttribute("data-quiz", "retry");
        again.textContent = t.retry;
        again.addEventListener("click", retry);
        result.appendChild(again);
      }
      live.textContent = heading.textContent + " " + verdict.textContent;
      result.focus();
    }

    function begin(seedValue, attemptNumber) {
      seed = seedValue;
      attempt = attemptNumber;
      submitted = false;
      score = null;
      answeredAt = {};
      shownAt = Date.now();
      result.hidden = true;
      Array.prototype.forEach.call(form.querySelectorAll(".question"), function (fs) {
        fs.disabled = false;
        fs.querySelector(".feedback").hidden = true;
        P.restore(fs, fs.getAttribute("data-type") === "fillin" ? "" : []);
      });
      layout(seed);
      refresh();
    }

    function retry() {
      begin(newSeed(), attempt + 1);
      save();
      tracker.commit();
      form.querySelector(".question:not([hidden]) legend").scrollIntoView();
    }

    form.addEventListener("change", onAnswer);
    form.addEventListener("input", onAnswer);
    function onAnswer(event) {
      var fs = event.target.closest(".question");
      if (!fs || submitted) return;
      var id = fs.getAttribute("data-question");
      if (!(id in answeredAt)) answeredAt[id] = Date.now();
      refresh();
      save();
      /* Commit when the learner pauses, not on every click. */
      if (commitTimer) clearTimeout(commitTimer);
      commitTimer = setTimeout(function () { commitTimer = null; tracker.commit(); }, 4000);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (submitted) return;
      var answers = responses();
      if (answers.some(function (r) { return r === null; })) { refresh(); live.textContent = status.textContent; return; }
      var correct = 0;
      answers.forEach(function (response, i) {
        var item = byId[drawn[i]];
        var ok = P.isCorrect(item, response);
        if (ok) correct++;
        tracker.answered(item, response, ok, (answeredAt[item.id] || Date.now()) - shownAt, P.describe(fieldset(item.id)), true);
      });
      score = Math.round(100 * correct / drawn.length);
      submitted = true;
      tracker.scored(score, score >= mastery);
      save();
      if (commitTimer) { clearTimeout(commitTimer); commitTimer = null; }
      tracker.commit();
      refresh();
      review();
    });

    var saved = P.readState(info.suspend);
    if (saved && typeof saved.s === "number") {
      begin(saved.s, saved.n || 1);
      (saved.r || []).forEach(function (packed, i) {
        if (i < drawn.length) P.restore(fieldset(drawn[i]), P.unpack(byId[drawn[i]].type, packed));
      });
      if (saved.d === 1 && typeof saved.sc === "number") {
        submitted = true;
        score = saved.sc;
        review();
      }
      refresh();
    } else {
      begin(newSeed(), 1);
      save();
      tracker.commit();
    }

    P.onLeave(function () {
      save();
      tracker.end(submitted);
    }, function () {
      save();
      tracker.commit();
    });
    form.hidden = false;
    document.documentElement.setAttribute("data-ready", "true");
  }
})(window.Packager = window.Packager || {});
