/* SCORM 2004 4th Edition data model, RTE 4.2: the elements of the SCO's attempt (cmi.*, the arrays
 * aside). Each: access (ro, rw, wo), type (types.js; "a|b" either), range, and spm, the smallest
 * permitted maximum: the length every LMS must keep (longer is refused here, 407, since an LMS may
 * cut it). Element names are the spec's. */
Packager.define("lms.scorm2004.cmi", [], function () {
  "use strict";

  return {
    children: { "cmi.score": "scaled,raw,min,max" },
    elements: {
      "cmi._version": { access: "ro", type: "characterstring" },
      "cmi.completion_status": { access: "rw", type: "completion" },
      "cmi.completion_threshold": { access: "ro", type: "real", range: [0, 1] },
      "cmi.credit": { access: "ro", type: "credit" },
      "cmi.entry": { access: "ro", type: "entry" },
      "cmi.exit": { access: "wo", type: "exit" },
      "cmi.launch_data": { access: "ro", type: "characterstring", spm: 4000 },
      "cmi.learner_id": { access: "ro", type: "long_identifier_type" },
      "cmi.learner_name": { access: "ro", type: "localized_string_type", spm: 250 },
      "cmi.location": { access: "rw", type: "characterstring", spm: 1000 },
      "cmi.max_time_allowed": { access: "ro", type: "timeinterval" },
      "cmi.mode": { access: "ro", type: "mode" },
      "cmi.progress_measure": { access: "rw", type: "real", range: [0, 1] },
      "cmi.scaled_passing_score": { access: "ro", type: "real", range: [-1, 1] },
      "cmi.score.scaled": { access: "rw", type: "real", range: [-1, 1] },
      "cmi.score.raw": { access: "rw", type: "real" },
      "cmi.score.min": { access: "rw", type: "real" },
      "cmi.score.max": { access: "rw", type: "real" },
      "cmi.session_time": { access: "wo", type: "timeinterval" },
      "cmi.success_status": { access: "rw", type: "success" },
      "cmi.suspend_data": { access: "rw", type: "characterstring", spm: 64000 },
      "cmi.time_limit_action": { access: "ro", type: "timeLimitAction" },
      "cmi.total_time": { access: "ro", type: "timeinterval" }
    }
  };
});
