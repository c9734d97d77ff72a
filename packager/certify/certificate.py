"""Certificate PDFs: A4 landscape, French and Arabic, rendered with WeasyPrint from
templates/certificate/ (Jinja2, autoescaped), with a QR code (segno) to the verification URL.

Layout is what costs in WeasyPrint (shaping the Arabic, placing every block), so the parts all
certificates share are laid out once: the template puts every block at fixed coordinates, the
"fixed" layer is rendered once per run, the "learner" layer (name, date, score, number, QR) of a
whole batch of learners is rendered as one document, and each of its pages is merged onto a copy
of the fixed page with pypdf. The result looks the same as rendering the "full" template for each
learner, and its text (both layers) is extractable. bench/certificates.py measures both ways.

`Renderers` are the processes that render (`--workers`): started as soon as a certificate looks
likely, each sets up WeasyPrint, the fonts and the fixed layer while the LRS is still being read.
They run at a lower priority (nice +10): when the machine has no core to spare, reading the LRS (and
an LRS on the same machine) goes first, and rendering takes what is left.
"""

from __future__ import annotations

import functools
import io
import multiprocessing
import multiprocessing.pool
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import segno
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pypdf import PdfReader, PdfWriter

from packager import templates
from packager.errors import PackagerError
from packager.source.model import Course
from packager.spec.languages import direction

TEMPLATE_DIR = templates.path("certificate")
NICENESS = 10  # of the rendering processes


class CertificateError(PackagerError):
    """The course cannot be certified as configured."""


@dataclass(frozen=True)
class Sheet:
    """What varies from one certificate to the next."""

    number: str
    name: str
    score: float  # scaled, 0..1
    date: str  # ISO date YYYY-MM-DD
    url: str


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
    )


@functools.cache
def strings() -> dict[str, dict]:
    """Certificate wording per language (templates/certificate/strings.yaml)."""
    return yaml.safe_load((TEMPLATE_DIR / "strings.yaml").read_text(encoding="utf-8"))


def columns(languages: list[str]) -> list[dict]:
    """One column per language, at most two: a right-to-left language on the right, else in order."""
    if not 1 <= len(languages) <= 2:
        raise CertificateError(f"a certificate shows one or two languages; the course has {', '.join(languages)}")
    missing = [lang for lang in languages if lang not in strings()]
    if missing:
        raise CertificateError(f"no certificate wording for {', '.join(missing)} in templates/certificate/strings.yaml")
    sides = ["left", "right"]
    if len(languages) == 2 and direction(languages[0]) == "rtl" and direction(languages[1]) == "ltr":
        sides.reverse()
    if len(languages) == 1:
        sides = ["right" if direction(languages[0]) == "rtl" else "left"]
    return [
        {"lang": lang, "dir": direction(lang), "side": side, "t": strings()[lang]}
        for lang, side in zip(languages, sides, strict=True)
    ]


def long_date(iso: str, months: list[str]) -> str:
    year, month, day = (int(part) for part in iso[:10].split("-"))
    return f"{day} {months[month - 1]} {year}"


class Renderer:
    def __init__(self, course: Course):
        import weasyprint  # imported here: only certification needs it (and Pango)

        self.weasyprint = weasyprint
        self.course = course
        self.columns = columns(course.languages)
        self.title = " / ".join(course.title[lang] for lang in course.languages)
        self.template = _environment().get_template("certificate.html.j2")
        self.stylesheet = weasyprint.CSS(filename=str(TEMPLATE_DIR / "certificate.css"))
        self.fonts = weasyprint.text.fonts.FontConfiguration()
        self.fixed: bytes | None = None  # the fixed layer, rendered once

    def html(self, sheets: list[Sheet], layer: str = "full") -> str:
        certificates = [
            {
                "number": s.number,
                "name": s.name,
                "percent": round(s.score * 100),
                "url": s.url,
                "dates": {c["lang"]: long_date(s.date, c["t"]["months"]) for c in self.columns},
                "qr": segno.make(s.url, error="m").svg_data_uri(scale=4, border=0),
            }
            for s in sheets
        ]
        return self.template.render(
            course=self.course,
            issuers=self.course.issuers,
            certificates=certificates,
            columns=self.columns,
            title=self.title,
            layer=layer,
        )

    def pdf(self, html: str) -> bytes:
        document = self.weasyprint.HTML(string=html, base_url=str(TEMPLATE_DIR) + "/")
        return document.write_pdf(stylesheets=[self.stylesheet], font_config=self.fonts)

    def warm(self) -> bytes:
        """The fixed layer, laid out once (the same for every learner: the placeholder shows nowhere)."""
        if self.fixed is None:
            self.fixed = self.pdf(self.html([Sheet("-", "-", 0.0, "2000-01-01", "-")], "fixed"))
        return self.fixed

    def render(self, sheets: list[Sheet]) -> list[bytes]:
        """One PDF per sheet: the learners' layers as one document, each merged onto the fixed layer."""
        fixed = self.warm()
        learners = PdfReader(io.BytesIO(self.pdf(self.html(sheets, "learner"))))
        if len(learners.pages) != len(sheets):
            raise RuntimeError(f"{len(sheets)} certificates laid out on {len(learners.pages)} pages")
        pdfs = []
        for page in learners.pages:
            writer = PdfWriter()
            sheet = writer.add_page(PdfReader(io.BytesIO(fixed)).pages[0])
            sheet.merge_page(page)
            writer.add_metadata({"/Title": self.title, "/Producer": "packager"})
            out = io.BytesIO()
            writer.write(out)
            pdfs.append(out.getvalue())
        return pdfs


class _Process:
    """What this rendering process renders, and its renderer."""

    course: Course | None = None
    renderer: Renderer | None = None


def _warm(course: Course) -> None:
    """A rendering process starts: set up its renderer. A failure waits for the first batch, which
    reports it (a pool whose initializer raises starts new processes forever)."""
    if hasattr(os, "getpriority") and os.getpriority(os.PRIO_PROCESS, 0) < NICENESS:
        os.nice(NICENESS - os.getpriority(os.PRIO_PROCESS, 0))
    _Process.course = course
    try:
        _Process.renderer = Renderer(course)
        _Process.renderer.warm()
    except Exception:  # noqa: BLE001  reported by _render
        _Process.renderer = None


def _render(sheets: list[Sheet]) -> list[bytes]:
    if _Process.renderer is None:
        assert _Process.course is not None
        _Process.renderer = Renderer(_Process.course)
    return _Process.renderer.render(sheets)


class Renderers:
    """`workers` processes rendering batches of certificates, in order."""

    def __init__(self, course: Course, workers: int = 1):
        self.course, self.workers = course, workers
        self.pool: multiprocessing.pool.Pool | None = None
        self.starting: threading.Thread | None = None
        self.failure: OSError | None = None
        self.used = False

    def start(self) -> None:
        """Start the processes, from a thread: the caller goes on at once (starting them pickles the
        course for each). Idempotent."""
        if self.starting is None:
            self.starting = threading.Thread(target=self._start, name="renderers", daemon=True)
            self.starting.start()

    def _start(self) -> None:
        if sys.platform == "linux":  # this thread only: the processes it starts inherit it from their first step
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
        try:  # spawn, not fork: threads may be reading the LRS at this moment, and forking them is unsafe
            self.pool = multiprocessing.get_context("spawn").Pool(self.workers, _warm, (self.course,))
        except OSError as exc:  # said by render(), in the main thread
            self.failure = exc

    def render(self, batches: list[list[Sheet]]) -> Iterator[list[bytes]]:
        """The PDFs of each batch, in the order of the batches, each as soon as it is ready."""
        self.start()
        assert self.starting is not None
        self.starting.join()
        if self.pool is None:
            raise CertificateError(f"the processes rendering certificates could not be started: {self.failure}")
        self.used = True
        return self.pool.imap(_render, batches)

    def __enter__(self) -> Renderers:
        return self

    def __exit__(self, failed, *_) -> None:
        if self.starting is not None:
            self.starting.join()
        if self.pool is not None:
            if failed or not self.used:  # nothing to wait for
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
