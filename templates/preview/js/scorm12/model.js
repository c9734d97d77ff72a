/* The SCORM 1.2 data model as one table (core.js, student.js, objectives.js, interactions.js), and
 * the rules of reading and writing it (RTE 3.3.2): which element a name is, whether the SCO may read
 * or write it, whether a value has the element's type; a broken rule throws its error code. Values
 * are kept in a flat map by concrete name ("cmi.interactions.0.id"), record counts by array. */
Packager.define("lms.scorm12.model", ["lms.scorm12.errors", "lms.scorm12.types", "lms.scorm12.core", "lms.scorm12.student",
  "lms.scorm12.objectives", "lms.scorm12.interactions"], function (errors, types, core, student, objectives, interactions) {
  "use strict";

  var refuse = errors.refuse;
  var ELEMENTS = {}, CHILDREN = {}, ARRAYS = [];
  [core, student, objectives, interactions].forEach(function (part) {
    Object.keys(part.elements).forEach(function (name) { ELEMENTS[name] = part.elements[name]; });
    Object.keys(part.children).forEach(function (name) { CHILDREN[name] = part.children[name]; });
    ARRAYS = ARRAYS.concat(part.arrays || []);
  });

  /* "cmi.interactions.3.objectives.0.id" -> "cmi.interactions.n.objectives.n.id" and [3, 0]. */
  function generic(name) {
    var indexes = [];
    var pattern = name.replace(/\.(\d+)(?=\.|$)/g, function (match, digits) {
      indexes.push(parseInt(digits, 10));
      return ".n";
    });
    return { pattern: pattern, indexes: indexes };
  }

  /* Is `pattern` a parent of an element (cmi.core, cmi.interactions.n, ...)? */
  function isParent(pattern) {
    return Object.keys(ELEMENTS).some(function (name) { return name.indexOf(pattern + ".") === 0; });
  }

  function Model(values, counts) {
    this.values = values || {};
    this.counts = counts || {};
  }

  Model.prototype.keyword = function (name, keyword) {
    var base = generic(name.slice(0, -keyword.length - 1)).pattern;
    if (keyword === "_children" && base in CHILDREN) return CHILDREN[base];
    if (keyword === "_count" && ARRAYS.indexOf(base) >= 0) return String(this.counts[name.slice(0, -7)] || 0);
    if (base in ELEMENTS || isParent(base)) refuse(keyword === "_children" ? "202" : "203", name + " has no " + keyword);
    return refuse("201", base + " is not an element of the SCORM 1.2 data model");
  };

  /* The element `name` is, after checking each array index against its array's count (an index may
   * be the count itself when `creating`: the next record). */
  Model.prototype.element = function (name, creating) {
    var g = generic(name), element = ELEMENTS[g.pattern];
    if (!element) refuse("201", name + " is not an element of the SCORM 1.2 data model");
    var parts = name.split("."), counts = this.counts;
    parts.forEach(function (part, i) {
      if (!/^\d+$/.test(part)) return;
      var array = parts.slice(0, i).join("."), count = counts[array] || 0, index = parseInt(part, 10);
      if (index > count || (index === count && !creating)) {
        refuse("201", name + ": " + array + " has " + count + " record(s); the next index is " + count);
      }
    });
    return element;
  };

  Model.prototype.get = function (name) {
    var keyword = /\.(_children|_count)$/.exec(name);
    if (keyword) return this.keyword(name, keyword[1]);
    var element = this.element(name, false);
    if (element.access === "wo") refuse("404", name + " is write only");
    return name in this.values ? this.values[name] : "";
  };

  Model.prototype.set = function (name, value) {
    var keyword = /\.(_children|_count)$/.exec(name);
    if (keyword) refuse("402", name + " is a keyword: it cannot be set");
    var element = this.element(name, true);
    if (element.access === "ro") refuse("403", name + " is read only");
    this.check(name, element, value);
    this.values[name] = value;
    this.grow(name);
  };

  /* A value of the wrong type, or out of range: 405. */
  Model.prototype.check = function (name, element, value) {
    var self = this, ok = element.type.split("|").some(function (type) { return self.fits(name, type, value); });
    if (ok && element.range && value !== "") ok = Number(value) >= element.range[0] && Number(value) <= element.range[1];
    if (!ok) refuse("405", name + ": " + describe(value) + " is not " + expected(element));
  };

  Model.prototype.fits = function (name, type, value) {
    if (type === "CMIFeedback") {
      var record = name.replace(/^(cmi\.interactions\.\d+)\..*$/, "$1");
      return types.CMIFeedback(value, this.values[record + ".type"]);
    }
    return (types.TYPES[type] || types.VOCABULARY[type])(value);
  };

  /* Writing the next index of an array adds a record to it. */
  Model.prototype.grow = function (name) {
    var parts = name.split("."), counts = this.counts;
    parts.forEach(function (part, i) {
      if (!/^\d+$/.test(part)) return;
      var array = parts.slice(0, i).join(".");
      if (parseInt(part, 10) === (counts[array] || 0)) counts[array] = (counts[array] || 0) + 1;
    });
  };

  function describe(value) {
    return value.length > 60 ? "a value of " + value.length + " characters" : JSON.stringify(value);
  }

  function expected(element) {
    return element.type.split("|").map(function (type) {
      var words = types.VOCABULARY[type] && types.VOCABULARY[type].words;
      if (words) return "one of " + words.map(function (w) { return JSON.stringify(w); }).join(", ");
      return type + (element.range ? " in " + element.range.join("..") : "");
    }).join(" or ");
  }

  return { Model: Model, ELEMENTS: ELEMENTS, CHILDREN: CHILDREN, ARRAYS: ARRAYS, generic: generic };
});
