"""Every built page is valid HTML by the Nu Html Checker, with zero errors.

The checker is ``vnu.jar`` from the npm package ``vnu-jar`` (pinned in
package.json), run with Java. Outside CI these tests skip when ``java`` is
missing. With CI=true a missing Java fails them, because .ci/run installs it.

Two invalid attributes that Material writes outside any template block are
removed by the post-build step in sitebuild/theme_markup.py; no error is
let through.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild import redirects
from sitebuild.theme_markup import fix_markup

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def highlighted_markup(error: dict) -> str:
    """Return the part of the error's source extract that the checker highlights (the offending tag)."""
    extract = error.get("extract", "")
    start = error.get("hiliteStart", 0)
    return extract[start : start + error.get("hiliteLength", len(extract))]


def find_java() -> str:
    java = shutil.which("java")
    if java is None:
        if os.environ.get("CI"):
            pytest.fail("java not found: CI must install a Java runtime (.ci/run installs default-jre-headless)")
        pytest.skip("java not found: install a Java runtime (apt-get install default-jre-headless) to validate HTML")
    assert VNU_JAR.is_file(), f"{VNU_JAR} not found: run `npm ci` (make test does)"
    return java


def validate(files: list[Path]) -> list[dict]:
    """Run the Nu Html Checker on ``files`` and return its error messages, empty when all are valid."""
    completed = subprocess.run(
        [find_java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Exit status 1 means errors were found; any other failure leaves no report.
    assert completed.returncode in (0, 1), completed.stderr[-3000:]
    return json.loads(completed.stdout)["messages"]


def describe(error: dict) -> str:
    page = error.get("url", "").removeprefix("file:")
    return f"{page}:{error.get('lastLine', '?')}: {error['message']}\n    {highlighted_markup(error).strip()}"


@pytest.fixture(scope="module")
def site_errors(built_site) -> tuple[list[Path], list[dict]]:
    """Every .html file of the built site and the checker's errors for them, from one run."""
    pages = sorted(built_site.rglob("*.html"))
    return pages, validate(pages)


def test_every_page_valid(site_errors):
    """Each built page, 404.html and any redirect pages included, has no
    validator error beyond the listed theme errors."""
    pages, errors = site_errors

    assert len(pages) > 1
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(map(describe, errors))


def test_theme_markup_fix():
    """The post-build step removes exactly the theme's two invalid attributes."""
    section = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
    page = '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">'
    toggle = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    search = '<input type="text" name="query" autocomplete="off">'

    assert fix_markup(section) == '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
    assert fix_markup(page) == page
    assert fix_markup(toggle) == '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
    assert fix_markup(search) == search


def test_redirect_page_valid(built_site, tmp_path):
    """The page written at a moved page's old path is valid HTML."""
    site = tmp_path / "site"
    for path in ("index.html", "metrics/churn-rate/index.html", redirects.SCRIPT_PATH):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(built_site / path, site / path)

    redirects.write_redirects(site, {"questions/churn/": "metrics/churn-rate/", "old.html": "/"})

    assert validate([site / "questions/churn/index.html", site / "old.html"]) == []


def test_validator_reports_errors(tmp_path):
    """The checker run as above does report an invalid page, so a clean result means something."""
    page = tmp_path / "invalid.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><p><div tabindex="">x</div></p>', encoding="utf-8")

    errors = validate([page])

    assert any("tabindex" in error["message"] for error in errors), errors
