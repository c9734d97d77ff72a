// Loads runtime modules into Node for unit tests: core.js first (it sets globalThis.Packager), then the
// files asked for, in order; returns Packager.use.
"use strict";
const path = require("node:path");
const RUNTIME = path.join(__dirname, "..", "..", "templates", "runtime", "js");

module.exports = function load(...names) {
  require(path.join(RUNTIME, "core.js"));
  for (const name of names) require(path.join(RUNTIME, `${name}.js`));
  return globalThis.Packager.use;
};
