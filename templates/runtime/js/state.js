/* The learner's saved state (what the LMS keeps in suspend_data): compact JSON, version 1, that
 * always fits the limit of the format it is saved in, whatever the learner typed. */
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

  return { fit: fit, read: read };
});
