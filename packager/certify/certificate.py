"""Certificate PDFs: A4 landscape, French and Arabic, rendered with WeasyPrint from
templates/certificate/ (Jinja2, autoescaped), with a QR code (segno) to the verification URL.

Layout is what costs in WeasyPrint (shaping the Arabic, placing every block), so the parts all
certificates share are laid out once: the template puts every block at fixed coordinates, the
"fixed" layer is rendered once per run, the "learner" layer (name, date, score, number, QR) of a
whole batch of learners is rendered as one document, and each of its pages is merged onto a copy
of the fixed page with pypdf. The result looks the same as rendering the "full" template for each
learner, and its text (both layers) is extractable. bench/certificates.py measures both ways.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import segno
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pypdf import PdfReader, PdfWriter

from packager import templates
from packager.errors import PackagerError
from packager.source.model import Course
from packager.spec.languages import direction

TEMPLATE_DIR = templates.path("certificate")


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
    return Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined)


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
    return [{"lang": lang, "dir": direction(lang), "side": side, "t": strings()[lang]} for lang, side in zip(languages, sides)]


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
        certificates = [{
            "number": s.number, "name": s.name, "percent": round(s.score * 100), "url": s.url,
            "dates": {c["lang"]: long_date(s.date, c["t"]["months"]) for c in self.columns},
            "qr": segno.make(s.url, error="m").svg_data_uri(scale=4, border=0),
        } for s in sheets]
        return self.template.render(course=self.course, issuers=self.course.issuers, certificates=certificates,
                                    columns=self.columns, title=self.title, layer=layer)

    def pdf(self, html: str) -> bytes:
        document = self.weasyprint.HTML(string=html, base_url=str(TEMPLATE_DIR) + "/")
        return document.write_pdf(stylesheets=[self.stylesheet], font_config=self.fonts)

    def render(self, sheets: list[Sheet]) -> list[bytes]:
        """One PDF per sheet: the learners' layers as one document, each merged onto the fixed layer."""
        if self.fixed is None:
            self.fixed = self.pdf(self.html(sheets[:1], "fixed"))
        learners = PdfReader(io.BytesIO(self.pdf(self.html(sheets, "learner"))))
        if len(learners.pages) != len(sheets):
            raise RuntimeError(f"{len(sheets)} certificates laid out on {len(learners.pages)} pages")
        pdfs = []
        for page in learners.pages:
            writer = PdfWriter()
            sheet = writer.add_page(PdfReader(io.BytesIO(self.fixed)).pages[0])
            sheet.merge_page(page)
            writer.add_metadata({"/Title": self.title, "/Producer": "packager"})
            out = io.BytesIO()
            writer.write(out)
            pdfs.append(out.getvalue())
        return pdfs
