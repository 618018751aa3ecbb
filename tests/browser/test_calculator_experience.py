"""What a visitor relies on beyond the numbers: identical text however the
inputs arrive, shareable links, the page without JavaScript or Pyodide,
keyboard use, accessibility and small screens."""

from pathlib import Path

import pytest

from tests.browser.test_calculators import form_of, page_path, type_inputs, wait_until_computed, wait_until_ready
from tests.test_site_build import CALCULATOR_PAGES, PAGES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

CHURN_INPUTS = {"customers_at_start": "2,000", "customers_lost": "50"}


def visible_text(page, calculator_id) -> str:
    """Everything the form tells the visitor, as text."""
    return form_of(page, calculator_id).evaluate(
        """form => [
            ...[...form.querySelectorAll("output")].map(o => o.textContent),
            form.querySelector("[data-calc-formula]").textContent,
            form.querySelector("[data-calc-sentence]").textContent,
            form.querySelector("[data-calc-warnings]").textContent,
            form.querySelector("[data-calc-chart] desc")?.textContent ?? "",
        ].join(" | ")"""
    )


def test_typed_and_prefilled_text_identical(browser, site_url):
    """A prefilled link and typing the same values show the same text."""
    prefilled = browser.new_context().new_page()
    prefilled.goto(f"{site_url}metrics/churn-rate/?customers_at_start=2%2C000&customers_lost=50&period=quarterly")
    wait_until_computed(prefilled, "churn_rate")

    typed = browser.new_context().new_page()
    typed.goto(site_url + "metrics/churn-rate/")
    wait_until_ready(typed, "churn_rate")
    typed.select_option('select[name="period"]', "quarterly")
    type_inputs(typed, "churn_rate", CHURN_INPUTS)
    wait_until_computed(typed, "churn_rate")

    expected_start = "2.5% | 0.8% | 2.5% | 9.6% | 50 ÷ 2,000 × 100 = 2.5% | At 2.5% quarterly churn"
    assert visible_text(prefilled, "churn_rate").startswith(expected_start)
    assert visible_text(typed, "churn_rate") == visible_text(prefilled, "churn_rate")
    prefilled.context.close()
    typed.context.close()


def test_build_time_and_live_text_identical(page, site_url):
    """Pyodide recomputing the worked example changes no character of the page."""
    page.goto(site_url + "metrics/revenue-retention/")
    before = visible_text(page, "revenue_retention")
    wait_until_ready(page, "revenue_retention")
    type_inputs(page, "revenue_retention", {"starting_revenue": "1,000,000"})
    wait_until_computed(page, "revenue_retention")
    assert visible_text(page, "revenue_retention") == before


def test_copy_link_round_trip(browser, site_url):
    """Copy link gives the current inputs without tracking, and reopens them."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/?utm_source=newsletter")
    wait_until_ready(page, "churn_rate")
    type_inputs(page, "churn_rate", CHURN_INPUTS)
    wait_until_computed(page, "churn_rate")
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link copied.").wait_for()

    link = page.evaluate("navigator.clipboard.readText()")
    assert link == f"{site_url}metrics/churn-rate/?customers_at_start=2%2C000&customers_lost=50&period=monthly#calculator"
    assert page.url == link
    shown = visible_text(page, "churn_rate")
    context.close()

    fresh = browser.new_context().new_page()
    fresh.goto(link)
    wait_until_computed(fresh, "churn_rate")
    assert visible_text(fresh, "churn_rate") == shown
    assert fresh.locator('output[name="churn_rate"]').text_content() == "2.5%"
    fresh.context.close()


def test_address_follows_typing(page, site_url):
    """Once typing pauses, the address contains the inputs, so a reload keeps them."""
    page.goto(site_url + "metrics/churn-rate/")
    wait_until_ready(page, "churn_rate")
    type_inputs(page, "churn_rate", CHURN_INPUTS)
    wait_until_computed(page, "churn_rate")
    page.wait_for_url("**/metrics/churn-rate/?customers_at_start=2%2C000&customers_lost=50&period=monthly#calculator")

    page.reload()
    wait_until_computed(page, "churn_rate")
    assert page.locator('input[name="customers_lost"]').input_value() == "50"
    assert page.locator('output[name="churn_rate"]').text_content() == "2.5%"


def test_without_javascript_shows_worked_example(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/")
    form = form_of(page, "churn_rate")
    assert form.locator('output[name="churn_rate"]').text_content() == "5%"
    assert form.locator("[data-calc-formula]").inner_text() == "50 ÷ 1,000 × 100 = 5%"
    assert form.locator("[data-calc-sentence]").is_visible()
    assert form.locator("[data-calc-chart] svg").is_visible()
    assert form.locator("[data-calc-actions]").is_hidden()
    assert "Turn on JavaScript" in form.locator("[data-calc-status]").text_content()
    context.close()


@pytest.mark.parametrize("status", [404, 500])
def test_runtime_failure_keeps_worked_example(browser, site_url, status):
    """With Pyodide's files unavailable, the example stays and the form reports the failure."""
    context = browser.new_context()
    context.route("**/assets/runtime/**", lambda route: route.fulfill(status=status, body="unavailable"))
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/?customers_at_start=2000&customers_lost=50")

    form = form_of(page, "churn_rate")
    form.and_(page.locator("[data-state=failed]")).wait_for()
    assert "could not be loaded" in form.locator("[data-calc-status]").text_content()
    assert form.locator('output[name="churn_rate"]').text_content() == "5%"
    assert form.locator('input[name="customers_at_start"]').input_value() == "1,000"
    assert form.locator("[data-calc-formula]").inner_text() == "50 ÷ 1,000 × 100 = 5%"
    context.close()


def test_keyboard_only(page, site_url):
    """Tab to the fields, type, change the period and copy, without a mouse."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "metrics/churn-rate/")
    wait_until_ready(page, "churn_rate")

    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "customers_at_start":
            break
    else:
        pytest.fail("Tab never reached the first calculator field")

    page.keyboard.press("Control+A")
    page.keyboard.type("400")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "period"
    page.keyboard.press("ArrowDown")
    wait_until_computed(page, "churn_rate")
    assert page.locator('select[name="period"]').input_value() == "quarterly"
    assert page.locator('output[name="churn_rate"]').text_content() == "5%"
    assert page.locator('output[name="annual_churn"]').text_content() == "18.5%"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Copy link"
    page.keyboard.press("Enter")
    page.get_by_text("Link copied.").wait_for()


def test_result_announced_once_per_change(page, site_url):
    page.goto(site_url + "metrics/customer-acquisition-cost/")
    wait_until_ready(page, "cac")
    page.evaluate(
        """() => {
            window.__announcements = [];
            const region = document.querySelector("[data-calc-announce]");
            new MutationObserver(() => window.__announcements.push(region.textContent))
                .observe(region, {childList: true, characterData: true, subtree: true});
        }"""
    )
    field = page.locator('input[name="new_customers"]')
    field.fill("50")
    wait_until_computed(page, "cac")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__announcements") == ["Blended CAC: $200."]
    assert page.locator("[data-calc-announce]").get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(browser, site_url, scheme):
    """axe-core reports nothing on any page, calculators loaded, in both schemes."""
    # bypass_csp lets the test inject axe-core as an inline script; the
    # policy itself is tested in test_csp.py.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(site_url + path.removesuffix("index.html"))
        for calculator_id, calculator_path in CALCULATOR_PAGES.items():
            if calculator_path == path:
                wait_until_ready(page, calculator_id)
        page.add_script_tag(path=str(AXE_SCRIPT))
        violations = page.evaluate(
            "axe.run().then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
        )
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_calculator_pages_fit_the_screen(browser, site_url, width):
    """No horizontal scrolling; screenshots are kept in test-artifacts/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for calculator_id, path in CALCULATOR_PAGES.items():
        page.goto(site_url + page_path(calculator_id) + "#calculator")
        wait_until_ready(page, calculator_id)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (calculator_id, overflow)
        form_of(page, calculator_id).screenshot(path=str(SCREENSHOTS / f"{calculator_id}-{width}px.png"))
    context.close()
