/* SCORM 2004 4th Edition RTE, 4.2.9.1 and 4.2.9.2: the format of an interaction's correct response
 * pattern and learner response, by the interaction's type. */
Packager.define("lms.scorm2004.responses", ["lms.scorm2004.types"], function (types) {
  "use strict";

  var T = types.TYPES;
  var FLAG = function (name) { return "(\\{" + name + "=(true|false)\\})?"; };
  var pair = function (value) {
    var sides = value.split("[.]");
    return sides.length === 2 && T.shortId(sides[0]) && T.shortId(sides[1]);
  };
  var step = function (value) {
    var sides = value.split("[.]");
    return sides.length === 2 && (sides[0] === "" || T.shortId(sides[0])) && sides[1].length <= 250 && sides[0] + sides[1] !== "";
  };
  var numericRange = function (value) {
    var ends = value.split("[:]");
    return ends.length <= 2 && ends.every(function (end) { return end === "" || T.real(end); });
  };
  var strip = function (re, test) {
    return function (value) { return test(value.replace(re, "")); };
  };
  var localized250 = function (value) { return T.localized(value) && value.replace(/^\{lang=[^}]*\}/, "").length <= 250; };

  var LEARNER = {
    "true-false": function (v) { return v === "true" || v === "false"; },
    "choice": function (v) { return v === "" || T.list(T.shortId, true)(v); },
    "fill-in": T.list(localized250, false),
    "long-fill-in": T.localized,
    "likert": T.shortId,
    "matching": T.list(pair, false),
    "performance": T.list(step, false),
    "sequencing": T.list(T.shortId, false),
    "numeric": T.real,
    "other": function (v) { return v.length <= 4000; }
  };

  var PATTERN = {
    "true-false": LEARNER["true-false"],
    "choice": LEARNER.choice,
    "fill-in": strip(new RegExp("^" + FLAG("case_matters") + FLAG("order_matters")), LEARNER["fill-in"]),
    "long-fill-in": strip(new RegExp("^" + FLAG("case_matters")), T.localized),
    "likert": T.shortId,
    "matching": LEARNER.matching,
    "performance": strip(new RegExp("^" + FLAG("order_matters")), LEARNER.performance),
    "sequencing": LEARNER.sequencing,
    "numeric": numericRange,
    "other": LEARNER.other
  };

  /* Does `value` fit `kind` ("pattern" or "learner") for an interaction of `type`? */
  function fits(kind, type, value) {
    var table = kind === "pattern" ? PATTERN : LEARNER;
    return !!table[type] && table[type](value);
  }

  return { fits: fits };
});
