"""Screenshots for the README, taken from a real build in Debian's Chromium.

    python -m tests.browser.screenshots      # writes docs/screenshots/*.png

The preview's (preview-fr.png, preview-ar.png) show `packager preview` on the course with its panel
after a learner went through the first pages of module 1 and answered its first check.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from packager.build import build
from packager.preview.app import Preview
from packager.preview.check import CHROMIUM_ARGS
from packager.preview.server import PreviewServer
from tests.browser.harness import CHROMIUM, ROOT, Server
from tests.browser.robot import answer, ready, sco_data

OUT = ROOT / "docs" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        dist = Path(tmp) / "dist"
        build(ROOT / "modules", dist, formats=("scorm12",))
        server = Server(Path(tmp) / "site")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            preview_shots(browser)
            for lang in ("fr", "ar"):
                base = server.base + server.extract(dist / f"tip-maroc_course_{lang}_scorm12.zip")
                for device, viewport in VIEWPORTS.items():
                    page = browser.new_page(viewport=viewport)
                    for part in ("m01", "quiz"):
                        page.goto(f"{base}/{part}/index.html")
                        ready(page.main_frame)
                        page.evaluate("localStorage.clear()")
                        page.reload()
                        ready(page.main_frame)
                        if part == "m01":  # the first page with a diagram
                            first = page.evaluate(
                                "document.querySelector('figure.diagram').closest('.page').dataset.page"
                            )
                            page.locator(f'.toc [data-goto="{first}"]').click()
                            page.locator(".page:not([hidden]) figure.diagram").first.scroll_into_view_if_needed()
                        page.wait_for_load_state("networkidle")
                        path = OUT / f"{'module' if part == 'm01' else 'quiz'}-{lang}-{device}.png"
                        page.screenshot(path=str(path))
                        print(path.relative_to(ROOT))
                    page.close()
            browser.close()
        server.close()


def preview_shots(browser) -> None:
    """The preview of the course with its panel, in French and in Arabic."""
    for lang in ("fr", "ar"):
        server = PreviewServer(Preview(ROOT / "modules", "scorm12", lang)).start()
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{server.url}/#part=m01")
        frame = ready(page.query_selector("#sco").content_frame())
        first = sco_data(frame)["checks"][0]
        while not frame.locator(f'.page:not([hidden]) [data-question="{first["id"]}"]').count():
            frame.locator('[data-nav="next"]').click()
        answer(frame, first)
        frame.locator(f'form.check:has([data-question="{first["id"]}"]) button[type=submit]').click()
        frame.locator('[data-nav="next"]').click()
        page.wait_for_timeout(300)
        path = OUT / f"preview-{lang}.png"
        page.screenshot(path=str(path))
        print(path.relative_to(ROOT))
        page.close()
        server.stop()


if __name__ == "__main__":
    main()
