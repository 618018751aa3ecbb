"""The calculators in real Chromium, running the real Pyodide."""

import pytest

from tests.cases import WORKED_EXAMPLES
from tests.test_site_build import CALCULATOR_PAGES, PAGES

pytestmark = pytest.mark.browser

# Inputs other than the worked example, with results computed by hand, so a
# prefilled link is seen to compute rather than show the build-time example.
OTHER_INPUTS = [
    ("churn_rate", {"customers_at_start": "2000", "customers_lost": "50"}, {"churn_rate": "2.5%"}),
    ("cac", {"acquisition_costs": "5000", "new_customers": "25"}, {"cac": "$200"}),
    (
        "revenue_retention",
        {
            "starting_revenue": "500000",
            "expansion_revenue": "50000",
            "contraction_revenue": "25000",
            "churned_revenue": "25000",
        },
        {"grr": "90%", "nrr": "100%"},
    ),
    ("arr", {"mrr": "2500"}, {"arr": "$30,000"}),
]


def page_path(calculator_id: str) -> str:
    return CALCULATOR_PAGES[calculator_id].removesuffix("index.html")


def form_of(page, calculator_id):
    return page.locator(f'form[data-calculator="{calculator_id}"]')


def wait_until_ready(page, calculator_id):
    form_of(page, calculator_id).and_(page.locator("[data-state=ready]")).wait_for()


def wait_until_computed(page, calculator_id):
    """Wait until the live runtime has answered the form's latest request."""
    page.wait_for_function(
        """id => {
            const form = document.querySelector(`form[data-calculator="${id}"]`);
            return form && form.dataset.state === "ready"
                && form.dataset.latestRequest
                && form.dataset.shownRequest === form.dataset.latestRequest;
        }""",
        arg=calculator_id,
    )


# The churn link used wherever one prefilled link will do: 100 of 4,000 is 2.5%.
PREFILLED_CHURN = "metrics/churn-rate/?customers_at_start=4000&customers_lost=100"


def assert_prefilled_churn_computed(page):
    """Wait for the live result of PREFILLED_CHURN and check it."""
    wait_until_computed(page, "churn_rate")
    assert form_of(page, "churn_rate").locator('output[name="churn_rate"]').text_content() == "2.5%"
    assert form_of(page, "churn_rate").get_attribute("data-state") == "ready"


def outputs(page, calculator_id, names=None) -> dict:
    """The text of the form's outputs, limited to ``names`` when given."""
    form = form_of(page, calculator_id)
    if names is None:
        names = form.locator("output[name]").evaluate_all("nodes => nodes.map(n => n.name)")
    return {name: form.locator(f'output[name="{name}"]').text_content() for name in names}


def type_inputs(page, calculator_id, inputs):
    form = form_of(page, calculator_id)
    for name, text in inputs.items():
        field = form.locator(f'input[name="{name}"]')
        field.fill("")
        field.press_sequentially(text)


@pytest.mark.parametrize(("calculator_id", "inputs", "expected"), WORKED_EXAMPLES, ids=lambda v: v if isinstance(v, str) else "")
def test_typed_example(page, site_url, calculator_id, inputs, expected):
    """Typing other numbers, then the worked example, shows the example's results."""
    page.goto(site_url + page_path(calculator_id))
    wait_until_ready(page, calculator_id)

    other_inputs, other_expected = next((i, e) for c, i, e in OTHER_INPUTS if c == calculator_id)
    type_inputs(page, calculator_id, other_inputs)
    wait_until_computed(page, calculator_id)
    assert outputs(page, calculator_id, other_expected) == other_expected

    type_inputs(page, calculator_id, inputs)
    wait_until_computed(page, calculator_id)
    assert outputs(page, calculator_id, expected) == expected


@pytest.mark.parametrize(("calculator_id", "inputs", "expected"), WORKED_EXAMPLES + OTHER_INPUTS, ids=lambda v: v if isinstance(v, str) else "")
def test_prefilled_link(page, site_url, calculator_id, inputs, expected):
    """A link with the input names as query parameters computes at once."""
    query = "&".join(f"{name}={value}" for name, value in inputs.items())
    page.goto(f"{site_url}{page_path(calculator_id)}?utm_source=newsletter&{query}#calculator")

    wait_until_computed(page, calculator_id)
    assert outputs(page, calculator_id, expected) == expected
    for name, value in inputs.items():
        assert form_of(page, calculator_id).locator(f'input[name="{name}"]').input_value() == value


def test_churn_prefilled_shows_five_percent(page, site_url):
    page.goto(site_url + "metrics/churn-rate/?customers_at_start=1000&customers_lost=50")
    wait_until_computed(page, "churn_rate")
    assert page.locator('output[name="churn_rate"]').text_content() == "5%"


def test_bad_input_shows_inline_message(page, site_url):
    page.goto(site_url + page_path("churn_rate"))
    type_inputs(page, "churn_rate", {"customers_lost": "1,200"})
    wait_until_computed(page, "churn_rate")

    error = page.locator('[data-error-for="customers_lost"]')
    assert error.is_visible()
    assert error.text_content() == "Must be no more than the customers at start (1,000). You entered “1,200”."
    field = page.locator('input[name="customers_lost"]')
    assert field.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in field.get_attribute("aria-describedby").split()
    assert page.locator('output[name="churn_rate"]').text_content() == "—"

    type_inputs(page, "churn_rate", {"customers_lost": "50"})
    wait_until_computed(page, "churn_rate")
    assert error.is_hidden()
    assert page.locator('output[name="churn_rate"]').text_content() == "5%"


def test_prefilled_bad_value_is_field_error(page, site_url):
    page.goto(site_url + "metrics/annual-recurring-revenue/?mrr=%3Cb%3Ebold%3C%2Fb%3E")
    wait_until_computed(page, "arr")
    error = page.locator('[data-error-for="mrr"]')
    assert error.text_content() == "Must be an amount written like 10000, 10,000, $10,000 or $1.2m. You entered “<b>bold</b>”."
    assert error.locator("b").count() == 0


def test_status_while_loading_then_ready(page, site_url):
    page.goto(site_url + page_path("cac"))
    wait_until_ready(page, "cac")
    assert page.locator("[data-calc-status]").text_content() == "Results update as you type."


def test_instant_navigation_keeps_one_pyodide(browser, site_url):
    """Home → churn → CAC → Back: every form works and the wasm loads once.

    The service worker is blocked here because its install step caches the
    runtime, which would add a second (HTTP-cached) wasm request.
    """
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.set_default_timeout(60_000)
    wasm_requests = []
    page.context.on("request", lambda request: request.url.endswith(".wasm") and wasm_requests.append(request.url))

    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    assert wasm_requests == []

    page.locator('.md-content a[href$="metrics/churn-rate/#calculator"]').first.click()
    page.wait_for_url("**/metrics/churn-rate/**")
    type_inputs(page, "churn_rate", {"customers_lost": "100"})
    wait_until_computed(page, "churn_rate")
    assert outputs(page, "churn_rate", ["churn_rate"]) == {"churn_rate": "10%"}

    page.locator('.md-nav a[href$="customer-acquisition-cost/"]').first.click()
    page.wait_for_url("**/metrics/customer-acquisition-cost/")
    type_inputs(page, "cac", {"new_customers": "50"})
    wait_until_computed(page, "cac")
    assert outputs(page, "cac", ["cac"]) == {"cac": "$200"}

    page.go_back()
    page.wait_for_url("**/metrics/churn-rate/**")
    type_inputs(page, "churn_rate", {"customers_at_start": "500", "customers_lost": "25"})
    wait_until_computed(page, "churn_rate")
    assert outputs(page, "churn_rate", ["churn_rate"]) == {"churn_rate": "5%"}

    assert page.evaluate("window.__sameDocument") is True
    assert len(wasm_requests) == 1
    context.close()


def test_pages_request_only_own_origin(browser, site_url):
    """No page, calculator runtime included, requests another origin."""
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()

    for path in PAGES:
        page.goto(site_url + path.removesuffix("index.html"))
        page.wait_for_load_state("networkidle")
    for calculator_id in CALCULATOR_PAGES:
        page.goto(f"{site_url}{page_path(calculator_id)}?mrr=1")
        wait_until_ready(page, calculator_id)
    context.close()

    foreign = [url for url in requested if not url.startswith((site_url, "data:", "blob:"))]
    assert foreign == []
    assert any(url.endswith("pyodide.asm.wasm") for url in requested)


def test_faq_page_loads_no_pyodide(browser, site_url):
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + "concepts/customer-churn/")
    page.wait_for_load_state("networkidle")
    context.close()

    assert [url for url in requested if "/assets/runtime/" in url or "calculator-worker" in url] == []


def test_partial_prefill_leaves_other_fields_empty(page, site_url):
    """A link naming some fields does not mix in the example's other values."""
    page.goto(site_url + "metrics/revenue-retention/?starting_revenue=500")
    wait_until_computed(page, "revenue_retention")
    assert page.locator('input[name="expansion_revenue"]').input_value() == ""
    assert page.locator('[data-error-for="expansion_revenue"]').text_content().startswith("Must be filled in")
    assert page.locator('output[name="nrr"]').text_content() == "—"


def test_back_keeps_typed_values(page, site_url):
    """After instant navigation away and Back, the form shows what was typed."""
    page.goto(site_url + page_path("churn_rate"))
    wait_until_ready(page, "churn_rate")
    form_of(page, "churn_rate").locator('input[name="customers_at_start"]').fill("300")
    form_of(page, "churn_rate").locator('input[name="customers_lost"]').fill("9")
    wait_until_computed(page, "churn_rate")

    page.locator('.md-nav a[href$="customer-acquisition-cost/"]').first.click()
    page.wait_for_url("**/metrics/customer-acquisition-cost/")
    page.go_back()
    page.wait_for_url("**/metrics/churn-rate/**")
    # Material may swap the page in more than once after the URL changes, and
    # each new form shows the build-time example until its own request is
    # gets its result, so check the settled state in one step, then once more.
    settled = """() => {
        const form = document.querySelector('form[data-calculator="churn_rate"]');
        return form && form.dataset.shownRequest === form.dataset.latestRequest
            && form.querySelector('output[name="churn_rate"]').textContent === '3%'
            && form.querySelector('input[name="customers_at_start"]').value === '300';
    }"""
    page.wait_for_function(settled)
    page.wait_for_timeout(500)
    page.wait_for_function(settled)


def test_unknown_period_in_link_is_field_error(page, site_url):
    """A link with a period the form does not offer gets an inline error, not the default."""
    page.goto(site_url + "metrics/churn-rate/?customers_at_start=1000&customers_lost=50&period=weekly")
    wait_until_computed(page, "churn_rate")
    error = form_of(page, "churn_rate").locator('[data-error-for="period"]')
    assert error.text_content() == "Must be one of monthly, quarterly, annual. You entered “weekly”."
    assert outputs(page, "churn_rate", ["churn_rate"]) == {"churn_rate": "—"}

    page.select_option('select[name="period"]', "annual")
    wait_until_computed(page, "churn_rate")
    assert error.is_hidden()
    assert outputs(page, "churn_rate", ["churn_rate"]) == {"churn_rate": "5%"}
