/* SCORM 2004 4th Edition for the LMS engine (lms/model.js, lms/api.js): the API's function names, the
 * error codes, and the data model's tables (cmi.js, learner.js, objectives.js, interactions.js,
 * nav.js) with their types (types.js) and response formats (responses.js). */
Packager.define("lms.scorm2004", ["lms.model", "lms.scorm2004.errors", "lms.scorm2004.types", "lms.scorm2004.responses", "lms.scorm2004.cmi",
  "lms.scorm2004.learner", "lms.scorm2004.objectives", "lms.scorm2004.interactions", "lms.scorm2004.nav"],
function (model, errors, types, responses, cmi, learner, objectives, interactions, nav) {
  "use strict";

  var version = {
    name: "scorm2004", apiName: "API_1484_11", strings: errors.STRINGS, codes: errors.CODES,
    methods: { initialize: "Initialize", terminate: "Terminate", commit: "Commit", getValue: "GetValue", setValue: "SetValue",
               getLastError: "GetLastError", getErrorString: "GetErrorString", getDiagnostic: "GetDiagnostic" }
  };
  var data = model.tables([cmi, learner, objectives, interactions, nav]);
  version.elements = data.elements;
  version.children = data.children;
  version.arrays = data.arrays;

  version.fits = function (type, value, name, values) {
    if (type === "pattern" || type === "learner") {
      return responses.fits(type, values[name.replace(/^(cmi\.interactions\.\d+)\..*$/, "$1") + ".type"], value);
    }
    if (type === "navRequest") return nav.REQUESTS.test(value);
    return (types.TYPES[type] || types.VOCABULARY[type])(value);
  };

  var NAMES = { pattern: "a correct response pattern of its interaction's type", learner: "a response of its interaction's type",
                navRequest: "a navigation request", real: "real(10,7)", time: "time(second,10,0)",
                timeinterval: "timeinterval(second,10,2)" };
  version.expected = function (element) {
    return element.type.split("|").map(function (type) {
      var words = types.VOCABULARY[type] && types.VOCABULARY[type].words;
      if (words) return "one of " + words.map(function (w) { return JSON.stringify(w); }).join(", ");
      return NAMES[type] || type;
    }).join(" or ");
  };

  return version;
});
