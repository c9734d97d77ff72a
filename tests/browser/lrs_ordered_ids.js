/* Preloaded into the test LRS (node --require): gives the statements of xapi-statements' in-memory
 * store internal ids that sort by time, as Learning Locker's MongoDB ObjectIds do.
 *
 * Why: that store pages a query with a cursor on each statement's internal _id, compared as a
 * string, while it sorts by `stored`; its ids are uuid v1 strings, whose first field (the low 32 bits
 * of the time) wraps every 429 seconds. A query longer than a page then loses every statement stored
 * after a wrap (seen: 12,000 of 100,000 statements missing when paging through all of them). Nothing
 * else changes: statement ids, validation, voiding and paging are the service's own. */
"use strict";

const uuid = require(require.resolve("uuid", { paths: [require.resolve("xapi-statements")] }));
if (typeof uuid.v1 !== "function") throw new Error("lrs_ordered_ids.js: uuid.v1 not found (xapi-statements changed?)");

let last = 0;
let count = 0;
uuid.v1 = function orderedId() {
  const now = Date.now();
  count = now === last ? count + 1 : 0;
  last = now;
  return now.toString(16).padStart(12, "0") + count.toString(16).padStart(12, "0");
};
