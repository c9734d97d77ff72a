"""A robot that uses the course as a learner would: the navigation controls and the real form inputs,
never the runtime's internals. `packager preview --check` and the browser tests share it.

The answer key is in each page's data (#sco-data), as the runtime scores with it."""

from __future__ import annotations

import json
import time

from playwright.sync_api import Frame


def ready(frame: Frame) -> Frame:
    """Wait until the runtime has started tracking and laid out the page (<html data-ready>)."""
    frame.wait_for_selector("html[data-ready]", state="attached")
    return frame


def sco_data(frame: Frame) -> dict:
    ready(frame)
    return json.loads(frame.locator("#sco-data").text_content() or "{}")


def wrong_response(item: dict):
    """A response that is wrong for `item`."""
    answer = item["answer"]
    kind = item["type"]
    if kind == "truefalse":
        return "f" if answer else "t"
    if kind == "single":
        return "z"  # resolved in answer(): first choice that is not the answer
    if kind in ("multiple", "ordering"):
        return list(reversed(answer)) if kind == "ordering" else answer[:-1] or ["z"]
    if kind == "matching":
        keys = sorted(answer)
        return {k: answer[keys[(i + 1) % len(keys)]] for i, k in enumerate(keys)}
    return "réponse fausse"


def answer(frame: Frame, item: dict, correct: bool = True, text: str | None = None) -> None:
    """Fill the inputs of `item` with its right answer (or a wrong one)."""
    fieldset = frame.locator(f'.question[data-question="{item["id"]}"]')
    kind = item["type"]
    response = item["answer"] if correct else wrong_response(item)
    if kind == "truefalse":
        value = response if isinstance(response, str) else ("t" if response else "f")
        fieldset.locator(f'input[value="{value}"]').check()
    elif kind == "single":
        if response == "z":
            values = fieldset.locator("input").evaluate_all("els => els.map(e => e.value)")
            response = next(v for v in values if v != item["answer"])
        fieldset.locator(f'input[value="{response}"]').check()
    elif kind == "multiple":
        _tick(fieldset, response)
    elif kind == "ordering":
        for position, choice in enumerate(response, start=1):
            fieldset.locator(f'select[data-position="{position}"]').select_option(choice)
    elif kind == "matching":
        for source, target in response.items():
            fieldset.locator(f'select[data-source="{source}"]').select_option(target)
    else:
        fieldset.locator("input[type=text]").fill(text if text is not None else (response[0] if correct else response))


def _tick(fieldset, response) -> None:
    """A multiple-choice item's boxes: those in `response` ticked; ["z"] (no wrong subset left): all."""
    for box in fieldset.locator("input").all():
        if response == ["z"] or box.get_attribute("value") in response:
            box.check()
        else:
            box.uncheck()


def walk_module(frame: Frame, wrong_first: bool = False) -> int:
    """Go through every page and answer every check right (first wrong, if `wrong_first`); end on the
    summary. The number of pages seen."""
    data = sco_data(frame)  # waits until ready
    checks = {c["id"]: c for c in data["checks"]}
    pages = 1
    while True:
        visible = frame.locator(".page:not([hidden])")
        for form in visible.locator("form.check").all():
            item = checks[form.locator(".question").get_attribute("data-question")]
            for correct in (False, True) if wrong_first else (True,):
                answer(frame, item, correct)
                form.locator("button[type=submit]").click()
        button = frame.locator('[data-nav="next"]')
        if button.is_disabled():
            return pages
        button.click()
        pages += 1


def take_quiz(frame: Frame, right: bool) -> list[str]:
    """Answer every drawn item right (or wrong) and submit; the drawn item ids."""
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for item_id in drawn:
        answer(frame, items[item_id], right)
    frame.locator('[data-quiz="submit"]').click()
    frame.locator("#result").wait_for()
    return drawn


def wait_for(predicate, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()
