"""On a calculator page the theme's script waits for Python, but never for long.

The build takes Material's script out of calculator pages, and the head
script that starts the calculator worker loads it later (see
``sitebuild/theme_script.py`` and ``overrides/main.html``). These tests
check each way it gets loaded and that the theme then works as on any page.
"""

import pytest

from tests.browser.test_calculators import (
    PREFILLED_CHURN,
    assert_prefilled_churn_computed,
    form_of,
    page_path,
    type_inputs,
    wait_until_computed,
)

pytestmark = pytest.mark.browser

# The theme's script has run, and then set the page up (it reveals the colour-scheme button).
THEME_LOADED = "() => typeof window.document$?.subscribe === 'function'"
THEME_SET_UP = "() => document.querySelector('[data-md-component=palette] label:not([hidden])') !== null"
# The head script's THEME_WAIT_LIMIT_MS.
THEME_WAIT_LIMIT_MS = 2000


def stall_runtime(context) -> None:
    """Leave the runtime's manifest unanswered, so Python never gets ready."""
    context.route("**/assets/runtime/manifest.json", lambda route: None)


def open_with_frozen_timers(context, url: str):
    """Open ``url`` in a new page whose timers stay frozen, so that the time
    limit cannot load the theme unless the test runs the clock."""
    page = context.new_page()
    page.clock.install(time=0)
    page.clock.pause_at(1000)
    page.goto(url)
    return page


def wait_for_theme_set_up(page) -> None:
    """Wait for the theme's script to run, then let its set-up task run too."""
    page.wait_for_function(THEME_LOADED)
    page.clock.resume()
    page.wait_for_function(THEME_SET_UP)


def theme_requested(page) -> bool:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').some((entry) => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(entry.name))"
    )


def test_theme_waits_for_runtime_then_works(browser, site_url):
    """On a calculator link the theme's script is requested only once Python
    is ready; then search and instant navigation work as on other pages."""
    context = browser.new_context()
    manifest_requests = []
    context.route("**/assets/runtime/manifest.json", lambda route: manifest_requests.append(route))
    page = context.new_page()
    page.set_default_timeout(60_000)
    # Frozen timers keep the time limit from loading the theme.
    page.clock.install(time=0)
    page.clock.pause_at(1000)

    page.goto(site_url + PREFILLED_CHURN)
    page.wait_for_timeout(500)
    assert not theme_requested(page)
    assert len(manifest_requests) == 1
    # Marked as the theme will mark it, so its stylesheet shows search already.
    assert page.evaluate("document.documentElement.className") == "js"

    manifest_requests[0].continue_()
    assert_prefilled_churn_computed(page)
    wait_for_theme_set_up(page)

    page.evaluate("window.__sameDocument = true")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    page.keyboard.type("acquisition")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")

    page.locator('.md-nav a[href$="customer-acquisition-cost/"]').first.click()
    page.wait_for_url("**/metrics/customer-acquisition-cost/")
    type_inputs(page, "cac", {"new_customers": "50"})
    wait_until_computed(page, "cac")
    assert form_of(page, "cac").locator('output[name="cac"]').text_content() == "$200"
    assert page.evaluate("window.__sameDocument") is True
    context.close()


def test_key_press_loads_theme_early(browser, site_url):
    """A visitor who presses a key before Python is ready gets the theme at once."""
    context = browser.new_context()
    stall_runtime(context)
    page = open_with_frozen_timers(context, site_url + page_path("churn_rate"))
    page.wait_for_timeout(500)
    assert not theme_requested(page)

    page.keyboard.press("Tab")
    page.wait_for_function(THEME_LOADED)
    assert form_of(page, "churn_rate").get_attribute("data-state") == "loading"
    page.clock.resume()
    page.wait_for_function(THEME_SET_UP)
    context.close()


def test_theme_loads_after_wait_limit(browser, site_url):
    """With Python still starting and no visitor input, the limit loads the theme."""
    context = browser.new_context()
    stall_runtime(context)
    page = open_with_frozen_timers(context, site_url + page_path("churn_rate"))
    page.wait_for_timeout(500)
    page.clock.run_for(THEME_WAIT_LIMIT_MS - 100)
    page.wait_for_timeout(300)
    assert not theme_requested(page)

    page.clock.run_for(100)
    wait_for_theme_set_up(page)
    context.close()


def test_theme_loads_when_runtime_fails(browser, site_url):
    """A runtime that cannot start loads the theme as soon as it reports so."""
    context = browser.new_context()
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="not found"))
    page = open_with_frozen_timers(context, site_url + page_path("churn_rate"))

    form_of(page, "churn_rate").and_(page.locator("[data-state=failed]")).wait_for()
    wait_for_theme_set_up(page)
    context.close()


def test_search_key_opens_search_before_theme(browser, site_url):
    """"/" pressed before the theme's script has arrived opens search, the
    letters typed next go into it rather than to the theme's page
    shortcuts, Enter does not reload the page, and the theme then shows
    results for the query."""
    context = browser.new_context()
    stall_runtime(context)
    theme_requests = []
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: theme_requests.append(route))
    page = open_with_frozen_timers(context, site_url + PREFILLED_CHURN)
    page.wait_for_timeout(500)
    assert not theme_requested(page)

    page.keyboard.press("/")
    page.keyboard.type("acquisition")
    query = page.locator('[data-md-component="search-query"]')
    assert query.evaluate("(input) => input === document.activeElement")
    assert query.input_value() == "acquisition"
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == site_url + PREFILLED_CHURN

    assert len(theme_requests) == 1
    theme_requests[0].continue_()
    wait_for_theme_set_up(page)
    page.locator(".md-search-result__item").first.wait_for()
    assert page.url == site_url + PREFILLED_CHURN
    context.close()


def test_escape_closes_search_before_theme(browser, site_url):
    context = browser.new_context()
    stall_runtime(context)
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: None)
    page = context.new_page()
    page.goto(site_url + page_path("churn_rate"))
    toggle = page.locator('[data-md-toggle="search"]')

    page.keyboard.press("/")
    assert toggle.is_checked() is True
    page.keyboard.press("Escape")
    assert toggle.is_checked() is False
    context.close()


def test_preferred_dark_scheme_before_theme(browser, site_url):
    """A first-time visitor whose system prefers dark gets the dark scheme
    from the first paint, not once the theme's script runs."""
    context = browser.new_context(color_scheme="dark")
    stall_runtime(context)
    page = open_with_frozen_timers(context, site_url + PREFILLED_CHURN)
    page.wait_for_timeout(500)

    assert not theme_requested(page)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    context.close()


def test_search_keys_typed_into_fields(browser, site_url):
    """In a calculator field, "s" and "/" are typed, not taken as search keys."""
    context = browser.new_context()
    stall_runtime(context)
    page = open_with_frozen_timers(context, site_url + page_path("churn_rate"))
    field = form_of(page, "churn_rate").locator('input[name="customers_lost"]')
    field.focus()
    field.press("End")
    field.press("s")
    field.press("/")

    assert field.input_value() == "50s/"
    assert page.locator('[data-md-toggle="search"]').is_checked() is False
    context.close()
