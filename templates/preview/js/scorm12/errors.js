/* SCORM 1.2 Run-Time Environment, 3.3.3: the error codes an LMS answers LMSGetLastError with, their
 * strings (LMSGetErrorString), and which code each rule of the API and data model uses. */
Packager.define("lms.scorm12.errors", [], function () {
  "use strict";

  var STRINGS = {
    "0": "No error",
    "101": "General exception",
    "201": "Invalid argument error",
    "202": "Element cannot have children",
    "203": "Element not an array - cannot have count",
    "301": "Not initialized",
    "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword",
    "403": "Element is read only",
    "404": "Element is write only",
    "405": "Incorrect data type"
  };

  /* SCORM 1.2 has one code for each kind of mistake: 301 before LMSInitialize, 101 after LMSFinish. */
  var CODES = {
    initTwice: "101", initAfter: "101",
    before: { terminate: "301", getValue: "301", setValue: "301", commit: "301" },
    after: { terminate: "101", getValue: "101", setValue: "101", commit: "101" },
    unknown: "201", index: "201", getEmpty: "201", setEmpty: "201", noChildren: "202", noCount: "203",
    keyword: "402", readOnly: "403", writeOnly: "404", type: "405", range: "405", notInitialized: null
  };

  return { STRINGS: STRINGS, CODES: CODES };
});
