/* SCORM 1.2 Run-Time Environment, 3.4.1: the CMI data types, each a test of a string value. A type
 * the SCO writes wrongly is error 405 (Incorrect data type). The spec's names are kept. */
Packager.define("lms.scorm12.types", [], function () {
  "use strict";

  function pattern(re) { return function (value) { return re.test(value); }; }
  function maxLength(n) { return function (value) { return value.length <= n; }; }
  function vocabulary(words) {
    var test = function (value) { return words.indexOf(value) >= 0; };
    test.words = words;
    return test;
  }
  function within(test, low, high) {
    return function (value) { return test(value) && Number(value) >= low && Number(value) <= high; };
  }

  var CMIDecimal = pattern(/^-?\d+(\.\d+)?$/);
  var CMISInteger = pattern(/^-?\d+$/);

  var TYPES = {
    CMIBlank: pattern(/^$/),
    CMIBoolean: vocabulary(["true", "false"]),
    CMIDecimal: CMIDecimal,
    CMIIdentifier: pattern(/^[\x21-\x7E]{1,255}$/), /* no white space or unprintable characters, <= 255 */
    CMIInteger: within(pattern(/^\d+$/), 0, 65536),
    CMISInteger: within(CMISInteger, -32768, 32768),
    CMIString255: maxLength(255),
    CMIString4096: maxLength(4096),
    CMITime: pattern(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/),
    CMITimespan: pattern(/^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/)
  };

  /* The vocabularies (CMIVocabulary), by the element they belong to. */
  var VOCABULARY = {
    credit: vocabulary(["credit", "no-credit"]),
    entry: vocabulary(["ab-initio", "resume", ""]),
    exit: vocabulary(["time-out", "suspend", "logout", ""]),
    interactionType: vocabulary(["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"]),
    lessonMode: vocabulary(["normal", "review", "browse"]),
    result: vocabulary(["correct", "wrong", "unanticipated", "neutral"]),
    /* lesson_status as a SCO may set it: "not attempted" is the LMS's initial value only */
    status: vocabulary(["passed", "completed", "failed", "incomplete", "browsed"]),
    objectiveStatus: vocabulary(["passed", "completed", "failed", "incomplete", "browsed", "not attempted"]),
    timeLimitAction: vocabulary(["exit,message", "exit,no message", "continue,message", "continue,no message"])
  };

  /* CMIFeedback (3.4.1, and 3.4.2.7 for each interaction type): a response or pattern's format
   * depends on the interaction's type; at most 255 characters whatever the type. */
  var FEEDBACK = {
    "true-false": pattern(/^[01tf]$/),
    "choice": pattern(/^([0-9a-z](,[0-9a-z])*|\{[0-9a-z](,[0-9a-z])*\})$/),
    "fill-in": maxLength(255),
    "numeric": CMIDecimal,
    "likert": pattern(/^[0-9a-z]?$/),
    "matching": pattern(/^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/),
    "performance": maxLength(255),
    "sequencing": pattern(/^[0-9a-z](,[0-9a-z])*$/)
  };
  function CMIFeedback(value, type) {
    return value.length <= 255 && (!FEEDBACK[type] || FEEDBACK[type](value));
  }

  return { TYPES: TYPES, VOCABULARY: VOCABULARY, CMIFeedback: CMIFeedback };
});
