"""`mot report`: one self-contained HTML file, opened in real headless Chromium."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mot.cli import main
from mot.report import CHARTJS, CHARTJS_SHA256, render_report
from tests.browser import find_chromium, open_page

RENDERED = "document.body.dataset.rendered === 'true' ? [...document.querySelectorAll('canvas')].map(c => c.width > 0 && c.height > 0) : null"


@pytest.fixture(scope="module")
def report(curator_build) -> Path:
    result = CliRunner().invoke(main, ["report", str(curator_build)])
    assert result.exit_code == 0, result.output
    return curator_build / "report.html"


def test_report_is_self_contained(report):
    text = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)  # no script, style or image from a network
    assert "Chart.js v4.5.1" in text and text.count("<canvas") == 3


def test_report_has_every_section_with_its_evidence(report):
    text = report.read_text(encoding="utf-8")
    for section in ("funnel", "lengths", "verification", "contamination", "examples"):
        assert f'id="{section}"' in text
    assert "<mark>" in text and "bench:bench-7" in text  # the matched span, the benchmark item
    for reason in ("wrong_answer", "tests_failed", "duplicate_of"):
        assert f"id='reason-{reason}'" in text


def test_report_bytes_are_reproducible(curator_build, report):
    assert render_report(curator_build) == report.read_text(encoding="utf-8")


def test_vendored_chartjs_is_the_pinned_file():
    assert hashlib.sha256(CHARTJS.read_bytes()).hexdigest() == CHARTJS_SHA256


def test_report_renders_in_headless_chromium_without_errors(report, tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (make system-deps installs it)")
    screenshot = tmp_path / "report.png"
    page = open_page(report, screenshot, RENDERED, chromium)
    assert page.errors == []
    assert page.value == [True, True, True]  # the three charts drew on real canvases
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    if artifacts := os.environ.get("MOT_ARTIFACTS"):  # keep the screenshot for a human
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot, Path(artifacts) / "report.png")
        shutil.copy(report, Path(artifacts) / "report.html")


def test_a_broken_page_is_caught(tmp_path):
    """The browser check's twin: a script error in the page is reported, so a clean run means something."""
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (make system-deps installs it)")
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><html><body><script>console.error('boom'); undefinedFunction();</script></body></html>")
    result = open_page(page, tmp_path / "broken.png", "1 + 1", chromium)
    assert result.value == 2 and any("boom" in e for e in result.errors) and any("undefinedFunction" in e for e in result.errors)
