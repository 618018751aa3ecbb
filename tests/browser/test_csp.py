"""The whole site works under its strict Content-Security-Policy.

The loopback server sends the policy from the built ``_headers`` file, adds
``report-uri``, and collects every violation report the browser posts, so
any violation anywhere (page or worker) fails these tests.
"""

import urllib.request

import pytest

from tests.browser.test_calculators import page_path, type_inputs, wait_until_computed, wait_until_ready
from tests.test_site_build import CALCULATOR_PAGES, PAGES

pytestmark = pytest.mark.browser


def policy_of(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return response.headers["Content-Security-Policy"]


def test_policy_is_strict(site_url):
    policy = policy_of(site_url)
    script_sources = next(d for d in policy.split("; ") if d.startswith("script-src ")).split()[1:]
    assert "'unsafe-inline'" not in script_sources
    assert "'unsafe-eval'" not in script_sources
    assert "'wasm-unsafe-eval'" in script_sources
    assert all(source in ("'self'", "'wasm-unsafe-eval'") or source.startswith("'sha256-") for source in script_sources)
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy


def test_policy_covers_worker_and_not_found(site_url):
    """The worker script and the 404 page get the same policy as pages."""
    policy = policy_of(site_url)
    assert policy_of(site_url + "assets/javascripts/calculator-worker.js") == policy
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(site_url + "no/such/page/")
    assert raised.value.code == 404
    assert raised.value.headers["Content-Security-Policy"] == policy


def test_every_page_without_violation(browser, site_url, csp_reports):
    """Every page, every calculator computing, search and instant navigation."""
    context = browser.new_context()
    page = context.new_page()
    for path in PAGES:
        page.goto(site_url + path.removesuffix("index.html"))
        page.wait_for_load_state("networkidle")
    for calculator_id in CALCULATOR_PAGES:
        page.goto(site_url + page_path(calculator_id))
        wait_until_ready(page, calculator_id)
        first_input = page.locator(f'form[data-calculator="{calculator_id}"] input[name]').first
        first_input.press("End")
        first_input.press_sequentially("0")
        wait_until_computed(page, calculator_id)

    page.goto(site_url)
    page.locator('.md-content a[href$="metrics/churn-rate/#calculator"]').first.click()
    page.wait_for_url("**/metrics/churn-rate/**")
    type_inputs(page, "churn_rate", {"customers_lost": "70"})
    wait_until_computed(page, "churn_rate")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    page.keyboard.type("churn")
    page.locator(".md-search-result__item").first.wait_for()

    page.wait_for_timeout(500)
    context.close()
    assert csp_reports == []


def test_violation_is_reported(page, site_url, csp_reports):
    """Control: an injected inline script is blocked and reported."""
    page.goto(site_url)
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__injected = true";
            document.body.append(script);
        }"""
    )
    page.wait_for_timeout(500)
    assert page.evaluate("window.__injected") is None
    assert len(csp_reports) == 1
    assert csp_reports[0]["csp-report"]["violated-directive"].startswith("script-src")
