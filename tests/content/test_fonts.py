"""The Arabic font shipped in every package covers every character the course shows."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

from scripts.subset_fonts import RANGES, course_characters, in_ranges

FONTS = Path(__file__).resolve().parents[2] / "templates" / "runtime" / "fonts"


def test_subsets_cover_the_course():
    used = course_characters()
    for script, ranges in RANGES.items():
        for weight in (400, 700):
            cmap = TTFont(FONTS / f"amiri-{script}-{weight}.woff2").getBestCmap()
            wanted = {c for c in used if in_ranges(c, ranges) and c >= 0x20}
            missing = sorted(chr(c) for c in wanted - set(cmap))
            assert not missing, f"amiri-{script}-{weight} lacks {missing}: run python scripts/subset_fonts.py"


def test_licence_travels_with_the_fonts():
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
