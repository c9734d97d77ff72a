/* How an answered question is reported, per specification. One place for the mapping.
 *
 * SCORM 1.2 RTE, cmi.interactions.n: type from the 1.2 vocabulary; student_response and
 * correct_responses.n.pattern in the 1.2 formats (CMIFeedback, at most 255 characters):
 *   choice       "a" or "a,c"          (single characters 0-9, a-z, comma separated)
 *   true-false   "t" or "f"
 *   matching     "a.1,b.2"             (source.target pairs)
 *   sequencing   "b,a,c"
 *   fill-in      the text              (at most 255 characters)
 *
 * SCORM 2004 RTE, cmi.interactions.n (4th Edition, 4.2.9): the same types; learner_response and
 * correct_responses.n.pattern with "[,]" between items and "[.]" between a source and its target,
 * choices as short_identifier_type (our choice ids); true-false "true" / "false"; fill-in as a
 * localized string ("{lang=fr}text", at most 250 characters in all), its patterns case-insensitive.
 *
 * xAPI 1.0.3, activity type cmi.interaction: interactionType, correctResponsesPattern and the
 * response use the xAPI delimiters ("[,]" between items, "[.]" between a source and its
 * target); choices for choice and sequencing, source and target for matching, with the
 * learner's-language descriptions read from the page.
 */
Packager.define("interactions", [], function () {
  "use strict";
  var P = {};

  var SCORM12_TYPE = {
    single: "choice", multiple: "choice", truefalse: "true-false",
    matching: "matching", ordering: "sequencing", fillin: "fill-in"
  };

  function pairs(map) {
    return Object.keys(map).sort().map(function (k) { return k + "." + map[k]; }).join(",");
  }

  function scorm12Value(type, value) {
    if (type === "multiple" || type === "ordering") return value.join(",");
    if (type === "matching") return pairs(value);
    if (type === "truefalse") return value === true ? "t" : value === false ? "f" : value;
    if (type === "fillin") return String(value).replace(/[\u0000-\u001f]/g, " ").slice(0, 255); // eslint-disable-line no-control-regex -- control characters are what CMIFeedback may not hold
    return value;
  }

  P.scorm12Interaction = function (item, response, correct) {
    return {
      type: SCORM12_TYPE[item.type],
      student_response: scorm12Value(item.type, response),
      pattern: scorm12Value(item.type, item.type === "fillin" ? item.answer[0] : item.answer),
      result: correct ? "correct" : "wrong"
    };
  };

  /* "[,]" and "[.]" are delimiters in SCORM 2004 responses; "{" opens a delimiter at the start. */
  function scorm2004Text(text, lang) {
    var clean = String(text).replace(/[\u0000-\u001f]/g, " ").replace(/\[[,.]\]/g, " "); // eslint-disable-line no-control-regex -- control characters cannot be in a localized string
    return ("{lang=" + lang + "}" + clean).slice(0, 250);
  }

  function scorm2004Value(type, value, lang) {
    if (type === "multiple" || type === "ordering") return value.join("[,]");
    if (type === "matching") {
      return Object.keys(value).sort().map(function (k) { return k + "[.]" + value[k]; }).join("[,]");
    }
    if (type === "truefalse") return value === true || value === "t" ? "true" : "false";
    if (type === "fillin") return scorm2004Text(value, lang);
    return String(value);
  }

  /* At most 5 fill-in patterns and 1 for other types (RTE 4.2.9.1, correct_responses per type). */
  P.scorm2004Interaction = function (item, response, correct, lang) {
    var patterns = item.type === "fillin"
      ? item.answer.slice(0, 5).map(function (a) { return "{case_matters=false}" + scorm2004Text(a, lang); })
      : [scorm2004Value(item.type, item.answer, lang)];
    return {
      type: SCORM12_TYPE[item.type],
      learner_response: scorm2004Value(item.type, response, lang),
      patterns: patterns,
      result: correct ? "correct" : "incorrect"
    };
  };

  /* ISO 8601 duration, as cmi.session_time and latency want it: PT1H2M3.45S (0.01 s precision). */
  P.scorm2004Duration = function (ms) {
    var centis = Math.max(0, Math.round(ms / 10));
    var hours = Math.floor(centis / 360000), minutes = Math.floor(centis / 6000) % 60, seconds = (centis % 6000) / 100;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + seconds + "S";
  };

  /* ISO 8601 time as the RTE's time(second,10,0) type: UTC, two decimals, "Z". */
  P.scorm2004Time = function (date) {
    return date.toISOString().replace(/\.(\d\d)\dZ$/, ".$1Z");
  };

  var XAPI_TYPE = {
    single: "choice", multiple: "choice", truefalse: "true-false",
    matching: "matching", ordering: "sequencing", fillin: "fill-in"
  };

  function xapiValue(type, value) {
    if (type === "multiple" || type === "ordering") return value.join("[,]");
    if (type === "matching") {
      return Object.keys(value).sort().map(function (k) { return k + "[.]" + value[k]; }).join("[,]");
    }
    if (type === "truefalse") return String(value === true || value === "t");
    return String(value);
  }

  function components(list, lang) {
    return list.map(function (c) { var d = {}; d[lang] = c.text; return { id: c.id, description: d }; });
  }

  /* The activity definition of a question and the response, for an "answered" statement.
   * `words` comes from P.describe(fieldset): {prompt, choices, sources, targets}. */
  P.xapiInteraction = function (item, response, lang, words) {
    var definition = {
      type: "http://adlnet.gov/expapi/activities/cmi.interaction",
      name: {}, description: {},
      interactionType: XAPI_TYPE[item.type],
      correctResponsesPattern: item.type === "fillin"
        ? item.answer.map(function (a) { return "{case_matters=false}" + a; })
        : [xapiValue(item.type, item.answer)]
    };
    definition.name[lang] = item.id;
    definition.description[lang] = words.prompt;
    if (item.type === "single" || item.type === "multiple" || item.type === "ordering") {
      definition.choices = components(words.choices, lang);
    } else if (item.type === "matching") {
      definition.source = components(words.sources, lang);
      definition.target = components(words.targets, lang);
    }
    return { definition: definition, response: xapiValue(item.type, response) };
  };

  /* CMITimespan: HHHH:MM:SS.SS (hours on 4 digits, at most 9999). */
  P.scorm12Timespan = function (ms) {
    var centis = Math.max(0, Math.round(ms / 10));
    var hours = Math.min(9999, Math.floor(centis / 360000));
    var minutes = Math.floor(centis / 6000) % 60;
    var seconds = (centis % 6000) / 100;
    function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds.toFixed(2), 5);
  };

  /* CMITime: HH:MM:SS, the learner's local time of day. */
  P.scorm12Time = function (date) {
    function pad(n) { return n < 10 ? "0" + n : String(n); }
    return pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds());
  };
  return P;
});
