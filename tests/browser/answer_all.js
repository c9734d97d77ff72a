/* Answers every drawn quiz item from the answer key, in the page (a bank of 80 items in one round trip):
 * evaluated by tests/browser/test_quiz.py with the key's items as its argument. The runtime reads the
 * inputs as it reads a learner's. */
(items) => {
  const changed = (input) => input.dispatchEvent(new Event(input.type === "text" ? "input" : "change", { bubbles: true }));
  for (const item of items) {
    const fs = document.querySelector(`.question[data-question="${item.id}"]`);
    const pick = (value) => {
      const input = fs.querySelector(`input[value="${value}"]`);
      input.checked = true;
      changed(input);
    };
    const choose = (selector, value) => {
      const select = fs.querySelector(selector);
      select.value = value;
      changed(select);
    };
    if (item.type === "single") pick(item.answer);
    else if (item.type === "truefalse") pick(item.answer ? "t" : "f");
    else if (item.type === "multiple") item.answer.forEach(pick);
    else if (item.type === "ordering") item.answer.forEach((c, k) => choose(`select[data-position="${k + 1}"]`, c));
    else if (item.type === "matching") Object.entries(item.answer).forEach(([s, t]) => choose(`select[data-source="${s}"]`, t));
    else {
      const input = fs.querySelector("input[type=text]");
      input.value = item.answer[0];
      changed(input);
    }
  }
}
