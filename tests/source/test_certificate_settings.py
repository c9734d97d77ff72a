"""`certificate:` in course.yaml: each bad setting gives its file and line at `packager build` and
at `packager certify` (before the LRS is read), never a traceback; the number format is one."""

from __future__ import annotations

import pytest

from packager.source.certificate import find_number, is_number, number
from tests.source.test_errors import build_fails, edit

SETTINGS = "certificate:\n  verification_url: https://elearning.example.org/verify/{number}\n"


def line_of(path, text: str) -> int:
    """The 1-based line of course.yaml that starts with `text` (stripped)."""
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip().startswith(text)
    )


@pytest.mark.parametrize(
    "setting, where, message",
    [
        (
            "  mastery_score: 1.5\n",
            "mastery",
            "certificate.mastery_score must be a number from 0 to 1 (0.8 for 80 %), not 1.5",
        ),
        ("  mastery_score: '80'\n", "mastery", "certificate.mastery_score must be a number from 0 to 1"),
        (
            "  number_prefix: tip maroc\n",
            "number",
            "certificate.number_prefix 'tip maroc' must be capital letters and digits",
        ),
        ("  number_prefix: TIP-\n", "number", "certificate.number_prefix 'TIP-' must be"),
        (
            "  authorities:\n    - mbox: lms@example.org\n",
            "- mbox",
            "certificate.authorities: mbox must be a mailto: address",
        ),
        (
            "  authorities:\n    - name: LMS\n",
            "- name",
            "certificate.authorities: expected an agent with exactly one of mbox",
        ),
        ("  colour: blue\n", "colour", "unknown key 'colour'"),
    ],
)
def test_bad_setting_names_file_and_line(run, mini, tmp_path, setting, where, message):
    edit(mini / "course.yaml", SETTINGS, SETTINGS + setting)
    line = line_of(mini / "course.yaml", where)
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/course.yaml:{line}: {message}" in output, output


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://elearning.example.org/verify/{number}", "must be an https URL"),
        ("https://elearning.example.org/verify/{number}?x=1", "with no query or fragment"),
        ("https://elearning.example.org/{number}/verify", "must end with the path segment {number}"),
    ],
)
def test_bad_verification_url(run, mini, tmp_path, url, message):
    edit(mini / "course.yaml", "https://elearning.example.org/verify/{number}", url)
    output = build_fails(run, mini, tmp_path)
    line = line_of(mini / "course.yaml", "verification_url")
    assert f"{mini}/course.yaml:{line}: certificate.verification_url" in output and message in output, output


def test_issuer_url_must_be_a_url(run, mini, tmp_path):
    edit(mini / "course.yaml", "url: https://www.iom.int", "url: www.iom.int")
    line = line_of(mini / "course.yaml", "url: www.iom.int")
    assert f"{mini}/course.yaml:{line}: the issuer's 'url' 'www.iom.int' must be an http(s) URL" in build_fails(
        run, mini, tmp_path
    )


def test_certify_refuses_a_bad_setting_before_reading_the_lrs(run, mini, tmp_path):
    edit(mini / "course.yaml", SETTINGS, SETTINGS + "  mastery_score: 2\n")
    result = run(
        "certify",
        "--endpoint",
        "http://127.0.0.1:9/xAPI/",
        "--username",
        "u",
        "--password",
        "p",
        "--out",
        tmp_path / "out",
        "--key",
        tmp_path / "k.pem",
        "--source",
        mini,
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = line_of(mini / "course.yaml", "mastery_score")
    assert f"{mini}/course.yaml:{line}: certificate.mastery_score must be a number from 0 to 1" in result.output
    assert not (tmp_path / "out").exists()


def test_a_prefix_with_a_hyphen_gives_numbers_verify_can_read():
    made = number("TIP-MAROC", "tip-maroc", '{"mbox":"mailto:a@example.org"}')
    assert is_number(made) and made.startswith("TIP-MAROC-")
    assert find_number(f"N° : {made}\nAmina") == made
    assert find_number(f"https://elearning.example.org/verify/{made}/") == made
    assert not is_number("tip-AAAA-BBBB-CCCC") and not is_number("TIP-AAAA-BBBB-CCC1")
