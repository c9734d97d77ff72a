/* What a SCORM 2004 LMS does around a SCO's session, as Moodle does it: the data model the SCO is
 * launched with, from the learner's record and the launch (mode, scaled passing score from the
 * manifest or the trainer), and what it keeps at Terminate. The record stays until a new attempt
 * (the panel's reset); entry is "resume" after exit "suspend", else "". The preview launches each SCO
 * directly and does not run IMS Simple Sequencing: adl.nav.request_valid answers "unknown". */
Packager.define("lms.scorm2004.session", [], function () {
  "use strict";

  var LMS_OWN = /^(cmi\.(_version|credit|entry|mode|learner_id|learner_name|launch_data|scaled_passing_score|time_limit_action|session_time|exit)|adl\.nav\.)/;

  function copy(object) { return JSON.parse(JSON.stringify(object || {})); }

  /* `launch`: {mode, mastery: 0..100 or null, student: {id, name}, launchData}. */
  function start(record, launch) {
    var values = {}, before = (record && record.values) || {};
    Object.keys(before).forEach(function (name) { if (!LMS_OWN.test(name)) values[name] = before[name]; });
    values["cmi._version"] = "1.0";
    values["cmi.learner_id"] = launch.student.id;
    values["cmi.learner_name"] = launch.student.name;
    values["cmi.mode"] = launch.mode;
    values["cmi.credit"] = launch.mode === "normal" ? "credit" : "no-credit";
    values["cmi.entry"] = !record ? "ab-initio" : before["cmi.exit"] === "suspend" ? "resume" : "";
    values["cmi.completion_status"] = values["cmi.completion_status"] || "unknown";
    values["cmi.success_status"] = values["cmi.success_status"] || "unknown";
    values["cmi.total_time"] = values["cmi.total_time"] || "PT0S";
    values["cmi.time_limit_action"] = "continue,no message";
    values["adl.nav.request_valid.continue"] = values["adl.nav.request_valid.previous"] = "unknown";
    if (launch.mastery !== null && launch.mastery !== undefined) values["cmi.scaled_passing_score"] = String(launch.mastery / 100);
    if (launch.launchData) values["cmi.launch_data"] = launch.launchData;
    if (!("cmi.learner_preference.audio_level" in values)) defaults(values);
    return { values: values, counts: copy(record && record.counts) };
  }

  function defaults(values) {
    values["cmi.learner_preference.audio_level"] = "1";
    values["cmi.learner_preference.language"] = "";
    values["cmi.learner_preference.delivery_speed"] = "1";
    values["cmi.learner_preference.audio_captioning"] = "0";
  }

  var PART = /(\d+(?:\.\d+)?)([YMDHS])/g;
  var SECONDS = { Y: 31536000, D: 86400, H: 3600, S: 1 };

  /* Seconds of an ISO 8601 duration (months as 30 days, years as 365: only sums of session times). */
  function seconds(duration) {
    var total = 0, date = (duration || "").split("T")[0], time = (duration || "").split("T")[1] || "", match;
    while ((match = PART.exec(date)) !== null) total += parseFloat(match[1]) * (match[2] === "M" ? 2592000 : SECONDS[match[2]]);
    while ((match = PART.exec(time)) !== null) total += parseFloat(match[1]) * (match[2] === "M" ? 60 : SECONDS[match[2]]);
    return total;
  }

  function duration(total) {
    var centis = Math.round(total * 100);
    return "PT" + Math.floor(centis / 360000) + "H" + Math.floor(centis / 6000) % 60 + "M" + (centis % 6000) / 100 + "S";
  }

  /* At Terminate: total_time adds session_time; with credit, a scaled score against the scaled
   * passing score decides success_status (RTE 4.2.22); in review mode nothing changes. */
  function finish(model, record) {
    var v = model.values;
    if (v["cmi.mode"] === "review" && record) return record;
    var kept = { values: copy(v), counts: copy(model.counts) }, k = kept.values;
    k["cmi.total_time"] = duration(seconds(v["cmi.total_time"]) + seconds(v["cmi.session_time"]));
    var passing = v["cmi.scaled_passing_score"], scaled = v["cmi.score.scaled"];
    if (v["cmi.credit"] === "credit" && passing !== undefined && scaled !== undefined) {
      k["cmi.success_status"] = Number(scaled) >= Number(passing) ? "passed" : "failed";
    }
    return kept;
  }

  return { start: start, finish: finish, seconds: seconds, duration: duration };
});
