/* SCORM 2004 4th Edition Run-Time Environment, 3.1.7: the error codes (GetLastError), their strings
 * (GetErrorString), and which code each rule of the API and data model uses. */
Packager.define("lms.scorm2004.errors", [], function () {
  "use strict";

  var STRINGS = {
    "0": "No Error",
    "101": "General Exception",
    "102": "General Initialization Failure",
    "103": "Already Initialized",
    "104": "Content Instance Terminated",
    "111": "General Termination Failure",
    "112": "Termination Before Initialization",
    "113": "Termination After Termination",
    "122": "Retrieve Data Before Initialization",
    "123": "Retrieve Data After Termination",
    "132": "Store Data Before Initialization",
    "133": "Store Data After Termination",
    "142": "Commit Before Initialization",
    "143": "Commit After Termination",
    "201": "General Argument Error",
    "301": "General Get Failure",
    "351": "General Set Failure",
    "391": "General Commit Failure",
    "401": "Undefined Data Model Element",
    "402": "Unimplemented Data Model Element",
    "403": "Data Model Element Value Not Initialized",
    "404": "Data Model Element Is Read Only",
    "405": "Data Model Element Is Write Only",
    "406": "Data Model Element Type Mismatch",
    "407": "Data Model Element Value Out Of Range",
    "408": "Data Model Dependency Not Established"
  };

  var CODES = {
    initTwice: "103", initAfter: "104",
    before: { terminate: "112", getValue: "122", setValue: "132", commit: "142" },
    after: { terminate: "113", getValue: "123", setValue: "133", commit: "143" },
    unknown: "401", index: "351", getEmpty: "301", setEmpty: "351", noChildren: "301", noCount: "301",
    keyword: "404", readOnly: "404", writeOnly: "405", type: "406", range: "407", notInitialized: "403", setFailure: "351"
  };

  return { STRINGS: STRINGS, CODES: CODES };
});
