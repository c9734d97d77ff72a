/* The learner's saved state (what the LMS keeps in suspend_data): compact JSON, version 1, that
 * always fits the limit of the format it is saved in, whatever the learner typed, and carries the id
 * of the part it belongs to.
 *
 * One rule for every format decides whether a saved state applies to a launch (`own`): it must be
 * this part's (an LMS that keeps one record for several SCOs must not give a module another's
 * progress); a new attempt (entry "ab-initio") starts afresh even where the LMS kept the old record;
 * otherwise — entry "resume", or an LMS that does not say (entry empty or unreadable), or review
 * mode — it applies. */
Packager.define("state", [], function () {
  "use strict";

  /* `obj` as JSON within `limit` characters: the longest free-text response in `obj[key]` is
   * halved until the whole fits. */
  function fit(obj, key, limit) {
    var text = JSON.stringify(obj);
    while (text.length > limit) {
      var longest = -1;
      obj[key].forEach(function (v, i) {
        if (typeof v === "string" && (longest < 0 || v.length > obj[key][longest].length)) longest = i;
      });
      if (longest < 0 || !obj[key][longest]) break;
      obj[key][longest] = obj[key][longest].slice(0, Math.floor(obj[key][longest].length / 2));
      text = JSON.stringify(obj);
    }
    return text;
  }

  function read(text) {
    try {
      var state = JSON.parse(text);
      return state && state.v === 1 ? state : null;
    } catch (e) {
      return null;
    }
  }

  /* The saved state of `info` (what the adapter's start() gave) if it applies to part `id`, else null. */
  function own(info, id) {
    var saved = read(info.suspend);
    if (!saved || info.entry === "ab-initio" && info.mode !== "review") return null;
    if (saved.id === undefined) return info.entry === "resume" ? saved : null; /* saved before ids were kept */
    return saved.id === id ? saved : null;
  }

  return { fit: fit, read: read, own: own };
});
