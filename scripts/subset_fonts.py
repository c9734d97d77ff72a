"""Regenerate the runtime's Amiri fonts, subset to what the course uses.

Source: the npm package @fontsource/amiri (installed by `npm ci`), SIL Open Font License 1.1.
Each subset keeps the characters of the course sources and interface strings, plus the basic
Arabic letters, digits and marks and printable ASCII (so what a learner types renders too),
with every OpenType layout feature (Arabic joining, ligatures, mark positioning).
Run after editing the Arabic content:  python scripts/subset_fonts.py
(tests/test_fonts.py fails when the course uses a character the subsets lack.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "@fontsource" / "amiri"
TARGET = ROOT / "templates" / "runtime" / "fonts"
RANGES = {
    # the unicode-range of each @font-face in runtime.css
    "arabic": [
        (0x0600, 0x06FF),
        (0x0750, 0x077F),
        (0x200C, 0x200E),
        (0x2010, 0x2011),
        (0x204F, 0x204F),
        (0x2E41, 0x2E41),
        (0xFB50, 0xFDFF),
        (0xFE70, 0xFEFC),
    ],
    "latin": [
        (0x0000, 0x00FF),
        (0x0131, 0x0131),
        (0x0152, 0x0153),
        (0x2000, 0x206F),
        (0x20AC, 0x20AC),
        (0x2122, 0x2122),
        (0x2212, 0x2212),
    ],
}
ALWAYS = {
    "arabic": set(range(0x0621, 0x063B))
    | set(range(0x0640, 0x0653))
    | set(range(0x0660, 0x066A))
    | {0x060C, 0x061B, 0x061F, 0x066B, 0x066C},
    "latin": set(range(0x20, 0x7F)) | {0xA0, 0xAB, 0xBB, 0x2019, 0x2013, 0x2014, 0x2026},
}


def course_characters() -> set[int]:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "modules").rglob("*")) if p.suffix in (".md", ".yaml")
    ]
    texts.append((ROOT / "templates" / "strings.yaml").read_text(encoding="utf-8"))
    return {ord(c) for text in texts for c in text}


def in_ranges(code: int, ranges) -> bool:
    return any(low <= code <= high for low, high in ranges)


def main() -> None:
    used = course_characters()
    TARGET.mkdir(parents=True, exist_ok=True)
    for script, ranges in RANGES.items():
        wanted = sorted(c for c in used | ALWAYS[script] if in_ranges(c, ranges))
        for weight in (400, 700):
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]
            options.name_IDs = ["*"]
            options.notdef_outline = True
            font = subset.load_font(str(SOURCE / "files" / f"amiri-{script}-{weight}-normal.woff2"), options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=wanted)
            subsetter.subset(font)
            out = TARGET / f"amiri-{script}-{weight}.woff2"
            subset.save_font(font, str(out), options)
            print(f"{out.relative_to(ROOT)}: {len(wanted)} characters, {out.stat().st_size} bytes")
    shutil.copy(SOURCE / "LICENSE", TARGET / "OFL.txt")


if __name__ == "__main__":
    main()
