/* The LMS side of SCORM 1.2 (RTE 3.3): the API object a SCO finds in a parent window, with the eight
 * functions and their states (not initialized, running, finished). Every call is checked (model.js);
 * a refused call returns "false" or "" and sets the error its rule names. No call but the error
 * functions is accepted after LMSFinish (101). `hooks.call(entry)` hears of every call,
 * `hooks.commit(model)` of LMSCommit and `hooks.finish(model)` of LMSFinish. */
Packager.define("lms.scorm12.api", ["lms.scorm12.errors", "lms.scorm12.model"], function (errors, model) {
  "use strict";

  function Api(start, hooks) {
    this.model = new model.Model(start.values, start.counts);
    this.hooks = hooks || {};
    this.state = "new";
    this.error = "0";
    this.diagnostic = "";
  }

  /* Run `body` as the call `method(args)`: its result, or the refusal's, and the call recorded. */
  Api.prototype.run = function (method, args, refused, body) {
    var result;
    try {
      result = body.call(this);
      this.error = "0";
      this.diagnostic = "";
    } catch (e) {
      if (!(e instanceof errors.Refusal)) throw e;
      result = refused;
      this.error = e.code;
      this.diagnostic = e.diagnostic;
    }
    if (this.hooks.call) {
      this.hooks.call({ method: method, args: args, result: result, error: this.error, diagnostic: this.diagnostic });
    }
    return result;
  };

  Api.prototype.running = function (method) {
    if (this.state === "new") errors.refuse("301", method + " before LMSInitialize");
    if (this.state === "finished") errors.refuse("101", method + " after LMSFinish: the session is over");
  };

  function emptyArgument(method, arg) {
    if (arg !== "") errors.refuse("201", method + " takes the empty string \"\", not " + JSON.stringify(arg));
  }

  Api.prototype.LMSInitialize = function (arg) {
    return this.run("LMSInitialize", [arg], "false", function () {
      emptyArgument("LMSInitialize", arg);
      if (this.state === "running") errors.refuse("101", "LMSInitialize called twice");
      if (this.state === "finished") errors.refuse("101", "LMSInitialize after LMSFinish: the session is over");
      this.state = "running";
      return "true";
    });
  };

  Api.prototype.LMSFinish = function (arg) {
    return this.run("LMSFinish", [arg], "false", function () {
      emptyArgument("LMSFinish", arg);
      this.running("LMSFinish");
      this.state = "finished";
      if (this.hooks.finish) this.hooks.finish(this.model);
      return "true";
    });
  };

  Api.prototype.LMSCommit = function (arg) {
    return this.run("LMSCommit", [arg], "false", function () {
      emptyArgument("LMSCommit", arg);
      this.running("LMSCommit");
      if (this.hooks.commit) this.hooks.commit(this.model);
      return "true";
    });
  };

  Api.prototype.LMSGetValue = function (name) {
    return this.run("LMSGetValue", [name], "", function () {
      this.running("LMSGetValue");
      return this.model.get(String(name));
    });
  };

  Api.prototype.LMSSetValue = function (name, value) {
    return this.run("LMSSetValue", [name, value], "false", function () {
      this.running("LMSSetValue");
      this.model.set(String(name), String(value));
      return "true";
    });
  };

  Api.prototype.LMSGetLastError = function () { return this.error; };
  Api.prototype.LMSGetErrorString = function (code) { return errors.STRINGS[String(code)] || ""; };
  Api.prototype.LMSGetDiagnostic = function (code) {
    return code === undefined || code === "" || String(code) === this.error ? this.diagnostic : errors.STRINGS[String(code)] || "";
  };

  return { Api: Api };
});
