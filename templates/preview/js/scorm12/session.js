/* What a SCORM 1.2 LMS does around a SCO's session (RTE 3.4.2): the data model it launches the SCO
 * with, from the learner's record and the launch (mode, mastery score from the manifest or the
 * trainer), and what it keeps of the session at LMSFinish. A record is {values, counts}: the data
 * model as the last session left it. */
Packager.define("lms.scorm12.session", [], function () {
  "use strict";

  /* Kept from one session to the next; the rest is the LMS's to set at each launch. */
  var KEPT = /^cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max)|total_time)|suspend_data|comments|objectives\.|interactions\.|student_preference\.)/;

  function copy(object) { return JSON.parse(JSON.stringify(object || {})); }

  /* The data model at launch. `launch`: {mode: "normal"|"browse"|"review", mastery: 0..100 or null,
   * student: {id, name}, launchData}. */
  function start(record, launch) {
    var values = {}, counts = copy(record && record.counts), before = (record && record.values) || {};
    Object.keys(before).forEach(function (name) { if (KEPT.test(name)) values[name] = before[name]; });
    values["cmi.core.student_id"] = launch.student.id;
    values["cmi.core.student_name"] = launch.student.name;
    values["cmi.core.lesson_mode"] = launch.mode;
    values["cmi.core.credit"] = launch.mode === "normal" ? "credit" : "no-credit";
    values["cmi.core.entry"] = !record ? "ab-initio" : before["cmi.core.exit"] === "suspend" ? "resume" : "";
    values["cmi.core.lesson_status"] = values["cmi.core.lesson_status"] || "not attempted";
    values["cmi.core.total_time"] = values["cmi.core.total_time"] || "0000:00:00.00";
    values["cmi.student_data.mastery_score"] = launch.mastery === null || launch.mastery === undefined ? "" : String(launch.mastery);
    values["cmi.launch_data"] = launch.launchData || "";
    return { values: values, counts: counts };
  }

  function seconds(timespan) {
    var p = /^(\d+):(\d+):(\d+(\.\d+)?)$/.exec(timespan || "");
    return p ? parseInt(p[1], 10) * 3600 + parseInt(p[2], 10) * 60 + parseFloat(p[3]) : 0;
  }

  function timespan(total) {
    var centis = Math.round(total * 100), pad = function (n, w) { return String(n).padStart(w, "0"); };
    return pad(Math.floor(centis / 360000), 4) + ":" + pad(Math.floor(centis / 6000) % 60, 2) + ":" +
      pad(Math.floor(centis / 100) % 60, 2) + "." + pad(centis % 100, 2);
  }

  /* The record the LMS keeps after LMSFinish: total_time adds session_time; with credit and a
   * mastery score, a score decides passed or failed (3.4.2.1.4); in review mode nothing changes. */
  function finish(model, record) {
    var v = model.values;
    if (v["cmi.core.lesson_mode"] === "review" && record) return record;
    var kept = { values: copy(v), counts: copy(model.counts) };
    var k = kept.values;
    k["cmi.core.total_time"] = timespan(seconds(v["cmi.core.total_time"]) + seconds(v["cmi.core.session_time"]));
    var mastery = v["cmi.student_data.mastery_score"], raw = v["cmi.core.score.raw"];
    if (v["cmi.core.credit"] === "credit" && mastery !== "" && raw !== undefined && raw !== "") {
      k["cmi.core.lesson_status"] = Number(raw) >= Number(mastery) ? "passed" : "failed";
    }
    return kept;
  }

  return { start: start, finish: finish, seconds: seconds, timespan: timespan };
});
