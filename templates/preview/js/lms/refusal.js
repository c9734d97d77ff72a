/* A call the LMS refuses: the error code its rule names, and what exactly was wrong (what
 * GetDiagnostic answers). Shared by the SCORM 1.2 and SCORM 2004 LMS sides. */
Packager.define("lms.refusal", [], function () {
  "use strict";

  function Refusal(code, diagnostic) {
    this.code = code;
    this.diagnostic = diagnostic;
  }

  function refuse(code, diagnostic) { throw new Refusal(code, diagnostic); }

  return { Refusal: Refusal, refuse: refuse };
});
