// Loads the preview's LMS modules (templates/preview/js) into Node for unit tests, after the runtime's
// core.js (their module system); returns Packager.use.
"use strict";
const path = require("node:path");
const load = require("./load");
const LMS = path.join(__dirname, "..", "..", "templates", "preview", "js");

module.exports = function loadLms(...names) {
  const use = load();
  for (const name of names) require(path.join(LMS, `${name}.js`));
  return use;
};
