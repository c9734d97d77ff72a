/* SCORM 2004 4th Edition data model, RTE 4.2.17: cmi.objectives ("n": an index). An objective's id is
 * set first (408 otherwise). */
Packager.define("lms.scorm2004.objectives", [], function () {
  "use strict";

  var ID = ["id"];
  return {
    arrays: ["cmi.objectives"],
    children: {
      "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
      "cmi.objectives.n.score": "scaled,raw,min,max"
    },
    elements: {
      "cmi.objectives.n.id": { access: "rw", type: "long_identifier_type", unique: "cmi.objectives" },
      "cmi.objectives.n.score.scaled": { access: "rw", type: "real", range: [-1, 1], requires: ID },
      "cmi.objectives.n.score.raw": { access: "rw", type: "real", requires: ID },
      "cmi.objectives.n.score.min": { access: "rw", type: "real", requires: ID },
      "cmi.objectives.n.score.max": { access: "rw", type: "real", requires: ID },
      "cmi.objectives.n.success_status": { access: "rw", type: "success", requires: ID },
      "cmi.objectives.n.completion_status": { access: "rw", type: "completion", requires: ID },
      "cmi.objectives.n.progress_measure": { access: "rw", type: "real", range: [0, 1], requires: ID },
      "cmi.objectives.n.description": { access: "rw", type: "localized_string_type", spm: 250, requires: ID }
    }
  };
});
