/* SCORM 1.2 Run-Time Environment, 3.3.3: the error codes an LMS answers LMSGetLastError with, and
 * their strings (LMSGetErrorString). The preview's LMS API is the LMS side of SCORM 1.2 as the spec
 * writes it: every call is checked, and a call that breaks a rule is refused with its code. */
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

  /* A refused call: its code and what exactly was wrong (LMSGetDiagnostic). */
  function Refusal(code, diagnostic) {
    this.code = code;
    this.diagnostic = diagnostic;
  }

  function refuse(code, diagnostic) { throw new Refusal(code, diagnostic); }

  return { STRINGS: STRINGS, Refusal: Refusal, refuse: refuse };
});
