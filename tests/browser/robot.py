"""A test robot that uses the course as a learner would: navigation controls and real inputs. The
learner itself (answers, a module walked, readiness) is packager.preview.robot, which
`packager preview --check` uses too; here is what only the test LMS pages need."""

from __future__ import annotations

from playwright.sync_api import Frame, Page

from packager.preview.robot import answer, ready, sco_data, wait_for, walk_module, wrong_response

__all__ = [
    "answer",
    "leave",
    "page_through",
    "ready",
    "sco_data",
    "sco_frame",
    "wait_for",
    "walk_module",
    "wrong_response",
]


def page_through(frame: Frame) -> None:
    """Every page, as in review mode: checks are shown, not answered."""
    ready(frame)
    while frame.locator('[data-nav="next"]').count() and not frame.locator('[data-nav="next"]').is_disabled():
        frame.locator('[data-nav="next"]').click()


def leave(page: Page) -> None:
    """Navigate the SCO frame away, as Moodle does when the learner opens another activity."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")


def sco_frame(page: Page) -> Frame:
    page.wait_for_selector("#sco")
    page.frame_locator("#sco").locator("html[data-ready]").wait_for(state="attached")
    return page.query_selector("#sco").content_frame()
