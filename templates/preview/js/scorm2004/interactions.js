/* SCORM 2004 4th Edition data model, RTE 4.2.9: cmi.interactions, with two arrays inside each record.
 * The id is set first, the type before the responses whose format depends on it (408 otherwise;
 * responses.js has the formats). */
Packager.define("lms.scorm2004.interactions", [], function () {
  "use strict";

  var ID = ["id"], TYPED = ["id", "type"];
  return {
    arrays: ["cmi.interactions", "cmi.interactions.n.objectives", "cmi.interactions.n.correct_responses"],
    children: {
      "cmi.interactions": "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description"
    },
    elements: {
      "cmi.interactions.n.id": { access: "rw", type: "long_identifier_type" },
      "cmi.interactions.n.type": { access: "rw", type: "interactionType", requires: ID },
      "cmi.interactions.n.objectives.n.id": { access: "rw", type: "long_identifier_type", requires: ID },
      "cmi.interactions.n.timestamp": { access: "rw", type: "time", requires: ID },
      "cmi.interactions.n.correct_responses.n.pattern": { access: "rw", type: "pattern", requires: TYPED },
      "cmi.interactions.n.weighting": { access: "rw", type: "real", requires: ID },
      "cmi.interactions.n.learner_response": { access: "rw", type: "learner", requires: TYPED },
      "cmi.interactions.n.result": { access: "rw", type: "result|real", requires: ID },
      "cmi.interactions.n.latency": { access: "rw", type: "timeinterval", requires: ID },
      "cmi.interactions.n.description": { access: "rw", type: "localized_string_type", spm: 250, requires: ID }
    }
  };
});
