// ESLint for the learner runtime (plain browser scripts, each a Packager.define module) and its Node tests.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

const MAX_LINES = 40;

/* Functions fit on a screen: at most MAX_LINES lines, except a module's own factory (the function given
 * to Packager.define, or core.js's wrapper), which holds the module's functions. */
const shortFunctions = {
  meta: { type: "suggestion", schema: [] },
  create(context) {
    function moduleBody(node) {
      const call = node.parent;
      return call && call.type === "CallExpression" &&
        (call.callee === node || call.callee.type === "MemberExpression" && call.callee.property.name === "define");
    }
    function check(node) {
      const lines = node.loc.end.line - node.loc.start.line + 1;
      if (lines > MAX_LINES && !moduleBody(node)) {
        context.report({ node, message: `function of ${lines} lines (at most ${MAX_LINES})` });
      }
    }
    return { FunctionDeclaration: check, FunctionExpression: check, ArrowFunctionExpression: check };
  },
};

module.exports = [
  { ignores: ["templates/verify/assets/vendor/**"] },
  js.configs.recommended,
  {
    files: ["templates/runtime/js/**/*.js", "templates/preview/js/**/*.js"],
    plugins: { packager: { rules: { "short-functions": shortFunctions } } },
    languageOptions: { ecmaVersion: 2017, sourceType: "script", globals: { ...globals.browser, Packager: "readonly", globalThis: "readonly" } },
    rules: {
      "packager/short-functions": "error",
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      strict: ["error", "function"],
    },
  },
  {
    files: ["templates/verify/assets/*.js"],
    plugins: { packager: { rules: { "short-functions": shortFunctions } } },
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: {
      "packager/short-functions": "error",
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["tests/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
  {
    files: ["tests/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node, ...globals.browser } },
  },
];
