/* SCORM 2004 4th Edition data model, RTE 4.2.2, 4.2.3 and 4.2.12: the learner's comments, the LMS's
 * comments (read only) and the learner's preferences. */
Packager.define("lms.scorm2004.learner", [], function () {
  "use strict";

  return {
    arrays: ["cmi.comments_from_learner", "cmi.comments_from_lms"],
    children: {
      "cmi.comments_from_learner": "comment,location,timestamp",
      "cmi.comments_from_lms": "comment,location,timestamp",
      "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning"
    },
    elements: {
      "cmi.comments_from_learner.n.comment": { access: "rw", type: "localized_string_type", spm: 4000 },
      "cmi.comments_from_learner.n.location": { access: "rw", type: "characterstring", spm: 250 },
      "cmi.comments_from_learner.n.timestamp": { access: "rw", type: "time" },
      "cmi.comments_from_lms.n.comment": { access: "ro", type: "localized_string_type", spm: 4000 },
      "cmi.comments_from_lms.n.location": { access: "ro", type: "characterstring", spm: 250 },
      "cmi.comments_from_lms.n.timestamp": { access: "ro", type: "time" },
      "cmi.learner_preference.audio_level": { access: "rw", type: "real", range: [0, Infinity] },
      "cmi.learner_preference.language": { access: "rw", type: "language_type" },
      "cmi.learner_preference.delivery_speed": { access: "rw", type: "real", range: [0, Infinity] },
      "cmi.learner_preference.audio_captioning": { access: "rw", type: "captioning" }
    }
  };
});
