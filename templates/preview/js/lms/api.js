/* The LMS side of SCORM (1.2 RTE 3.3, 2004 RTE 3.1): the API object a SCO finds in a parent window,
 * its functions under the version's names (LMSInitialize/Initialize, ...) and its states (not
 * initialized, running, terminated). Every call is checked (model.js); a refused call returns
 * "false" or "" and sets the error its rule names; after LMSFinish/Terminate only the error
 * functions answer. `hooks.call(entry)` hears of every call, `hooks.commit(model)` of each commit,
 * `hooks.finish(model)` of the end of the session. */
Packager.define("lms.api", ["lms.refusal", "lms.model"], function (refusal, model) {
  "use strict";

  var refuse = refusal.refuse;

  function Api(version, start, hooks) {
    var self = this, m = version.methods;
    this.version = version;
    this.c = version.codes;
    this.model = new model.Model(version, start.values, start.counts);
    this.hooks = hooks || {};
    this.state = "new";
    this.error = "0";
    this.diagnostic = "";
    this[m.initialize] = function (arg) { return self.initialize(arg); };
    this[m.terminate] = function (arg) { return self.terminate(arg); };
    this[m.commit] = function (arg) { return self.commit(arg); };
    this[m.getValue] = function (name) { return self.getValue(name); };
    this[m.setValue] = function (name, value) { return self.setValue(name, value); };
    this[m.getLastError] = function () { return self.error; };
    this[m.getErrorString] = function (code) { return version.strings[String(code)] || ""; };
    this[m.getDiagnostic] = function (code) {
      return code === undefined || code === "" || String(code) === self.error ? self.diagnostic : version.strings[String(code)] || "";
    };
  }

  /* Run `body` as the call `method(args)`: its result, or the refusal's, and the call recorded. */
  Api.prototype.run = function (method, args, refused, body) {
    var result;
    try {
      result = body.call(this);
      this.error = "0";
      this.diagnostic = "";
    } catch (e) {
      if (!(e instanceof refusal.Refusal)) throw e;
      result = refused;
      this.error = e.code;
      this.diagnostic = e.diagnostic;
    }
    if (this.hooks.call) {
      this.hooks.call({ method: method, args: args, result: result, error: this.error, diagnostic: this.diagnostic });
    }
    return result;
  };

  /* The session must be running for `what` (terminate, get, set, commit): else the version's code. */
  Api.prototype.running = function (what) {
    var method = this.version.methods[what];
    if (this.state === "new") refuse(this.c.before[what], method + " before " + this.version.methods.initialize);
    if (this.state === "finished") {
      refuse(this.c.after[what], method + " after " + this.version.methods.terminate + ": the session is over");
    }
  };

  Api.prototype.emptyArgument = function (what, arg) {
    if (arg !== "") refuse("201", this.version.methods[what] + " takes the empty string \"\", not " + JSON.stringify(arg));
  };

  Api.prototype.initialize = function (arg) {
    return this.run(this.version.methods.initialize, [arg], "false", function () {
      this.emptyArgument("initialize", arg);
      if (this.state === "running") refuse(this.c.initTwice, this.version.methods.initialize + " called twice");
      if (this.state === "finished") refuse(this.c.initAfter, "the session is over: the SCO was terminated");
      this.state = "running";
      return "true";
    });
  };

  Api.prototype.terminate = function (arg) {
    return this.run(this.version.methods.terminate, [arg], "false", function () {
      this.emptyArgument("terminate", arg);
      this.running("terminate");
      this.state = "finished";
      if (this.hooks.finish) this.hooks.finish(this.model);
      return "true";
    });
  };

  Api.prototype.commit = function (arg) {
    return this.run(this.version.methods.commit, [arg], "false", function () {
      this.emptyArgument("commit", arg);
      this.running("commit");
      if (this.hooks.commit) this.hooks.commit(this.model);
      return "true";
    });
  };

  Api.prototype.getValue = function (name) {
    return this.run(this.version.methods.getValue, [name], "", function () {
      this.running("getValue");
      return this.model.get(String(name));
    });
  };

  Api.prototype.setValue = function (name, value) {
    return this.run(this.version.methods.setValue, [name, value], "false", function () {
      this.running("setValue");
      this.model.set(String(name), String(value));
      return "true";
    });
  };

  return { Api: Api };
});
