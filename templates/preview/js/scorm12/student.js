/* SCORM 1.2 data model, 3.4.2.8 and 3.4.2.9: cmi.student_data (what the LMS knows of the SCO's
 * requirements, from the manifest) and cmi.student_preference (the learner's settings). */
Packager.define("lms.scorm12.student", [], function () {
  "use strict";

  return {
    children: {
      "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
      "cmi.student_preference": "audio,language,speed,text"
    },
    elements: {
      "cmi.student_data.mastery_score": { access: "ro", type: "CMIDecimal|CMIBlank", range: [0, 100] },
      "cmi.student_data.max_time_allowed": { access: "ro", type: "CMITimespan|CMIBlank" },
      "cmi.student_data.time_limit_action": { access: "ro", type: "timeLimitAction|CMIBlank" },
      "cmi.student_preference.audio": { access: "rw", type: "CMISInteger", range: [-1, 100] },
      "cmi.student_preference.language": { access: "rw", type: "CMIString255" },
      "cmi.student_preference.speed": { access: "rw", type: "CMISInteger", range: [-100, 100] },
      "cmi.student_preference.text": { access: "rw", type: "CMISInteger", range: [-1, 1] }
    }
  };
});
