// Reads a JSON array of xAPI statements on stdin; prints the problems xapi-validation finds, as JSON.
const validate = require("xapi-validation").default;
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const problems = JSON.parse(input)
    .map((statement) => ({ id: statement.id, warnings: validate(statement).map((w) => `${(w.path || []).join(".")}: expected ${w.typeName || w.constructor.name}, got ${JSON.stringify(w.data)}`) }))
    .filter((result) => result.warnings.length > 0);
  process.stdout.write(JSON.stringify(problems));
});
