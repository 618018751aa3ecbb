"""The site builds in strict mode with MkDocs and with Zensical, and every
page and calculator form is in the output."""

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.config import load_config

import calc
from sitebuild.theme_script import ThemeScriptError, defer_theme_script_in

ROOT = Path(__file__).resolve().parent.parent

PAGES = [
    "index.html",
    "calculators/index.html",
    "roles/chief-customer-officer/index.html",
    "roles/customer-success-manager/index.html",
    "roles/csm-vs-sales-manager/index.html",
    "roles/csm-vs-account-manager/index.html",
    "concepts/customer-success/index.html",
    "concepts/customer-churn/index.html",
    "metrics/churn-rate/index.html",
    "metrics/customer-acquisition-cost/index.html",
    "metrics/revenue-retention/index.html",
    "metrics/annual-recurring-revenue/index.html",
    "metrics/revenue-churn/index.html",
    "metrics/monthly-recurring-revenue/index.html",
    "metrics/churn-rate-conventions/index.html",
    "metrics/churn-rate-conversion/index.html",
    "metrics/customer-lifetime-value/index.html",
    "metrics/ltv-to-cac/index.html",
    "metrics/cac-payback/index.html",
    "metrics/blended-vs-paid-cac/index.html",
    "metrics/quick-ratio/index.html",
    "glossary/index.html",
    "benchmarks/index.html",
]

# Each FAQ question's page and the short anchor emails link to.
QUESTION_ANCHORS = {
    "roles/chief-customer-officer/index.html": "cco-responsibilities",
    "concepts/customer-success/index.html": "what-is-customer-success",
    "roles/customer-success-manager/index.html": "what-csms-do",
    "roles/csm-vs-sales-manager/index.html": "csm-vs-sales-manager",
    "roles/csm-vs-account-manager/index.html": "csm-vs-account-manager",
    "concepts/customer-churn/index.html": "what-is-customer-churn",
    "metrics/churn-rate/index.html": "calculate-churn",
    "metrics/customer-acquisition-cost/index.html": "what-is-cac",
    "metrics/revenue-retention/index.html": "what-is-grr",
    "metrics/annual-recurring-revenue/index.html": "what-is-arr",
    "metrics/revenue-churn/index.html": "what-is-revenue-churn",
    "metrics/monthly-recurring-revenue/index.html": "what-is-mrr",
    "metrics/churn-rate-conventions/index.html": "churn-conventions",
    "metrics/churn-rate-conversion/index.html": "convert-churn",
    "metrics/customer-lifetime-value/index.html": "what-is-ltv",
    "metrics/ltv-to-cac/index.html": "what-is-ltv-cac",
    "metrics/cac-payback/index.html": "what-is-cac-payback",
    "metrics/blended-vs-paid-cac/index.html": "blended-vs-paid-cac",
    "metrics/quick-ratio/index.html": "what-is-quick-ratio",
    "glossary/index.html": "glossary",
}

CALCULATOR_PAGES = {
    "churn_rate": "metrics/churn-rate/index.html",
    "cac": "metrics/customer-acquisition-cost/index.html",
    "revenue_retention": "metrics/revenue-retention/index.html",
    "arr": "metrics/annual-recurring-revenue/index.html",
    "revenue_churn": "metrics/revenue-churn/index.html",
    "mrr": "metrics/monthly-recurring-revenue/index.html",
    "churn_conventions": "metrics/churn-rate-conventions/index.html",
    "churn_conversion": "metrics/churn-rate-conversion/index.html",
    "ltv": "metrics/customer-lifetime-value/index.html",
    "ltv_to_cac": "metrics/ltv-to-cac/index.html",
    "cac_payback": "metrics/cac-payback/index.html",
    "blended_paid_cac": "metrics/blended-vs-paid-cac/index.html",
    "quick_ratio": "metrics/quick-ratio/index.html",
}


class FormParser(HTMLParser):
    """Collect the calculator forms of a page with their inputs and outputs."""

    def __init__(self):
        super().__init__()
        self.forms = {}
        self.ids = set()
        self._form = None
        self._output = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "form" and "data-calculator" in attributes:
            self._form = {"inputs": {}, "outputs": {}}
            self.forms[attributes["data-calculator"]] = self._form
        elif self._form is not None and tag == "input":
            self._form["inputs"][attributes["name"]] = attributes
        elif self._form is not None and tag == "output":
            self._output = attributes["name"]
            self._form["outputs"][self._output] = ""

    def handle_data(self, data):
        if self._output:
            self._form["outputs"][self._output] += data

    def handle_endtag(self, tag):
        if tag == "output":
            self._output = None
        elif tag == "form":
            self._form = None


def parse(path: Path) -> FormParser:
    parser = FormParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_site(site_dir: Path) -> None:
    """Assert every page, question anchor and form is in a built site."""
    for page in PAGES:
        assert (site_dir / page).is_file(), page

    for page, anchor in QUESTION_ANCHORS.items():
        assert anchor in parse(site_dir / page).ids, (page, anchor)

    for calculator in calc.CALCULATORS:
        forms = parse(site_dir / CALCULATOR_PAGES[calculator.id]).forms
        form = forms[calculator.id]
        assert list(form["inputs"]) == [spec.name for spec in calculator.inputs]
        example = calc.evaluate(calculator.id, calculator.example)
        assert form["outputs"] == example.results
        for attributes in form["inputs"].values():
            assert attributes["type"] == "text"
            assert attributes["inputmode"] == "decimal"

    for page in PAGES:
        check_worker_start(site_dir, page)


WORKER_START = re.compile(r'<script data-worker="(?P<url>[^"]+)"')
STYLESHEET = re.compile(r'<link rel="stylesheet"')


def check_worker_start(site_dir: Path, page: str) -> None:
    """Check that a page with a calculator starts its worker from the head,
    ahead of the stylesheets, which would otherwise delay the script. Other
    pages load no worker at all."""
    html = (site_dir / page).read_text(encoding="utf-8")
    starts = list(WORKER_START.finditer(html))
    if page not in CALCULATOR_PAGES.values():
        assert starts == [], page
        return
    assert len(starts) == 1, page
    start = starts[0]
    assert start.start() < STYLESHEET.search(html).start() < html.index("</head>"), page
    worker = (site_dir / page).parent / start["url"]
    assert worker.resolve() == (site_dir / "assets" / "javascripts" / "calculator-worker.js").resolve(), page


def test_mkdocs_strict_build(built_site):
    check_site(built_site)


THEME_SCRIPT_TAG = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
THEME_SCRIPT_ATTRIBUTE = re.compile(r'<script data-worker="[^"]+" data-theme="(?P<url>[^"]+)">')


def test_theme_script_deferred_on_calculator_pages_only(built_site):
    """Calculator pages hand the theme's script to the worker start script;
    every other page keeps the theme's own tag."""
    for page in PAGES:
        html = (built_site / page).read_text(encoding="utf-8")
        if page in CALCULATOR_PAGES.values():
            assert THEME_SCRIPT_TAG.findall(html) == [], page
            deferred = THEME_SCRIPT_ATTRIBUTE.search(html)
            assert deferred, page
            assert ((built_site / page).parent / deferred["url"]).is_file(), page
        else:
            assert len(THEME_SCRIPT_TAG.findall(html)) == 1, page
            assert "data-theme=" not in html, page


def test_theme_script_missing_fails_build():
    """A calculator page without the theme's tag stops the build, rather than
    shipping a page whose theme never loads."""
    html = '<head><script data-worker="w.js">start()</script></head><body></body>'
    with pytest.raises(ThemeScriptError, match="expected one theme script tag, found 0"):
        defer_theme_script_in(html, "metrics/churn-rate/index.html")


def test_worked_example_prefilled_without_javascript(built_site):
    """The churn form's HTML already shows 1,000 and 50 giving 5%, explained."""
    html = (built_site / CALCULATOR_PAGES["churn_rate"]).read_text(encoding="utf-8")
    form = parse(built_site / CALCULATOR_PAGES["churn_rate"]).forms["churn_rate"]
    assert form["inputs"]["customers_at_start"]["value"] == "1,000"
    assert form["inputs"]["customers_lost"]["value"] == "50"
    assert form["outputs"] == {
        "churn_rate": "5%",
        "monthly_churn": "5%",
        "quarterly_churn": "14.3%",
        "annual_churn": "46%",
    }
    assert "<code>50 ÷ 1,000 × 100 = 5%</code>" in html
    assert "At 5% monthly churn, 46% of today&#x27;s customers are gone after a year" in html
    assert "100% at month 0, 73.5% at month 6, 54% at month 12." in html


def test_contact_call_to_action_from_config(built_site):
    contact = load_config(str(ROOT / "mkdocs.yml"))["extra"]["contact"]
    for page in PAGES:
        html = (built_site / page).read_text(encoding="utf-8")
        assert f'href="mailto:{contact["email"]}"' in html, page


def test_pages_hold_no_contact_address():
    """The call to action lives in mkdocs.yml only, never in page text."""
    for markdown in (ROOT / "docs").rglob("*.md"):
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", markdown.read_text(encoding="utf-8")), markdown


def test_no_google_fonts(built_site):
    for page in PAGES:
        assert "fonts.googleapis.com" not in (built_site / page).read_text(encoding="utf-8"), page


def test_unknown_calculator_fails_build(tmp_path):
    """A page naming a calculator calc does not describe stops the build."""
    import markdown

    with pytest.raises(ValueError, match=r"\[\[calculator nope\]\]: unknown calculator 'nope'"):
        markdown.markdown("[[calculator nope]]", extensions=["sitebuild.calculator_forms"])


def test_zensical_build(tmp_path):
    """Zensical reads the same mkdocs.yml and renders the same pages and forms."""
    # Zensical wants docs_dir inside the project, so build a copy of it.
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    # pymdownx.snippets reads the abbreviations from includes/, relative to the build folder.
    shutil.copytree(ROOT / "includes", tmp_path / "includes")
    config_path = tmp_path / "mkdocs.yml"
    shutil.copy(ROOT / "mkdocs.yml", config_path)

    completed = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config_path)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    check_site(tmp_path / "site")
