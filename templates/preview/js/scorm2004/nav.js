/* SCORM 2004 4th Edition RTE, 4.4: adl.nav, the navigation request a SCO leaves for the LMS to carry
 * out after Terminate, and whether the LMS would honour each request now. */
Packager.define("lms.scorm2004.nav", [], function () {
  "use strict";

  return {
    children: {},
    elements: {
      "adl.nav.request": { access: "rw", type: "navRequest" },
      "adl.nav.request_valid.continue": { access: "ro", type: "navValid" },
      "adl.nav.request_valid.previous": { access: "ro", type: "navValid" },
      "adl.nav.request_valid.choice.{target}": { access: "ro", type: "navValid", initial: "unknown" },
      "adl.nav.request_valid.jump.{target}": { access: "ro", type: "navValid", initial: "unknown" }
    },
    REQUESTS: /^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|\{target=[^\s{}]{1,4000}\}(choice|jump))$/
  };
});
