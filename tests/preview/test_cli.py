"""`packager preview` on the command line: user errors said plainly (no traceback), secrets never printed."""

from __future__ import annotations

import sys

from tests.conftest import MINI


def test_lrs_needs_its_credentials_and_never_prints_them(run, monkeypatch):
    result = run("preview", "--source", MINI, "--lrs", "https://lrs.example.org/xAPI/")
    assert result.exit_code == 1 and "--lrs needs --lrs-auth USER:PASS" in result.output
    monkeypatch.setattr("packager.preview.serve.serve", lambda *args: None)
    result = run(
        "preview", "--source", MINI, "--lrs", "https://lrs.example.org/xAPI/", "--lrs-auth", "key:s3cret-value"
    )
    assert result.exit_code == 0 and "s3cret-value" not in result.output


def test_check_says_what_is_missing(run, monkeypatch, tmp_path):
    result = run("preview", "--check", "--source", MINI, "--chromium", tmp_path / "no-chromium")
    assert result.exit_code == 1 and "--check needs Chromium" in result.output and "no-chromium" in result.output
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    result = run("preview", "--check", "--source", MINI)
    assert result.exit_code == 1 and "pip install 'packager[preview]'" in result.output
    assert "Traceback" not in result.output


def test_bad_options_are_refused(run, tmp_path):
    result = run("preview", "--source", tmp_path / "nowhere")
    assert result.exit_code == 1 and "course folder not found" in result.output
    result = run("preview", "--source", MINI, "--lang", "en")
    assert result.exit_code == 1 and "the course is in fr, ar" in result.output
