/* The launch decides how a page reports: cmi5 parameters, TinCan launch parameters, an LMS API in a
 * parent or opener window (SCORM 2004's API_1484_11, else SCORM 1.2's API), or nothing (standalone).
 * Every adapter has the same interface:
 *
 *   limits                         {location, suspend}: the longest values save() may be given
 *   start()                        -> Promise of {entry: "ab-initio"|"resume"|"", mode: "normal"|"browse"|
 *                                     "review", location, suspend, learner, mastery, status}; whether the
 *                                     saved state (suspend) applies is state.own()'s rule; mastery: the
 *                                     LMS's mastery score as an exact fraction {num, den} of 1
 *                                     (core.fraction), or null
 *   restored(own)                  what the part itself had recorded, from its saved state: {status:
 *                                     "completed"|"passed"|"failed"|"incomplete"|"", score, interactions}
 *   pageViewed(pageId)             a page was shown
 *   answered(item, response, correct, latencyMs, words, graded)
 *                                  an answer: graded (quiz, at submission) or a knowledge check
 *   completed()                    every page seen and every check answered (modules)
 *   scored(score)                  quiz result: {raw: 0..100 rounded down, scaled: correct / drawn, passed}
 *   retryAllowed()                 whether another attempt can be reported in this launch
 *   save(location, suspend)        where to resume and the saved state
 *   commit()                       persist now (after a page change, an answer, a completion)
 *   end(done)                      the learner leaves; done = nothing left to do in this part
 * and adapters whose LMS sequences the parts (SCORM 2004) also:
 *   progress(fraction)             how much of the part is done, 0..1 (modules)
 *   navigation()                   {continue, previous, suspendAll}: which part requests the LMS would honour
 *   navigate(request)              ask for one of them when the part ends (see navigation.js)
 */
Packager.define("connect", ["scorm12", "scorm2004", "standalone", "xapi", "cmi5"], function (scorm12, scorm2004, standalone, xapi, cmi5) {
  "use strict";

  return function connect(data) {
    var params = new URLSearchParams(window.location.search);
    if (params.get("endpoint") && params.get("fetch") && params.get("actor")) return new cmi5.Cmi5(data, params);
    if (params.get("endpoint") && params.get("auth") && params.get("actor")) return new xapi.Xapi(data, params);
    var api2004 = scorm2004.findAPI(window);
    if (api2004) return new scorm2004.Scorm2004(api2004, data);
    var api = scorm12.findAPI(window);
    if (api) return new scorm12.Scorm12(api);
    return new standalone.Standalone("packager:" + data.course + ":" + data.id + ":" + data.lang);
  };
});
