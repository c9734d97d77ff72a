/* SCORM 1.2 data model, 3.4.2.7: cmi.interactions, an array of write-only records (the LMS journals
 * them; the SCO cannot read them back), with two arrays inside each. A response or pattern's format
 * depends on the interaction's type (CMIFeedback, types.js). */
Packager.define("lms.scorm12.interactions", [], function () {
  "use strict";

  return {
    arrays: ["cmi.interactions", "cmi.interactions.n.objectives", "cmi.interactions.n.correct_responses"],
    children: {
      "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
    },
    elements: {
      "cmi.interactions.n.id": { access: "wo", type: "CMIIdentifier" },
      "cmi.interactions.n.objectives.n.id": { access: "wo", type: "CMIIdentifier" },
      "cmi.interactions.n.time": { access: "wo", type: "CMITime" },
      "cmi.interactions.n.type": { access: "wo", type: "interactionType" },
      "cmi.interactions.n.correct_responses.n.pattern": { access: "wo", type: "CMIFeedback" },
      "cmi.interactions.n.weighting": { access: "wo", type: "CMIDecimal" },
      "cmi.interactions.n.student_response": { access: "wo", type: "CMIFeedback" },
      "cmi.interactions.n.result": { access: "wo", type: "result|CMIDecimal" },
      "cmi.interactions.n.latency": { access: "wo", type: "CMITimespan" }
    }
  };
});
