"""The SaaS metric calculators in real Chromium, running the real Pyodide.

Each calculator computes its worked example (tests/cases.py) when typed and
when opened from a prefilled link. Typing starts from other inputs, computed
by hand, so the results checked come from the live calculator rather than
from the worked example that the page was built with.
"""

from urllib.parse import quote, urlencode

import pytest

from tests.browser.test_calculators import form_of, outputs, page_path, type_inputs, wait_until_computed, wait_until_ready
from tests.cases import METRIC_WORKED_EXAMPLES

pytestmark = pytest.mark.browser

# Other inputs for each calculator, with results computed by hand.
OTHER_INPUTS = {
    # ($30 + $20) ÷ $1,000 = 5% gross, and ($30 + $20 − $50) ÷ $1,000 = 0% net.
    "revenue_churn": (
        {"starting_revenue": "1000", "expansion_revenue": "50", "contraction_revenue": "20", "churned_revenue": "30"},
        {"gross_churn": "5%", "net_churn": "0%"},
    ),
    # $270 a quarter, 10% off, 20 subscriptions: 270 × 0.9 ÷ 3 × 20 = $1,620, and row 2 cleared is skipped.
    "mrr": (
        {
            "plan1_period": "quarterly", "plan1_price": "270", "plan1_discount": "10", "plan1_count": "20",
            "plan2_price": "", "plan2_discount": "", "plan2_count": "", "one_time_fees": "",
        },
        {"mrr": "$1,620", "arr": "$19,440", "excluded_fees": "$0"},
    ),
    # 80 ÷ 1,000, 80 ÷ 1,200, 60 ÷ 1,000 and 80 ÷ 1,060.
    "churn_conventions": (
        {"customers_at_start": "1000", "new_customers": "200", "customers_lost": "80", "new_customers_lost": "20"},
        {"start_of_period": "8%", "start_plus_new": "6.7%", "excluding_new": "6%", "average_customers": "7.5%"},
    ),
    # 1 − 0.6^(1/12) = 4.2% a month.
    "churn_conversion": (
        {"churn_rate": "40", "from_period": "annual", "to_period": "monthly"},
        {"converted_rate": "4.2%", "retention_rate": "95.8%"},
    ),
    # No churn: no finite LTV, and $100 × 80% × 36 = $2,880 within the horizon.
    "ltv": (
        {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "0", "horizon_months": "36"},
        {"ltv": "No finite value", "lifetime": "No finite lifetime", "horizon_value": "$2,880"},
    ),
    # $240,000 ÷ $80,000 = 3.
    "ltv_to_cac": ({"ltv": "240000", "cac": "80000"}, {"ltv_to_cac": "3:1"}),
    # $8,000 ÷ ($1,200 × 78%) = 8.547 months.
    "cac_payback": (
        {"cac": "8000", "arpa": "1200", "gross_margin": "78"},
        {"payback_months": "8.5 months", "monthly_gross_profit": "$936"},
    ),
    # $2,000 ÷ 40 = $50, and no paid channel.
    "blended_paid_cac": (
        {"acquisition_costs": "2000", "paid_acquisition_costs": "0", "paid_customers": "0", "organic_customers": "40"},
        {"blended_cac": "$50", "paid_cac": "No paid channel"},
    ),
    # Nothing lost: no ratio, and $10,000 + $2,000 of net new MRR.
    "quick_ratio": (
        {"new_revenue": "10000", "expansion_revenue": "2000", "churned_revenue": "0", "contraction_revenue": "0"},
        {"quick_ratio": "No MRR lost", "net_new_revenue": "$12,000"},
    ),
}

CASE_IDS = [calculator_id for calculator_id, _, _ in METRIC_WORKED_EXAMPLES]


def fill_form(page, calculator_id, values):
    """Type into the text fields and pick the options of the selects named in ``values``."""
    form = form_of(page, calculator_id)
    typed = {}
    for name, value in values.items():
        if form.locator(f'select[name="{name}"]').count():
            form.locator(f'select[name="{name}"]').select_option(value)
        else:
            typed[name] = value
    type_inputs(page, calculator_id, typed)


def field_values(page, calculator_id, names) -> dict:
    form = form_of(page, calculator_id)
    return {name: form.locator(f'[name="{name}"]').input_value() for name in names}


@pytest.mark.parametrize(("calculator_id", "inputs", "expected"), METRIC_WORKED_EXAMPLES, ids=CASE_IDS)
def test_typed_worked_example(page, site_url, calculator_id, inputs, expected):
    """Typing other numbers, then the worked example, shows each one's results."""
    page.goto(site_url + page_path(calculator_id))
    wait_until_ready(page, calculator_id)

    other_inputs, other_expected = OTHER_INPUTS[calculator_id]
    fill_form(page, calculator_id, other_inputs)
    wait_until_computed(page, calculator_id)
    assert outputs(page, calculator_id, other_expected) == other_expected

    fill_form(page, calculator_id, inputs)
    wait_until_computed(page, calculator_id)
    assert outputs(page, calculator_id, expected) == expected


@pytest.mark.parametrize(("calculator_id", "inputs", "expected"), METRIC_WORKED_EXAMPLES, ids=CASE_IDS)
def test_prefilled_worked_example(page, site_url, calculator_id, inputs, expected):
    """A link naming every field of the worked example computes it at once and fills the form."""
    query = urlencode(inputs, quote_via=quote)
    page.goto(f"{site_url}{page_path(calculator_id)}?utm_source=newsletter&{query}#calculator")

    wait_until_computed(page, calculator_id)
    assert outputs(page, calculator_id, expected) == expected
    assert field_values(page, calculator_id, inputs) == inputs


@pytest.mark.parametrize("calculator_id", CASE_IDS)
def test_prefilled_other_inputs(page, site_url, calculator_id):
    """A link with inputs other than the worked example shows their results, not the build-time ones."""
    inputs, expected = OTHER_INPUTS[calculator_id]
    query = urlencode(inputs, quote_via=quote)
    page.goto(f"{site_url}{page_path(calculator_id)}?{query}#calculator")

    wait_until_computed(page, calculator_id)
    assert outputs(page, calculator_id, expected) == expected


def test_partly_filled_plan_row_shows_missing_fields(page, site_url):
    """Filling only the price of plan 3 marks its discount and count as missing, each named."""
    page.goto(site_url + page_path("mrr"))
    wait_until_ready(page, "mrr")
    type_inputs(page, "mrr", {"plan3_price": "20"})
    wait_until_computed(page, "mrr")

    form = form_of(page, "mrr")
    for name in ("plan3_discount", "plan3_count"):
        field = form.locator(f'input[name="{name}"]')
        error = form.locator(f'[data-error-for="{name}"]')
        assert error.is_visible()
        assert error.text_content().startswith("Must be filled in with")
        assert field.get_attribute("aria-invalid") == "true"
        assert error.get_attribute("id") in field.get_attribute("aria-describedby").split()
    assert form.locator('[data-error-for="plan3_price"]').is_hidden()
    assert outputs(page, "mrr", ["mrr"]) == {"mrr": "—"}

    type_inputs(page, "mrr", {"plan3_price": ""})
    wait_until_computed(page, "mrr")
    assert outputs(page, "mrr", ["mrr"]) == {"mrr": "$12,500"}


def test_plan_fields_labelled(page, site_url):
    """Every field of the plan rows has exactly one label naming its row."""
    page.goto(site_url + page_path("mrr"))
    labels = form_of(page, "mrr").locator(".calc-rows input, .calc-rows select").evaluate_all(
        "fields => fields.map(field => [...field.labels].map(label => label.textContent))"
    )
    assert len(labels) == 16
    assert labels[0] == ["Plan 1, Billed every"]
    assert labels[-1] == ["Plan 4, Subscriptions"]
    assert all(len(names) == 1 for names in labels)


def test_zero_churn_ltv_reads_as_text(page, site_url):
    """At 0% churn the form reads "No finite value" for LTV and shows the horizon value, never inf or nan."""
    page.goto(f"{site_url}{page_path('ltv')}?arpa=100&gross_margin=80&monthly_churn_rate=0&horizon_months=36#calculator")
    wait_until_computed(page, "ltv")

    text = form_of(page, "ltv").inner_text()
    assert "No finite value" in text
    assert "$2,880" in text
    for word in ("inf", "Infinity", "NaN", "nan", "None"):
        assert word not in text.split(), word
