"""Load and check a course from `modules/`: every problem in one pass, then a Course or a SourceError.

Layout (see README): `course.yaml`; `NN-slug/` per module with `module.yaml`, one `<lang>.md`
per course language and `media/`; `quiz/quiz.yaml` and `quiz/bank/*.yaml`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from packager.errors import Problem, SourceError
from packager.source import markdown, study_time, svg, yamlsrc
from packager.source.certificate import read_settings
from packager.source.fields import Fields
from packager.source.items import ItemReader, merge, same_structure
from packager.source.model import CheckRef, Course, Issuer, Item, Module, Page, Quiz
from packager.source.model import Markdown as MarkdownBlock
from packager.source.pages import split_pages

MAX_SOURCE_BYTES = 2 * 1024 * 1024  # a text source larger than this is a mistake, not a module
MAX_MEDIA_BYTES = 50 * 1024 * 1024
# Bounds that keep a learner's saved state within SCORM 1.2's 4,096-character suspend_data.
MAX_DRAW, MAX_PAGES, MAX_CHECKS = 100, 200, 100
MODULE_DIR = re.compile(r"^(?P<number>\d{2})-(?P<slug>[a-z0-9][a-z0-9-]*)$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.module_folders = 0

    def name(self, path: Path) -> str:
        """The path as the user would type it: under the source folder as they gave it."""
        return str(path)

    def fields(self, path: Path) -> Fields:
        return Fields(self.name(path), self.problems)

    def read_text(self, path: Path) -> str | None:
        name = self.name(path)
        if not path.is_file():
            self.problems.append(Problem(name, None, "file is missing"))
            return None
        if path.stat().st_size > MAX_SOURCE_BYTES:
            self.problems.append(Problem(name, None, f"file is larger than {MAX_SOURCE_BYTES // 1024} KiB"))
            return None
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.problems.append(Problem(name, None, f"not UTF-8 text (byte {exc.start})"))
            return None

    def read_yaml(self, path: Path, expected: type = yamlsrc.Mapping, what: str = "a mapping of keys to values") -> Any:
        """The file's data when it is `expected` (a Mapping or a Sequence), else None with a problem."""
        text = self.read_text(path)
        if text is None:
            return None
        if not text.strip():
            self.problems.append(Problem(self.name(path), None, f"the file is empty: it must be {what}"))
            return None
        data, problems = yamlsrc.parse(text, self.name(path))
        self.problems.extend(problems)
        if data is not None and not isinstance(data, expected):
            self.problems.append(Problem(self.name(path), 1, f"the file must be {what}"))
            return None
        return data

    # -- course.yaml ---------------------------------------------------------------------------

    def course(self) -> Course | None:
        path = self.root / "course.yaml"
        m = self.read_yaml(path)
        if m is None:
            return None
        f = self.fields(path)
        f.keys(
            m,
            ("id", "iri", "languages", "title", "description", "issuers"),
            ("version", "keywords", "certificate", "study_time"),
        )
        languages = f.string_list(m.get("languages"), m.line_of("languages"), "'languages'") or []
        for lang in languages:
            if not LANGUAGE.match(lang):
                f.problem(m.line_of("languages"), f"language {lang!r} is not a language code such as fr or ar")
        if len(set(languages)) != len(languages):
            f.problem(m.line_of("languages"), "a language is listed twice")
        course_id = f.ident(m, "id")
        iri = f.string(m, "iri")
        if iri and not re.match(r"^https?://[^\s/]+/\S*[^/\s]$", iri):
            f.problem(m.line_of("iri"), "'iri' must be an http(s) IRI without a trailing slash")
        keywords = {}
        if "keywords" in m:
            kw = f.mapping(m["keywords"], m.line_of("keywords"), "'keywords'")
            for lang in languages if kw is not None else ():
                keywords[lang] = f.string_list(kw.get(lang), kw.line_of(lang), f"keywords in {lang}") or []  # type: ignore[union-attr]
        issuers = []
        raw = m.get("issuers")
        if "issuers" in m and (not isinstance(raw, yamlsrc.Sequence) or not raw):
            f.problem(m.line_of("issuers"), "'issuers' must be a list of issuers (id, name, url)")
        for entry in raw if isinstance(raw, yamlsrc.Sequence) else ():
            im = f.mapping(entry, raw.line, "an issuer")
            if im is None:
                continue
            f.keys(im, ("id", "name", "url"))
            issuer_id, name, url = f.ident(im, "id"), f.text(im, "name", languages), f.string(im, "url")
            if url and not re.match(r"^https?://[^\s/]+(/\S*)?$", url):
                f.problem(im.line_of("url"), f"the issuer's 'url' {url!r} must be an http(s) URL")
                url = None
            if issuer_id and name and url:
                issuers.append(Issuer(issuer_id, name, url))
        certificate = read_settings(f, m.get("certificate"), m.line_of("certificate"))
        return Course(
            id=course_id or "",
            iri=iri or "",
            version=f.string(m, "version", "1.0") or "1.0",
            languages=languages,
            title=f.text(m, "title", languages) or {},
            description=f.text(m, "description", languages) or {},
            keywords=keywords,
            modules=[],
            quiz=None,  # type: ignore[arg-type]  # load_course sets it once the quiz is read
            issuers=issuers,
            certificate=certificate,
            root=self.root,
            study_time=self.study_time(m, f),
        )

    def study_time(self, m, f: Fields) -> dict:
        """course.yaml `study_time:`: the figures the learning time is computed from (study_time.py)."""
        raw = f.mapping(m["study_time"], m.line_of("study_time"), "'study_time'") if "study_time" in m else None
        if raw is None:
            return study_time.settings({})
        f.keys(raw, (), study_time.KEYS)
        values: dict = {}
        for key in raw:
            if key == "words_per_minute":
                rates: dict = f.mapping(raw[key], raw.line_of(key), "'words_per_minute'") or {}
                values[key] = {lang: rates[lang] for lang in rates if self.positive(rates, lang, f)}
            elif key in study_time.KEYS and self.positive(raw, key, f):
                values[key] = raw[key]
        return study_time.settings(values)

    @staticmethod
    def positive(m, key: str, f: Fields) -> bool:
        value = m[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            f.problem(m.line_of(key), f"'{key}' must be a positive number")
            return False
        return True

    # -- modules -------------------------------------------------------------------------------

    def modules(self, languages: list[str]) -> list[Module]:
        folders = sorted(p for p in self.root.iterdir() if p.is_dir() and MODULE_DIR.match(p.name))
        self.module_folders = len(folders)
        if not folders:
            self.problems.append(
                Problem(self.name(self.root), None, "no module folder (expected 01-slug, 02-slug, ...)")
            )
        for expected, folder in enumerate(folders, start=1):
            if _number(folder) != expected:
                self.problems.append(
                    Problem(
                        self.name(folder),
                        None,
                        f"module folders must be numbered 01, 02, ... without gaps: expected {expected:02d}",
                    )
                )
        return [m for m in (self.module(folder, languages) for folder in folders) if m is not None]

    def module(self, folder: Path, languages: list[str]) -> Module | None:
        path = folder / "module.yaml"
        m = self.read_yaml(path)
        f = self.fields(path)
        if m is not None:
            _computed(m, f)
            f.keys(m, ("id", "title", "description", "objectives"), ("duration_minutes",))
        per_language: dict[str, tuple[list, list[Item]]] = {}
        media: set[str] = set()
        diagrams: dict[str, str] = {}
        for lang in languages:
            md_path = folder / f"{lang}.md"
            if not md_path.is_file():
                self.problems.append(
                    Problem(self.name(md_path), None, f"missing: the module has no {lang} text ({lang}.md)")
                )
                continue
            text = self.read_text(md_path)
            if text is None:
                continue
            md_fields = self.fields(md_path)
            pages, checks = split_pages(text, md_fields, ItemReader(md_fields, languages, lang))
            per_language[lang] = (pages, checks)
            media |= self.media(folder, md_path, pages, diagrams)
        if m is None:
            return None
        objectives = {}
        om = f.mapping(m.get("objectives"), m.line_of("objectives"), "'objectives'") if "objectives" in m else None
        for lang in languages if om is not None else ():
            objectives[lang] = f.string_list(om.get(lang), om.line_of(lang), f"objectives in {lang}") or []  # type: ignore[union-attr]
        if om is not None and len({len(v) for v in objectives.values()}) > 1:
            f.problem(m.line_of("objectives"), "each language must list the same number of objectives")
        module_id = f.ident(m, "id")
        title, description = f.text(m, "title", languages), f.text(m, "description", languages)
        shared_pages, shared_checks = self.parity(folder, languages, per_language)
        if len(shared_pages) > MAX_PAGES or len(shared_checks) > MAX_CHECKS:
            f.problem(
                None,
                f"{len(shared_pages)} pages and {len(shared_checks)} checks: a module has at most "
                f"{MAX_PAGES} pages and {MAX_CHECKS} checks (its saved state must fit SCORM 1.2's "
                "4,096 characters)",
            )
        if module_id is None or title is None or description is None or len(per_language) != len(languages):
            return None
        return Module(
            module_id,
            _number(folder),
            folder.name[3:],
            folder,
            title,
            description,
            objectives,
            shared_pages,
            shared_checks,
            sorted(media),
            diagrams,
        )

    def media(self, folder: Path, md_path: Path, pages, diagrams: dict[str, str]) -> set[str]:
        """The media files `pages` reference (checked to exist); SVG diagrams are read into `diagrams`."""
        found = set()
        for page in pages:
            for block in page.blocks:
                if not isinstance(block, MarkdownBlock):
                    continue
                for ref, offset in markdown.local_references(block.text):
                    line = block.line + offset
                    normal = posixpath.normpath(ref)
                    name = self.name(md_path)
                    if normal.startswith("..") or not normal.startswith("media/"):
                        self.problems.append(
                            Problem(name, line, f"'{ref}': media must be in this module's media/ folder")
                        )
                        continue
                    target = folder / normal
                    if not target.is_file():
                        self.problems.append(Problem(name, line, f"'{ref}' is referenced but the file does not exist"))
                    elif target.stat().st_size > MAX_MEDIA_BYTES:
                        self.problems.append(Problem(name, line, f"'{ref}' is larger than {MAX_MEDIA_BYTES >> 20} MiB"))
                    else:
                        found.add(normal)
                        if normal.endswith(".svg") and normal not in diagrams:
                            self.diagram(target, normal, diagrams)
        return found

    def diagram(self, path: Path, ref: str, diagrams: dict[str, str]) -> None:
        markup, problems = svg.read(path, self.name(path), "dg-" + re.sub(r"[^A-Za-z0-9-]", "-", Path(ref).stem))
        self.problems.extend(problems)
        if markup is not None:
            diagrams[ref] = markup

    def parity(self, folder: Path, languages: list[str], per_language) -> tuple[list[Page], dict[str, Item]]:
        """Check that every language has the same pages and checks; build the shared structure."""
        if not per_language:
            return [], {}
        first = languages[0] if languages[0] in per_language else next(iter(per_language))
        base_pages, base_checks = per_language[first]
        base_by_id = {c.id: c for c in base_checks}
        for lang, (pages, checks) in per_language.items():
            if lang == first:
                continue
            name = self.name(folder / f"{lang}.md")
            for i in range(max(len(pages), len(base_pages))):
                mine = pages[i] if i < len(pages) else None
                theirs = base_pages[i] if i < len(base_pages) else None
                if mine is None and theirs is not None:
                    self.problems.append(
                        Problem(name, None, f"page {i + 1} '{theirs.id}' of {first}.md is missing here")
                    )
                elif mine is None or theirs is None:
                    self.problems.append(
                        Problem(
                            name,
                            mine.line if mine else None,
                            f"page '{mine.id if mine else ''}' has no counterpart in {first}.md",
                        )
                    )
                elif not mine.id or not theirs.id:
                    continue  # a heading without its id: already reported where it is
                elif mine.id != theirs.id:
                    self.problems.append(
                        Problem(name, mine.line, f"page {i + 1} is '{mine.id}' here but '{theirs.id}' in {first}.md")
                    )
                elif mine.classes != theirs.classes:
                    self.problems.append(
                        Problem(
                            name,
                            mine.line,
                            f"page '{mine.id}' has classes {_shown(mine.classes)} here "
                            f"but {_shown(theirs.classes)} in {first}.md",
                        )
                    )
                elif _checks_of(mine) != _checks_of(theirs):
                    self.problems.append(
                        Problem(name, mine.line, f"page '{mine.id}' has different knowledge checks than in {first}.md")
                    )
            by_id = {c.id: c for c in checks}
            for cid, check in by_id.items():
                if cid in base_by_id:
                    for diff in same_structure(base_by_id[cid], check):
                        self.problems.append(
                            Problem(name, check.line, f"check '{cid}' differs from {first}.md: {diff}")
                        )
        ids: dict[str, Item] = {}
        for check in base_checks:
            if check.id in ids:
                self.problems.append(Problem(check.file, check.line, f"duplicate check id '{check.id}'"))
            ids[check.id] = check
        merged: dict[str, Item] = {}
        for cid, check in ids.items():
            found = [next((c for c in per_language[lang][1] if c.id == cid), None) for lang in per_language]
            versions = [v for v in found if v is not None]
            if len(versions) == len(found) and not any(same_structure(check, v) for v in versions):
                item = versions[0]
                for other in versions[1:]:
                    item = merge(item, other)
                merged[cid] = item
        pages = [
            Page(
                p.id,
                {lang: per_language[lang][0][i].title for lang in per_language if i < len(per_language[lang][0])},
                {lang: per_language[lang][0][i].blocks for lang in per_language if i < len(per_language[lang][0])},
                p.classes,
            )
            for i, p in enumerate(base_pages)
        ]
        return pages, merged

    # -- quiz ----------------------------------------------------------------------------------

    def quiz(self, languages: list[str]) -> Quiz | None:
        folder = self.root / "quiz"
        path = folder / "quiz.yaml"
        m = self.read_yaml(path)
        items: list[Item] = []
        bank = sorted((folder / "bank").glob("*.yaml")) if (folder / "bank").is_dir() else []
        if not bank:
            self.problems.append(Problem(self.name(folder / "bank"), None, "no question bank (quiz/bank/*.yaml)"))
        for bank_path in bank:
            data = self.read_yaml(bank_path, yamlsrc.Sequence, "a list of questions")
            f = self.fields(bank_path)
            reader = ItemReader(f, languages)
            for entry in data or ():
                im = f.mapping(entry, data.line, "a question")
                item = reader.read(im, in_bank=True) if im is not None else None
                if item is not None:
                    items.append(item)
        if m is None:
            return None
        f = self.fields(path)
        _computed(m, f)
        f.keys(m, ("id", "title", "description"), ("draw", "pass_mark", "attempts", "duration_minutes"))
        quiz_id, title, description = (
            f.ident(m, "id"),
            f.text(m, "title", languages),
            f.text(m, "description", languages),
        )
        draw = f.integer(m, "draw", 20, 1, MAX_DRAW)
        if items and draw > len(items):
            f.problem(m.line_of("draw"), f"'draw' is {draw} but the bank has only {len(items)} questions")
        if quiz_id is None or title is None or description is None:
            return None
        return Quiz(
            quiz_id,
            title,
            description,
            draw,
            f.integer(m, "pass_mark", 80, 1, 100),
            f.integer(m, "attempts", 0, 0, 100),
            items,
        )

    # -- across files --------------------------------------------------------------------------

    def cross_check(self, course: Course, quiz: Quiz | None) -> None:
        """Ids must be unique course-wide: they become SCORM identifiers and xAPI IRIs."""
        seen: dict[str, str] = {}

        def claim(kind: str, ident: str, file: str, line: int | None) -> None:
            if ident in seen:
                self.problems.append(
                    Problem(file, line, f"duplicate id '{ident}' ({kind}; already used by {seen[ident]})")
                )
            else:
                seen[ident] = f"{kind} in {file}" + (f":{line}" if line else "")

        for module in course.modules:
            claim("module", module.id, self.name(module.directory / "module.yaml"), None)
        if quiz:
            claim("quiz", quiz.id, self.name(self.root / "quiz" / "quiz.yaml"), None)
        for module in course.modules:
            for check in module.checks.values():
                claim("check", check.id, check.file, check.line)
        module_ids = {m.id for m in course.modules}
        every_module_read = len(course.modules) == self.module_folders  # else the module's own error says it
        for item in quiz.items if quiz else ():
            claim("quiz item", item.id, item.file, item.line)
            if item.module not in module_ids and every_module_read:
                self.problems.append(
                    Problem(
                        item.file,
                        item.line,
                        f"'module' {item.module!r} is not a module of the course ({', '.join(sorted(module_ids))})",
                    )
                )


def _number(folder: Path) -> int:
    """The number of a module folder (NN-slug: the folders are chosen by MODULE_DIR)."""
    return int(folder.name[:2])


def _shown(classes: tuple[str, ...]) -> str:
    return " ".join("." + c for c in classes) or "(none)"


def _computed(m, f: Fields) -> None:
    """Learning time is computed from the content: a duration typed by hand is refused."""
    if "duration_minutes" in m:
        f.problem(
            m.line_of("duration_minutes"),
            "remove 'duration_minutes': the learning time is computed from the "
            "content (words, checks, case studies, diagrams; see study_time in the README)",
        )


def _checks_of(page) -> list[CheckRef]:
    return [b for b in page.blocks if isinstance(b, CheckRef)]


def load_course(root: Path) -> Course:
    """Read and check the whole course under `root`; raise SourceError listing every problem."""
    root = Path(root)
    loader = _Loader(root)
    if not root.is_dir():
        raise SourceError([Problem(str(root), None, "course folder not found")])
    course = loader.course()
    languages = course.languages if course else []
    modules = loader.modules(languages) if languages else []
    quiz = loader.quiz(languages) if languages else None
    if course is not None:
        course.modules = modules
        loader.cross_check(course, quiz)
    if loader.problems or course is None or quiz is None:
        raise SourceError(loader.problems or [Problem(str(root), None, "the course could not be read")])
    course.quiz = quiz
    for module in course.modules:
        module.study_minutes = {lang: study_time.module_minutes(module, lang, course.study_time) for lang in languages}
    quiz.study_minutes = {lang: study_time.quiz_minutes(quiz, lang, course.study_time) for lang in languages}
    return course
