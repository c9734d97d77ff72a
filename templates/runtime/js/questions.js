/* Questions in the page: read a learner's response from the form, put it back, score it.
 *
 * A response has one canonical form per item type, shared by scoring, saved state and reporting:
 *   single, truefalse: "a" / "t" | "f"      multiple, ordering: ["a", "c"]
 *   matching: {"a": "1", "b": "2"}          fillin: the text typed
 */
Packager.define("questions", ["core"], function (core) {
  "use strict";
  var P = {};

  var ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
  var TATWEEL = /\u0640/g;
  var ALEF_FORMS = /[\u0622\u0623\u0625\u0671]/g; // آ أ إ ٱ -> ا
  var LATIN_MARKS = /[\u0300-\u036f]/g;

  /* Normalised comparison for fill-in answers: case, spaces, Latin accents, and in Arabic the
   * diacritics, tatweel, alef forms, ta marbuta (ة -> ه), alef maqsura (ى -> ي), Arabic-Indic digits. */
  P.normalise = function (text) {
    return String(text)
      .normalize("NFKD").replace(LATIN_MARKS, "")
      .normalize("NFKC")
      .replace(ARABIC_DIACRITICS, "").replace(TATWEEL, "")
      .replace(ALEF_FORMS, "\u0627").replace(/\u0629/g, "\u0647").replace(/\u0649/g, "\u064A")
      .replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x06F0); })
      .toLowerCase().replace(/[\s\u00A0]+/g, " ").trim().replace(/[.!?\u060C\u061F,;:]+$/, "").trim();
  };

  var all = core.all;

  P.read = function (fieldset) {
    var type = fieldset.getAttribute("data-type");
    if (type === "single" || type === "truefalse") {
      var checked = fieldset.querySelector("input:checked");
      return checked ? checked.value : null;
    }
    if (type === "multiple") {
      var values = all(fieldset, "input:checked").map(function (i) { return i.value; });
      return values.length ? values : null;
    }
    if (type === "ordering") {
      var order = all(fieldset, "select").map(function (s) { return s.value; });
      return order.indexOf("") < 0 ? order : null;
    }
    if (type === "matching") {
      var pairs = {}, complete = true;
      all(fieldset, "select").forEach(function (s) {
        if (!s.value) complete = false;
        pairs[s.getAttribute("data-source")] = s.value;
      });
      return complete ? pairs : null;
    }
    var text = fieldset.querySelector("input[type=text]").value.trim();
    return text ? text : null;
  };

  P.restore = function (fieldset, response) {
    if (response === null || response === undefined) return;
    var type = fieldset.getAttribute("data-type");
    if (type === "single" || type === "truefalse" || type === "multiple") {
      var chosen = [].concat(response);
      all(fieldset, "input").forEach(function (i) { i.checked = chosen.indexOf(i.value) >= 0; });
    } else if (type === "ordering") {
      all(fieldset, "select").forEach(function (s, i) { s.value = response[i] || ""; });
    } else if (type === "matching") {
      all(fieldset, "select").forEach(function (s) { s.value = response[s.getAttribute("data-source")] || ""; });
    } else {
      fieldset.querySelector("input[type=text]").value = response;
    }
  };

  P.isCorrect = function (item, response) {
    if (response === null || response === undefined) return false;
    switch (item.type) {
      case "single": return response === item.answer;
      case "truefalse": return (response === "t") === item.answer;
      case "multiple": return response.slice().sort().join() === item.answer.slice().sort().join();
      case "ordering": return response.join() === item.answer.join();
      case "matching":
        return Object.keys(item.answer).every(function (k) { return response[k] === item.answer[k]; });
      default:
        return item.answer.some(function (a) { return P.normalise(a) === P.normalise(response); });
    }
  };

  /* Compact form for saved state (choice ids are single characters, so lists join without a separator). */
  P.pack = function (type, response) {
    if (response === null || response === undefined) return null;
    if (type === "multiple" || type === "ordering") return response.join("");
    if (type === "matching") return Object.keys(response).sort().map(function (k) { return k + response[k]; }).join("");
    if (type === "fillin") return String(response).slice(0, P.FILLIN_MAX);
    return response;
  };

  P.unpack = function (type, packed) {
    if (packed === null || packed === undefined) return null;
    if (type === "multiple" || type === "ordering") return packed.split("");
    if (type === "matching") {
      var pairs = {};
      for (var i = 0; i + 1 < packed.length; i += 2) pairs[packed[i]] = packed[i + 1];
      return pairs;
    }
    return packed;
  };

  P.FILLIN_MAX = 255; // SCORM 1.2 student_response is at most 255 characters

  /* The words of a question as the learner sees them: prompt, and each choice/source/target with its id. */
  P.describe = function (fieldset) {
    var legend = fieldset.querySelector("legend").cloneNode(true);
    var number = legend.querySelector(".qnum");
    if (number) legend.removeChild(number);
    function texts(elements, idOf) {
      return elements.map(function (el) { return { id: idOf(el), text: el.textContent.trim() }; });
    }
    function options() {  /* the choices offered by the first select (every select offers the same) */
      return texts(all(fieldset.querySelector("select"), "option").filter(function (o) { return o.value; }),
                   function (o) { return o.value; });
    }
    var type = fieldset.getAttribute("data-type");
    var words = { prompt: legend.textContent.trim(), choices: [], sources: [], targets: [] };
    if (type === "single" || type === "multiple") {
      words.choices = texts(all(fieldset, ".choice label"), function (l) { return fieldset.ownerDocument.getElementById(l.htmlFor).value; });
    } else if (type === "ordering") {
      words.choices = options();
    } else if (type === "matching") {
      words.sources = texts(all(fieldset, ".select label"),
                            function (l) { return fieldset.ownerDocument.getElementById(l.htmlFor).getAttribute("data-source"); });
      words.targets = options();
    }
    return words;
  };

  P.showFeedback = function (fieldset, correct, strings) {
    var box = fieldset.querySelector(".feedback");
    box.hidden = false;
    box.className = "feedback " + (correct ? "ok" : "bad");
    box.querySelector(".verdict").textContent = correct ? strings.correct : strings.incorrect;
  };
  return P;
});
