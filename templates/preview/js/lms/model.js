/* A SCORM data model (1.2 or 2004) as one table, and the rules of reading and writing it (1.2 RTE
 * 3.3.2; 2004 RTE 3.1.7 and 4.1): which element a name is, whether the SCO may read or write it,
 * whether a value has the element's type and range, whether what it depends on is set. A broken
 * rule throws the version's error code (version.codes). Values are kept in a flat map by concrete
 * name ("cmi.interactions.0.id"), record counts by array ("cmi.interactions": 1).
 *
 * `version`: {elements, children, arrays, codes, fits(type, value, name, values)}; an element is
 * {access: "ro"|"rw"|"wo", type: "a|b", range: [low, high], requires: [sibling names in its record]}. */
Packager.define("lms.model", ["lms.refusal"], function (refusal) {
  "use strict";

  var refuse = refusal.refuse;

  /* "cmi.interactions.3.objectives.0.id" -> "cmi.interactions.n.objectives.n.id" (and a choice
   * target "{target=x}" -> "{target}"). */
  function generic(name) {
    return name.replace(/\.(\d+)(?=\.|$)/g, ".n").replace(/\{target=[^}]*\}/g, "{target}");
  }

  function Model(version, values, counts) {
    this.v = version;
    this.c = version.codes;
    this.values = values || {};
    this.counts = counts || {};
  }

  Model.prototype.known = function (pattern) {
    var elements = this.v.elements;
    return pattern in elements || Object.keys(elements).some(function (name) { return name.indexOf(pattern + ".") === 0; });
  };

  Model.prototype.keyword = function (name, keyword) {
    var concrete = name.slice(0, -keyword.length - 1), base = generic(concrete);
    if (keyword === "_children" && base in this.v.children) return this.v.children[base];
    if (keyword === "_count" && this.v.arrays.indexOf(base) >= 0) return String(this.counts[concrete] || 0);
    if (this.known(base)) refuse(keyword === "_children" ? this.c.noChildren : this.c.noCount, name + " has no " + keyword);
    return refuse(this.c.unknown, concrete + " is not an element of the data model");
  };

  /* The element `name` is, after checking each array index against its array's count (an index may
   * be the count itself when `creating`: the next record). */
  Model.prototype.element = function (name, creating) {
    var element = this.v.elements[generic(name)], self = this;
    if (!element) refuse(this.c.unknown, name + " is not an element of the data model");
    var parts = name.split(".");
    parts.forEach(function (part, i) {
      if (!/^\d+$/.test(part)) return;
      var array = parts.slice(0, i).join("."), count = self.counts[array] || 0, index = parseInt(part, 10);
      if (index > count || (index === count && !creating)) {
        refuse(self.c.index, name + ": " + array + " has " + count + " record(s); the next index is " + count);
      }
    });
    return element;
  };

  Model.prototype.get = function (name) {
    if (name === "") refuse(this.c.getEmpty, "GetValue needs an element name");
    var keyword = /\.(_children|_count)$/.exec(name);
    if (keyword) return this.keyword(name, keyword[1]);
    var element = this.element(name, false);
    if (element.access === "wo") refuse(this.c.writeOnly, name + " is write only");
    if (name in this.values) return this.values[name];
    if ("initial" in element) return element.initial;
    if (this.c.notInitialized) refuse(this.c.notInitialized, name + " has no value yet");
    return "";
  };

  Model.prototype.set = function (name, value) {
    if (name === "") refuse(this.c.setEmpty, "SetValue needs an element name");
    if (/\.(_children|_count|_version)$/.test(name)) refuse(this.c.keyword, name + " is a keyword: it cannot be set");
    var element = this.element(name, true);
    if (element.access === "ro") refuse(this.c.readOnly, name + " is read only");
    this.depends(name, element);
    this.check(name, element, value);
    if (element.unique) this.unique(name, element.unique, value);
    this.values[name] = value;
    this.grow(name);
  };

  /* 2004 (RTE 4.1.1.7): an interaction's or objective's id first, then its type, before the rest. */
  Model.prototype.depends = function (name, element) {
    var record = /^(cmi\.(interactions|objectives)\.\d+)\./.exec(name), values = this.values;
    (element.requires || []).forEach(function (sibling) {
      if (!((record[1] + "." + sibling) in values)) {
        refuse("408", name + " needs " + record[1] + "." + sibling + " to be set first");
      }
    });
  };

  /* A value of the wrong type, or out of range. */
  Model.prototype.check = function (name, element, value) {
    var self = this, types = element.type.split("|");
    var fits = types.some(function (type) { return self.v.fits(type, value, name, self.values); });
    if (!fits) refuse(this.c.type, name + ": " + describe(value) + " is not " + this.v.expected(element));
    var number = Number(value);
    if (element.range && value !== "" && (number < element.range[0] || number > element.range[1])) {
      refuse(this.c.range, name + ": " + value + " is not in " + element.range.join(".."));
    }
    if (element.spm && value.length > element.spm) {
      refuse(this.c.range, name + ": a value of " + value.length + " characters is longer than the " + element.spm +
             " every LMS must keep (SPM)");
    }
  };

  /* 2004: an objective's id is unique among the SCO's objectives (351, RTE 4.2.17). */
  Model.prototype.unique = function (name, array, value) {
    var self = this, mine = /\.(\d+)\./.exec(name)[1];
    for (var i = 0; i < (this.counts[array] || 0); i++) {
      if (String(i) !== mine && self.values[array + "." + i + ".id"] === value) {
        refuse(this.c.setFailure, name + ": " + JSON.stringify(value) + " is already the id of " + array + "." + i);
      }
    }
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

  /* One data model from its parts' tables ({elements, children, arrays} each). */
  function tables(parts) {
    var all = { elements: {}, children: {}, arrays: [] };
    parts.forEach(function (part) {
      Object.keys(part.elements).forEach(function (name) { all.elements[name] = part.elements[name]; });
      Object.keys(part.children).forEach(function (name) { all.children[name] = part.children[name]; });
      all.arrays = all.arrays.concat(part.arrays || []);
    });
    return all;
  }

  return { Model: Model, generic: generic, tables: tables };
});
