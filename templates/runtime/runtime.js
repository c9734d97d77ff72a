/* Learner runtime: page navigation and knowledge-check feedback. Plain JS, no network. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sco-data").textContent);
  document.documentElement.classList.add("js");

  function valueOf(fieldset) {
    var type = fieldset.getAttribute("data-type");
    if (type === "single" || type === "truefalse") {
      var checked = fieldset.querySelector("input:checked");
      return checked ? checked.value : null;
    }
    if (type === "multiple") {
      var values = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
      return values.length ? values : null;
    }
    if (type === "ordering") {
      var order = Array.prototype.map.call(fieldset.querySelectorAll("select"), function (s) { return s.value; });
      return order.indexOf("") < 0 ? order : null;
    }
    if (type === "matching") {
      var pairs = {}, complete = true;
      Array.prototype.forEach.call(fieldset.querySelectorAll("select"), function (s) {
        if (!s.value) complete = false;
        pairs[s.getAttribute("data-source")] = s.value;
      });
      return complete ? pairs : null;
    }
    var text = fieldset.querySelector("input[type=text]").value.trim();
    return text ? text : null;
  }

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function isCorrect(item, value) {
    if (value === null) return false;
    switch (item.type) {
      case "single": return value === item.answer;
      case "truefalse": return (value === "t") === item.answer;
      case "multiple": return value.slice().sort().join() === item.answer.slice().sort().join();
      case "ordering": return value.join() === item.answer.join();
      case "matching": return Object.keys(item.answer).every(function (k) { return value[k] === item.answer[k]; });
      default: return item.answer.some(function (a) { return normalise(a) === normalise(value); });
    }
  }

  function showFeedback(fieldset, ok, t) {
    var box = fieldset.querySelector(".feedback");
    box.hidden = false;
    box.className = "feedback " + (ok ? "ok" : "bad");
    box.querySelector(".verdict").textContent = ok ? t.correct : t.incorrect;
    document.getElementById("live").textContent = box.textContent.trim();
  }

  var strings = { correct: "✔", incorrect: "✘" };

  if (data.kind === "module") {
    var pages = Array.prototype.slice.call(document.querySelectorAll(".page"));
    var prev = document.querySelector('[data-nav="prev"]');
    var next = document.querySelector('[data-nav="next"]');
    var current = 0;
    var show = function (index) {
      current = Math.max(0, Math.min(pages.length - 1, index));
      pages.forEach(function (p, i) { p.hidden = i !== current; });
      Array.prototype.forEach.call(document.querySelectorAll(".toc a"), function (a, i) {
        if (i === current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      });
      prev.disabled = current === 0;
      next.disabled = current === pages.length - 1;
      document.getElementById("progress").value = current + 1;
    };
    prev.addEventListener("click", function () { show(current - 1); pages[current].querySelector("h2").focus(); });
    next.addEventListener("click", function () { show(current + 1); pages[current].querySelector("h2").focus(); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-goto]"), function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        show(data.pages.indexOf(a.getAttribute("data-goto")));
        pages[current].querySelector("h2").focus();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("form.check"), function (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var fieldset = form.querySelector(".question");
        var item = data.checks.filter(function (c) { return c.id === fieldset.getAttribute("data-question"); })[0];
        showFeedback(fieldset, isCorrect(item, valueOf(fieldset)), strings);
      });
    });
    show(0);
  }
})();
