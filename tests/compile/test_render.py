"""Rendering: pages in their language and direction, Markdown's raw HTML escaped, diagrams inlined as
accessible SVG, job aids printable, case studies marked."""

from __future__ import annotations

import zipfile

from lxml import html


def page(mini_dist, lang: str, part: str = "m01") -> str:
    with zipfile.ZipFile(mini_dist / f"mini_course_{lang}_scorm12.zip") as archive:
        return archive.read(f"{part}/index.html").decode("utf-8")


def test_pages_are_rendered_in_their_language(mini_dist):
    arabic = page(mini_dist, "ar")
    assert '<html lang="ar" dir="rtl">' in arabic and "مجموعة القانون" in arabic
    french = page(mini_dist, "fr")
    assert '<html lang="fr" dir="ltr">' in french
    assert 'data-nav="next"' in french and 'data-nav="prev"' in french


def test_a_diagram_is_inline_svg_labelled_by_its_title(mini_dist):
    doc = html.fromstring(page(mini_dist, "ar"))
    figure = doc.xpath("//figure[@class='diagram']")[0]
    svg = figure.xpath("./*[local-name()='svg']")[0]
    assert svg.get("role") == "img"
    labels = svg.get("aria-labelledby").split()
    assert [doc.get_element_by_id(label).text_content() for label in labels][0] == "الفعل والوسيلة وغرض الاستغلال"
    assert "الفعل" in [t.text for t in svg.xpath(".//*[local-name()='text']")]
    assert figure.xpath("./figcaption")[0].text_content() == "الفعل والوسيلة والغرض"
    assert not doc.xpath("//img"), "diagrams are inline, not images"


def test_case_studies_and_job_aids_are_marked(mini_dist):
    doc = html.fromstring(page(mini_dist, "fr"))
    assert "case" in doc.get_element_by_id("page-cas-pratique").classes
    job_aid = doc.get_element_by_id("page-fiche")
    assert "job-aid" in job_aid.classes and job_aid.xpath(".//button[@data-print]")


def test_raw_html_in_sources_is_escaped(mini, tmp_path, run):
    path = mini / "01-notions" / "fr.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "La traite réunit",
            '<script>alert("x")</script> <img src=x onerror=alert(1)> [lien](javascript:alert(1)) La traite réunit',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "dist"
    assert run("build", "--source", mini, "--out", out, "--module", "m01", "--lang", "fr").exit_code == 0
    with zipfile.ZipFile(out / "mini_m01_fr_scorm12.zip") as archive:
        text = archive.read("m01/index.html").decode("utf-8")
    assert "<script>alert" not in text and "&lt;script&gt;alert" in text
    assert "<img src=x" not in text
    assert 'href="javascript:' not in text
