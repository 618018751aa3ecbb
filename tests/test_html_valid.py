"""Every built page is valid HTML by the Nu Html Checker, with zero errors.

The checker is ``vnu.jar`` from the npm package ``vnu-jar`` (pinned in
package.json), run with Java. Outside CI these tests skip when ``java`` is
missing. With CI=true a missing Java fails them, because .ci/run installs it.

The only errors let through are listed in THEME_ERRORS: markup that
Material for MkDocs writes outside any template block we can override.
Each entry matches one exact message on one exact element, and a test fails
once an entry matches nothing, so the list cannot go stale.
"""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild import redirects

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class ThemeError:
    """A validator error caused by theme markup we cannot change without copying a whole template."""

    message: str
    element: re.Pattern
    reason: str

    def matches(self, error: dict) -> bool:
        # The highlighted span is usually exactly the element, but the checker
        # sometimes shifts it by a character, so search the whole extract.
        return error["message"] == self.message and bool(self.element.search(error.get("extract", "")))


THEME_ERRORS = [
    ThemeError(
        message=(
            "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
            "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
            "or “week”."
        ),
        element=re.compile(
            r'<input class="md-toggle" data-md-toggle="(?P<name>drawer|search)" type="checkbox" '
            r'id="__(?P=name)" autocomplete="off">'
        ),
        reason=(
            "Material 9.8.2's base.html writes the drawer and search toggles in <body> outside any block. "
            "autocomplete=\"off\" is deliberate: without it Firefox restores a checked toggle after a reload, "
            "leaving the drawer or search open."
        ),
    ),
    ThemeError(
        message="Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
        element=re.compile(r'<label class="md-nav__link" for="(?P<id>__nav_\d+)" id="(?P=id)_label" tabindex="">'),
        reason=(
            "Material 9.8.2's partials/nav-item.html sets tabindex only for labels that are not sections, "
            "so with navigation.sections every section label gets tabindex=\"\". The macro is not a block: "
            "changing it means copying the whole partial."
        ),
    ),
]


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

    unexpected = [error for error in errors if not any(known.matches(error) for known in THEME_ERRORS)]

    assert len(pages) > 1
    assert not unexpected, f"{len(unexpected)} HTML errors:\n" + "\n".join(map(describe, unexpected))


def test_theme_errors_still_occur(site_errors):
    """Each THEME_ERRORS entry still matches an error, so this fails once the theme is fixed and the entry can go."""
    _, errors = site_errors

    for known in THEME_ERRORS:
        assert any(known.matches(error) for error in errors), f"no longer needed, remove it: {known.message}"


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
