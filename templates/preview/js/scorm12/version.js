/* SCORM 1.2 for the LMS engine (lms/model.js, lms/api.js): the API's function names, the error codes,
 * and the data model's tables (core.js, student.js, objectives.js, interactions.js) with their types
 * (types.js). */
Packager.define("lms.scorm12", ["lms.model", "lms.scorm12.errors", "lms.scorm12.types", "lms.scorm12.core", "lms.scorm12.student",
  "lms.scorm12.objectives", "lms.scorm12.interactions"], function (model, errors, types, core, student, objectives, interactions) {
  "use strict";

  var version = {
    name: "scorm12", apiName: "API", strings: errors.STRINGS, codes: errors.CODES,
    methods: { initialize: "LMSInitialize", terminate: "LMSFinish", commit: "LMSCommit", getValue: "LMSGetValue",
               setValue: "LMSSetValue", getLastError: "LMSGetLastError", getErrorString: "LMSGetErrorString",
               getDiagnostic: "LMSGetDiagnostic" }
  };
  var data = model.tables([core, student, objectives, interactions]);
  version.elements = data.elements;
  version.children = data.children;
  version.arrays = data.arrays;

  /* A response or pattern's format depends on its interaction's type (CMIFeedback). */
  version.fits = function (type, value, name, values) {
    if (type === "CMIFeedback") return types.CMIFeedback(value, values[name.replace(/^(cmi\.interactions\.\d+)\..*$/, "$1") + ".type"]);
    return (types.TYPES[type] || types.VOCABULARY[type])(value);
  };

  version.expected = function (element) {
    return element.type.split("|").map(function (type) {
      var words = types.VOCABULARY[type] && types.VOCABULARY[type].words;
      if (words) return "one of " + words.map(function (w) { return JSON.stringify(w); }).join(", ");
      return type + (element.range ? " in " + element.range.join("..") : "");
    }).join(" or ");
  };

  return version;
});
