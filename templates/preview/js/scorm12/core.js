/* SCORM 1.2 data model, 3.4.2.1 to 3.4.2.5: cmi.core and the elements beside it. Each element: its
 * access (ro read only, rw, wo write only), its data type (types.js; "a|b" either), and for
 * numbers their range. Element names are the spec's. */
Packager.define("lms.scorm12.core", [], function () {
  "use strict";

  return {
    children: {
      "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
      "cmi.core.score": "raw,min,max"
    },
    elements: {
      "cmi.core.student_id": { access: "ro", type: "CMIIdentifier" },
      "cmi.core.student_name": { access: "ro", type: "CMIString255" },
      "cmi.core.lesson_location": { access: "rw", type: "CMIString255" },
      "cmi.core.credit": { access: "ro", type: "credit" },
      "cmi.core.lesson_status": { access: "rw", type: "status" },
      "cmi.core.entry": { access: "ro", type: "entry" },
      "cmi.core.score.raw": { access: "rw", type: "CMIDecimal|CMIBlank", range: [0, 100] },
      "cmi.core.score.min": { access: "rw", type: "CMIDecimal|CMIBlank", range: [0, 100] },
      "cmi.core.score.max": { access: "rw", type: "CMIDecimal|CMIBlank", range: [0, 100] },
      "cmi.core.total_time": { access: "ro", type: "CMITimespan" },
      "cmi.core.lesson_mode": { access: "ro", type: "lessonMode" },
      "cmi.core.exit": { access: "wo", type: "exit" },
      "cmi.core.session_time": { access: "wo", type: "CMITimespan" },
      "cmi.suspend_data": { access: "rw", type: "CMIString4096" },
      "cmi.launch_data": { access: "ro", type: "CMIString4096" },
      "cmi.comments": { access: "rw", type: "CMIString4096" },
      "cmi.comments_from_lms": { access: "ro", type: "CMIString4096" }
    }
  };
});
