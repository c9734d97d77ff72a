/* SCORM 2004 4th Edition RTE, 4.1.1: the data types, each a test of a string value (406 when a value
 * does not fit). Lengths are checked apart, against each element's SPM (407). */
Packager.define("lms.scorm2004.types", [], function () {
  "use strict";

  function pattern(re) { return function (value) { return re.test(value); }; }
  function vocabulary(words) {
    var test = function (value) { return words.indexOf(value) >= 0; };
    test.words = words;
    return test;
  }

  var LANG = "\\{lang=([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*)?\\}";
  var SHORT_ID = "[^\\s\\[\\]]{1,250}";

  /* items separated by "[,]" that each pass `test`; `unique`: no item twice */
  function list(test, unique) {
    return function (value) {
      var items = value.split("[,]");
      return items.every(test) && (!unique || items.length === new Set(items).size);
    };
  }

  var shortId = pattern(new RegExp("^" + SHORT_ID + "$"));
  var localized = pattern(new RegExp("^(" + LANG + ")?(?!\\{lang=)[\\s\\S]*$"));

  var TYPES = {
    characterstring: function () { return true; },
    localized_string_type: localized,
    long_identifier_type: pattern(/^[^\s]{1,4000}$/),
    short_identifier_type: shortId,
    language_type: pattern(/^([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*)?$/),
    real: pattern(/^-?(\d+(\.\d+)?|\.\d+)$/),
    time: pattern(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2})?)?)?(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?$/),
    timeinterval: pattern(/^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/),
    list: list,
    shortId: shortId,
    localized: localized
  };

  var VOCABULARY = {
    completion: vocabulary(["completed", "incomplete", "not attempted", "unknown"]),
    success: vocabulary(["passed", "failed", "unknown"]),
    credit: vocabulary(["credit", "no-credit"]),
    entry: vocabulary(["ab-initio", "resume", ""]),
    exit: vocabulary(["time-out", "suspend", "logout", "normal", ""]),
    mode: vocabulary(["browse", "normal", "review"]),
    captioning: vocabulary(["-1", "0", "1"]),
    timeLimitAction: vocabulary(["exit,message", "continue,message", "exit,no message", "continue,no message"]),
    interactionType: vocabulary(["true-false", "choice", "fill-in", "long-fill-in", "likert", "matching", "performance",
                                 "sequencing", "numeric", "other"]),
    result: vocabulary(["correct", "incorrect", "unanticipated", "neutral"]),
    navValid: vocabulary(["true", "false", "unknown"])
  };

  return { TYPES: TYPES, VOCABULARY: VOCABULARY };
});
