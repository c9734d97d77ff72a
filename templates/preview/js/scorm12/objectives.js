/* SCORM 1.2 data model, 3.4.2.6: cmi.objectives, an array ("n" stands for an index). */
Packager.define("lms.scorm12.objectives", [], function () {
  "use strict";

  return {
    arrays: ["cmi.objectives"],
    children: {
      "cmi.objectives": "id,score,status",
      "cmi.objectives.n.score": "raw,min,max"
    },
    elements: {
      "cmi.objectives.n.id": { access: "rw", type: "CMIIdentifier" },
      "cmi.objectives.n.score.raw": { access: "rw", type: "CMIDecimal|CMIBlank", range: [0, 100] },
      "cmi.objectives.n.score.min": { access: "rw", type: "CMIDecimal|CMIBlank", range: [0, 100] },
      "cmi.objectives.n.score.max": { access: "rw", type: "CMIDecimal|CMIBlank", range: [0, 100] },
      "cmi.objectives.n.status": { access: "rw", type: "objectiveStatus" }
    }
  };
});
