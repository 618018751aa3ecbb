"""Tests of the calculator descriptions and of evaluate()."""

import json
import re

import pytest

import calc
import calc.saas
from calc.charts import cumulative_profit_svg
from tests.cases import METRIC_WORKED_EXAMPLES, WORKED_EXAMPLES

PLAN_FIELDS = [f"plan{row}_{field}" for row in range(1, 5) for field in ("price", "discount", "count")]
PLAN_PERIODS = [f"plan{row}_period" for row in range(1, 5)]

# The ids and parameter names are a public contract: marketing links carry them.
PUBLIC_CONTRACT = {
    "churn_rate": (
        ["customers_at_start", "customers_lost", "period"],
        ["churn_rate", "monthly_churn", "quarterly_churn", "annual_churn"],
    ),
    "cac": (["acquisition_costs", "new_customers"], ["cac"]),
    "revenue_retention": (
        ["starting_revenue", "expansion_revenue", "contraction_revenue", "churned_revenue"],
        ["grr", "nrr"],
    ),
    "arr": (["mrr"], ["arr"]),
    "revenue_churn": (
        ["starting_revenue", "expansion_revenue", "contraction_revenue", "churned_revenue"],
        ["gross_churn", "net_churn"],
    ),
    "mrr": ([*PLAN_FIELDS, "one_time_fees", *PLAN_PERIODS], ["mrr", "arr", "excluded_fees"]),
    "churn_conventions": (
        ["customers_at_start", "new_customers", "customers_lost", "new_customers_lost"],
        ["start_of_period", "start_plus_new", "excluding_new", "average_customers", "customers_at_end"],
    ),
    "churn_conversion": (["churn_rate", "from_period", "to_period"], ["converted_rate", "retention_rate"]),
    "ltv": (["arpa", "gross_margin", "monthly_churn_rate", "horizon_months"], ["ltv", "lifetime", "horizon_value"]),
    "ltv_to_cac": (["ltv", "cac"], ["ltv_to_cac"]),
    "cac_payback": (["cac", "arpa", "gross_margin"], ["payback_months", "monthly_gross_profit"]),
    "blended_paid_cac": (
        ["acquisition_costs", "paid_acquisition_costs", "paid_customers", "organic_customers"],
        ["blended_cac", "paid_cac"],
    ),
    "quick_ratio": (
        ["new_revenue", "expansion_revenue", "churned_revenue", "contraction_revenue"],
        ["quick_ratio", "net_new_revenue"],
    ),
}


def test_public_names_are_stable():
    described = {
        calculator.id: (
            [spec.name for spec in calculator.inputs + calculator.choices],
            [result.name for result in calculator.results],
        )
        for calculator in calc.CALCULATORS
    }
    assert described == PUBLIC_CONTRACT


def test_exported_names():
    assert sorted(calc.__all__) == calc.__all__
    assert "InvalidInputError" in calc.__all__


def test_saas_names_exported():
    missing = [name for name in calc.saas.__all__ if name not in calc.__all__]
    assert missing == []


@pytest.mark.parametrize(("calculator_id", "inputs", "expected"), WORKED_EXAMPLES + METRIC_WORKED_EXAMPLES)
def test_worked_example_evaluates(calculator_id, inputs, expected):
    evaluation = calc.evaluate(calculator_id, inputs)
    assert evaluation.errors == {}
    assert {name: evaluation.results[name] for name in expected} == expected


@pytest.mark.parametrize("calculator", calc.CALCULATORS, ids=lambda c: c.id)
def test_description_example_matches_worked_example(calculator):
    """Each form opens on the worked example that its page and tests/cases.py cite."""
    expected = {example[0]: example[1] for example in WORKED_EXAMPLES + METRIC_WORKED_EXAMPLES}[calculator.id]
    assert {spec.name for spec in calculator.inputs} <= set(expected)
    assert {name: str(calculator.example[name]) for name in expected} == expected


def test_unknown_fields_are_ignored():
    evaluation = calc.evaluate(
        "churn_rate",
        {"customers_at_start": "1000", "customers_lost": "50", "utm_source": "newsletter"},
    )
    assert evaluation.results["churn_rate"] == "5%"


def test_empty_field_is_required_not_zero():
    evaluation = calc.evaluate("cac", {"acquisition_costs": "10000", "new_customers": ""})
    assert evaluation.results == {}
    assert evaluation.errors["new_customers"].startswith("Must be filled in")


def test_missing_field_is_required():
    evaluation = calc.evaluate("arr", {})
    assert "mrr" in evaluation.errors


def test_every_bad_field_is_reported():
    evaluation = calc.evaluate("churn_rate", {"customers_at_start": "abc", "customers_lost": "-5"})
    assert set(evaluation.errors) == {"customers_at_start", "customers_lost"}


def test_cross_field_error_shows_typed_text():
    evaluation = calc.evaluate("churn_rate", {"customers_at_start": "1,000", "customers_lost": "1,200"})
    assert evaluation.errors == {
        "customers_lost": "Must be no more than the customers at start (1,000). You entered “1,200”."
    }


def test_unknown_calculator_is_plain_value_error():
    with pytest.raises(ValueError, match="unknown calculator 'nope'; known calculators: arr, blended_paid_cac, cac"):
        calc.evaluate("nope", {})


def test_evaluate_json_round_trip():
    output = json.loads(calc.evaluate_json("arr", json.dumps({"mrr": "$10,000"})))
    assert output == {
        "calculator": "arr",
        "results": {"arr": "$120,000"},
        "values": {"mrr": 10000.0},
        "errors": {},
        "skipped": [],
        "formula": ["$10,000 × 12 = $120,000"],
        "sentence": "If today's subscriptions stay as they are, a year brings in $120,000 of recurring revenue.",
        "warnings": [],
        "chart": "",
    }


def test_evaluate_json_rejects_non_object():
    with pytest.raises(ValueError, match="inputs must be a JSON object; got list"):
        calc.evaluate_json("arr", "[]")


def test_script_text_is_data():
    """Markup typed into a field comes back as an error quoting it, never evaluated."""
    evaluation = calc.evaluate("arr", {"mrr": "<img src=x onerror=alert(1)>"})
    assert evaluation.results == {}
    assert "“<img src=x onerror=alert(1)>”" in evaluation.errors["mrr"]


class TestExplanations:
    """Formulas with the visitor's numbers and the sentence reading them."""

    def test_churn_formula_substitutes_numbers(self):
        evaluation = calc.evaluate("churn_rate", {"customers_at_start": "1000", "customers_lost": "50"})
        assert evaluation.explanation.formula == ("50 ÷ 1,000 × 100 = 5%",)

    def test_churn_sentence_compounds_a_year(self):
        """5% a month leaves 0.95**12 = 54.0% after a year (hand computation)."""
        evaluation = calc.evaluate("churn_rate", {"customers_at_start": "1000", "customers_lost": "50"})
        assert evaluation.explanation.sentence == (
            "At 5% monthly churn, 46% of today's customers are gone after a year and 54% remain,"
            " compounded month by month."
        )

    def test_churn_equivalent_rates_are_compounded(self):
        """5% monthly is 1 − 0.95**3 = 14.3% quarterly and 1 − 0.95**12 = 46% annual, by hand."""
        evaluation = calc.evaluate("churn_rate", {"customers_at_start": "1000", "customers_lost": "50"})
        assert evaluation.results["quarterly_churn"] == "14.3%"
        assert evaluation.results["annual_churn"] == "46%"

    def test_annual_churn_converted_to_monthly(self):
        """40% a year is 1 − 0.6**(1/12) = 4.2% a month, by hand."""
        evaluation = calc.evaluate(
            "churn_rate", {"customers_at_start": "100", "customers_lost": "40", "period": "annual"}
        )
        assert evaluation.results["monthly_churn"] == "4.2%"
        assert evaluation.results["annual_churn"] == "40%"
        assert evaluation.explanation.warnings == ()

    def test_unknown_period_is_field_error(self):
        evaluation = calc.evaluate("churn_rate", {"customers_at_start": "1", "customers_lost": "0", "period": "weekly"})
        assert evaluation.errors == {"period": "Must be one of monthly, quarterly, annual. You entered “weekly”."}

    def test_high_monthly_churn_warns(self):
        evaluation = calc.evaluate("churn_rate", {"customers_at_start": "100", "customers_lost": "40"})
        assert evaluation.results["churn_rate"] == "40%"
        assert len(evaluation.explanation.warnings) == 1
        assert "period is right" in evaluation.explanation.warnings[0]

    def test_thirty_percent_monthly_does_not_warn(self):
        evaluation = calc.evaluate("churn_rate", {"customers_at_start": "100", "customers_lost": "30"})
        assert evaluation.explanation.warnings == ()

    def test_retention_formula_and_sentence(self):
        evaluation = calc.evaluate(
            "revenue_retention",
            {"starting_revenue": "1000000", "expansion_revenue": "200000", "contraction_revenue": "0", "churned_revenue": "0"},
        )
        assert evaluation.explanation.formula == (
            "GRR = ($1,000,000 − $0 − $0) ÷ $1,000,000 × 100 = 100%",
            "NRR = ($1,000,000 + $200,000 − $0 − $0) ÷ $1,000,000 × 100 = 120%",
        )
        assert evaluation.explanation.sentence == (
            "Your starting customers kept 100% of their revenue, and expansion brought the same customers"
            " to 120% of where they started."
        )

    def test_retention_expansion_above_start_warns(self):
        evaluation = calc.evaluate(
            "revenue_retention",
            {"starting_revenue": "100", "expansion_revenue": "150", "contraction_revenue": "0", "churned_revenue": "0"},
        )
        assert evaluation.results == {"grr": "100%", "nrr": "250%"}
        assert "not revenue from new customers" in evaluation.explanation.warnings[0]

    def test_tiny_cac_warns(self):
        evaluation = calc.evaluate("cac", {"acquisition_costs": "50", "new_customers": "100"})
        assert evaluation.results == {"cac": "$0.50"}
        assert "in thousands" in evaluation.explanation.warnings[0]

    def test_cac_formula(self):
        evaluation = calc.evaluate("cac", {"acquisition_costs": "$10,000", "new_customers": "100"})
        assert evaluation.explanation.formula == ("$10,000 ÷ 100 = $100",)

    def test_arr_formula(self):
        evaluation = calc.evaluate("arr", {"mrr": "10k"})
        assert evaluation.explanation.formula == ("$10,000 × 12 = $120,000",)


class TestCharts:
    """The SVG charts and their text alternatives."""

    def test_churn_chart_describes_curve(self):
        """5% monthly leaves 0.95**6 = 73.5% at month 6 and 54% at month 12 (hand computation)."""
        chart = calc.evaluate("churn_rate", {"customers_at_start": "1000", "customers_lost": "50"}).explanation.chart
        assert chart.startswith('<svg class="calc-chart"')
        assert 'role="img"' in chart
        assert "100% at month 0, 73.5% at month 6, 54% at month 12." in chart

    def test_waterfall_describes_steps(self):
        chart = calc.evaluate(
            "revenue_retention",
            {"starting_revenue": "1000000", "expansion_revenue": "150000", "contraction_revenue": "30000", "churned_revenue": "70000"},
        ).explanation.chart
        assert "Start $1,000,000, Expansion $150,000, Contraction -$30,000, Churn -$70,000, End $1,050,000." in chart

    def test_waterfall_labels_above_bars(self):
        """Each value label's baseline sits at least 3 units above its bar and 10
        below the chart's top edge, room for its text, even for the tallest bars."""
        chart = calc.evaluate(
            "revenue_retention",
            {"starting_revenue": "500000", "expansion_revenue": "60000", "contraction_revenue": "15000", "churned_revenue": "25000"},
        ).explanation.chart
        bar_tops = [float(y) for y in re.findall(r'<rect class="calc-chart__bar[^"]*" x="[^"]+" y="([^"]+)"', chart)]
        label_baselines = [float(y) for y in re.findall(r'<text class="calc-chart__value" x="[^"]+" y="([^"]+)"', chart)]
        assert len(bar_tops) == 5
        assert len(label_baselines) == 5
        for bar_top, baseline in zip(bar_tops, label_baselines):
            assert baseline <= bar_top - 3
            assert baseline >= 10


def test_out_of_range_error_quotes_typed_text():
    evaluation = calc.evaluate("churn_rate", {"customers_at_start": "-5", "customers_lost": "0"})
    assert evaluation.errors["customers_at_start"].endswith("You entered “-5”.")


def evaluate_ok(calculator_id, inputs):
    """Evaluate ``inputs`` and fail with the field errors unless it computed."""
    evaluation = calc.evaluate(calculator_id, inputs)
    assert evaluation.errors == {}
    return evaluation


# The Stripe mix of the MRR worked example, as typed: rows 3 and 4 left empty.
STRIPE_PLANS = dict(METRIC_WORKED_EXAMPLES[1][1])


class TestOptionalFields:
    """Optional inputs, groups of them, and evaluate() skipping what is left empty."""

    def test_grouped_input_must_be_optional(self):
        with pytest.raises(ValueError, match="input 'x' is in group 'row 1', so it must be optional"):
            calc.Input("x", "X", calc.Unit.COUNT, group="row 1")

    def test_empty_rows_skipped(self):
        """One filled row: $45 × 7 = $315 of MRR and $3,780 of ARR, by hand."""
        evaluation = evaluate_ok(
            "mrr", {"plan1_period": "monthly", "plan1_price": "45", "plan1_discount": "0", "plan1_count": "7"}
        )
        assert evaluation.results == {"mrr": "$315", "arr": "$3,780", "excluded_fees": "$0"}
        assert set(evaluation.skipped) == {
            *(name for name in PLAN_FIELDS if not name.startswith("plan1_")),
            "plan2_period",
            "plan3_period",
            "plan4_period",
            "one_time_fees",
        }

    def test_skipped_fields_keep_a_value(self):
        """Every field has a value, 0 or the choice's default, so values stays complete."""
        evaluation = evaluate_ok(
            "mrr", {"plan1_period": "monthly", "plan1_price": "45", "plan1_discount": "0", "plan1_count": "7"}
        )
        assert evaluation.values["plan2_price"] == 0
        assert evaluation.values["plan2_period"] == "monthly"
        assert evaluation.values["one_time_fees"] == 0

    def test_blank_text_counts_as_empty(self):
        inputs = {**STRIPE_PLANS, "plan3_price": "  ", "plan3_discount": "\t", "plan3_count": " "}
        evaluation = evaluate_ok("mrr", inputs)
        assert "plan3_price" in evaluation.skipped
        assert evaluation.results["mrr"] == "$12,500"

    def test_period_alone_does_not_fill_row(self):
        """A select always has a value, so row 3's period without numbers leaves the row empty."""
        evaluation = evaluate_ok("mrr", {**STRIPE_PLANS, "plan3_period": "annual"})
        assert "plan3_period" in evaluation.skipped
        assert evaluation.results["mrr"] == "$12,500"

    def test_partly_filled_row_names_each_missing_field(self):
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "plan3_price": "20"})
        assert evaluation.results == {}
        assert evaluation.errors == {
            "plan3_discount": "Must be filled in with a number from 0 to 100, because the rest of plan 3 is filled in"
            " (clear every field of plan 3 to leave it out). You entered nothing.",
            "plan3_count": "Must be filled in with a whole number from 0 to 1,000,000,000,000, because the rest of"
            " plan 3 is filled in (clear every field of plan 3 to leave it out). You entered nothing.",
        }

    def test_partly_filled_row_keeps_other_errors(self):
        """A malformed value in a partly filled row is reported as typed, beside the missing field."""
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "plan3_price": "abc", "plan3_count": "4"})
        assert set(evaluation.errors) == {"plan3_price", "plan3_discount"}
        assert evaluation.errors["plan3_price"].endswith("You entered “abc”.")

    def test_all_rows_empty_asks_for_one_plan(self):
        evaluation = calc.evaluate("mrr", {"one_time_fees": "500"})
        assert evaluation.errors == {
            "plan1_price": "Must be filled in with a number from 0 to 1,000,000,000,000,000, because MRR needs at"
            " least one plan. You entered nothing."
        }

    def test_optional_field_left_empty_is_skipped(self):
        evaluation = evaluate_ok("mrr", {**STRIPE_PLANS, "one_time_fees": ""})
        assert "one_time_fees" in evaluation.skipped
        assert evaluation.results["excluded_fees"] == "$0"
        assert "one-time fees" not in evaluation.explanation.sentence

    def test_optional_field_still_checked_when_filled(self):
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "one_time_fees": "-5"})
        assert evaluation.errors == {"one_time_fees": "Must be a number from 0 to 1,000,000,000,000,000. You entered “-5”."}

    def test_bad_period_in_filled_row(self):
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "plan1_period": "weekly"})
        assert evaluation.errors == {"plan1_period": "Must be one of monthly, quarterly, annual. You entered “weekly”."}

    def test_skipped_listed_in_json(self):
        output = json.loads(calc.evaluate_json("mrr", json.dumps(STRIPE_PLANS)))
        assert "plan4_count" in output["skipped"]

    def test_errors_clear_skipped(self):
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "plan1_price": "x"})
        assert evaluation.skipped == []
        assert evaluation.values == {}


class TestRevenueChurnCalculator:
    def test_worked_example_explained(self):
        """Klipfolio's example A: 20% gross and 6% net, the hand computation and the source's figure."""
        explanation = evaluate_ok("revenue_churn", METRIC_WORKED_EXAMPLES[0][1]).explanation
        assert explanation.formula == (
            "Gross = ($10,000 + $0) ÷ $50,000 × 100 = 20%",
            "Net = ($10,000 + $0 − $7,000) ÷ $50,000 × 100 = 6%",
        )
        assert explanation.sentence == (
            "Your starting customers took away 20% of their MRR, and after expansion the net loss was 6%."
        )
        assert explanation.warnings == ()

    def test_net_negative_churn(self):
        """Klipfolio's example B: $100,000, $12,000 expansion, $7,000 lost is −5% net; 7% gross by hand."""
        evaluation = evaluate_ok(
            "revenue_churn",
            {"starting_revenue": "100k", "expansion_revenue": "12k", "contraction_revenue": "0", "churned_revenue": "7k"},
        )
        assert evaluation.results == {"gross_churn": "7%", "net_churn": "-5%"}
        assert evaluation.explanation.sentence == (
            "Your starting customers took away 7% of their MRR, but expansion more than made up for it,"
            " so the same customers now pay 5% more: net churn is -5%."
        )

    def test_expansion_equal_to_losses(self):
        evaluation = evaluate_ok(
            "revenue_churn",
            {"starting_revenue": "1000", "expansion_revenue": "50", "contraction_revenue": "20", "churned_revenue": "30"},
        )
        assert evaluation.results == {"gross_churn": "5%", "net_churn": "0%"}
        assert evaluation.explanation.sentence.endswith("and expansion exactly made up for it.")

    def test_cents_add_up_exactly(self):
        """$0.10 + $0.20 lost of $0.30 is every cent: 100% gross churn, not an error."""
        evaluation = evaluate_ok(
            "revenue_churn",
            {"starting_revenue": "0.30", "expansion_revenue": "0", "contraction_revenue": "0.10", "churned_revenue": "0.20"},
        )
        assert evaluation.results == {"gross_churn": "100%", "net_churn": "100%"}
        assert evaluation.explanation.warnings[0].startswith("Every dollar of starting MRR was lost.")

    def test_expansion_above_start_warns(self):
        evaluation = evaluate_ok(
            "revenue_churn",
            {"starting_revenue": "100", "expansion_revenue": "150", "contraction_revenue": "0", "churned_revenue": "0"},
        )
        assert evaluation.results["net_churn"] == "-150%"
        assert "not MRR from new customers" in evaluation.explanation.warnings[0]

    def test_zero_starting_mrr_rejected(self):
        evaluation = calc.evaluate(
            "revenue_churn",
            {"starting_revenue": "0", "expansion_revenue": "0", "contraction_revenue": "0", "churned_revenue": "0"},
        )
        assert evaluation.errors == {
            "starting_revenue": "Must be a number from 0.01 to 1,000,000,000,000,000. You entered “0”."
        }

    def test_losses_above_start_rejected(self):
        evaluation = calc.evaluate(
            "revenue_churn",
            {"starting_revenue": "100", "expansion_revenue": "0", "contraction_revenue": "60", "churned_revenue": "70"},
        )
        assert evaluation.errors == {
            "churned_revenue": "Must be no more than the starting revenue minus contraction ($40). You entered “70”."
        }

    def test_chart_is_a_waterfall(self):
        chart = evaluate_ok("revenue_churn", METRIC_WORKED_EXAMPLES[0][1]).explanation.chart
        assert 'role="img"' in chart
        assert "Start $50,000, Expansion $7,000, Contraction $0, Churn -$10,000, End $47,000." in chart


class TestMrrCalculator:
    def test_worked_example_explained(self):
        """Stripe's mix: $10,000 + $2,500 = $12,500; ARR and the $2,000 of fees by hand."""
        explanation = evaluate_ok("mrr", STRIPE_PLANS).explanation
        assert explanation.formula == (
            "Plan 1: $100 × (1 − 0%) ÷ 1 × 100 = $10,000",
            "Plan 2: $600 × (1 − 0%) ÷ 12 × 50 = $2,500",
            "MRR = $10,000 + $2,500 = $12,500",
            "ARR = $12,500 × 12 = $150,000",
        )
        assert explanation.sentence == (
            "Your plans bring in $12,500 of recurring revenue a month, which is $150,000 a year,"
            " and the $2,000 of one-time fees stays out because it does not repeat."
        )
        assert explanation.warnings == ()

    def test_discounted_quarterly_row(self):
        """20 subscriptions at $270 a quarter, 10% off: 270 × 0.9 ÷ 3 × 20 = $1,620, by hand."""
        evaluation = evaluate_ok(
            "mrr", {"plan1_period": "quarterly", "plan1_price": "$270", "plan1_discount": "10%", "plan1_count": "20"}
        )
        assert evaluation.results == {"mrr": "$1,620", "arr": "$19,440", "excluded_fees": "$0"}
        assert evaluation.explanation.formula == (
            "Plan 1: $270 × (1 − 10%) ÷ 3 × 20 = $1,620",
            "MRR = $1,620",
            "ARR = $1,620 × 12 = $19,440",
        )
        assert evaluation.explanation.sentence == (
            "Your plans bring in $1,620 of recurring revenue a month, which is $19,440 a year."
        )

    def test_rows_may_skip_a_gap(self):
        """Rows 1 and 4 filled, 2 and 3 empty: $10 × 1 + $120 ÷ 12 × 1 = $20, by hand."""
        evaluation = evaluate_ok(
            "mrr",
            {
                "plan1_period": "monthly", "plan1_price": "10", "plan1_discount": "0", "plan1_count": "1",
                "plan4_period": "annual", "plan4_price": "120", "plan4_discount": "0", "plan4_count": "1",
            },
        )
        assert evaluation.results["mrr"] == "$20"
        assert evaluation.explanation.formula[1] == "Plan 4: $120 × (1 − 0%) ÷ 12 × 1 = $10"

    def test_duplicate_rows_warn(self):
        inputs = {
            **STRIPE_PLANS,
            "plan3_period": "monthly", "plan3_price": "100", "plan3_discount": "0", "plan3_count": "5",
        }
        warnings = evaluate_ok("mrr", inputs).explanation.warnings
        assert warnings == (
            "Plans 1 and 3 have the same billing period, price and discount. If they are the same plan,"
            " put all its subscriptions in one row, or they are counted twice.",
        )

    def test_full_discount_warns(self):
        evaluation = evaluate_ok(
            "mrr", {"plan1_period": "annual", "plan1_price": "600", "plan1_discount": "100", "plan1_count": "10"}
        )
        assert evaluation.results["mrr"] == "$0"
        assert evaluation.explanation.warnings[0].startswith("Plan 1 has a 100% discount, so it adds nothing to MRR.")

    def test_negative_price_rejected(self):
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "plan2_price": "-5"})
        assert evaluation.errors == {"plan2_price": "Must be a number from 0 to 1,000,000,000,000,000. You entered “-5”."}

    def test_discount_above_100_rejected(self):
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "plan1_discount": "120"})
        assert evaluation.errors == {"plan1_discount": "Must be a number from 0 to 100. You entered “120”."}

    def test_fractional_subscriptions_rejected(self):
        evaluation = calc.evaluate("mrr", {**STRIPE_PLANS, "plan1_count": "2.5"})
        assert evaluation.errors == {
            "plan1_count": "Must be a whole number from 0 to 1,000,000,000,000. You entered “2.5”."
        }


class TestChurnConventionsCalculator:
    def test_worked_example_explained(self):
        """The forum's month: 18 ÷ 1,126, 18 ÷ 1,211, 18 ÷ 1,126 and 18 ÷ 1,159.5, by hand."""
        evaluation = evaluate_ok("churn_conventions", METRIC_WORKED_EXAMPLES[2][1])
        assert evaluation.results == {
            "start_of_period": "1.6%",
            "start_plus_new": "1.5%",
            "excluding_new": "1.6%",
            "average_customers": "1.6%",
            "customers_at_end": "1,193",
        }
        assert evaluation.explanation.formula == (
            "Start of period: 18 ÷ 1,126 × 100 = 1.6%",
            "Start plus new: 18 ÷ (1,126 + 85) × 100 = 1.5%",
            "Excluding new: (18 − 0) ÷ 1,126 × 100 = 1.6%",
            "Average customers: 18 ÷ ((1,126 + 1,193) ÷ 2) × 100 = 1.6%",
        )
        assert evaluation.explanation.sentence == (
            "The same period reads as anything from 1.5% to 1.6% churn depending on the convention,"
            " so compare a rate only with rates worked out the same way."
        )

    def test_rates_drift_apart(self):
        """1,000 at start, 200 new, 80 lost of whom 20 new: 8%, 6.7%, 6% and 7.5%, by hand."""
        evaluation = evaluate_ok(
            "churn_conventions",
            {"customers_at_start": "1000", "new_customers": "200", "customers_lost": "80", "new_customers_lost": "20"},
        )
        assert evaluation.results == {
            "start_of_period": "8%",
            "start_plus_new": "6.7%",
            "excluding_new": "6%",
            "average_customers": "7.5%",
            "customers_at_end": "1,120",
        }
        assert "from 6% to 8% churn" in evaluation.explanation.sentence

    def test_all_conventions_agree(self):
        evaluation = evaluate_ok(
            "churn_conventions",
            {"customers_at_start": "100", "new_customers": "0", "customers_lost": "0", "new_customers_lost": "0"},
        )
        assert evaluation.explanation.sentence == (
            "All four conventions give 0% for this period, so here the choice between them does not matter."
        )

    def test_rate_above_100_and_fast_growth_warn(self):
        """10 at start, 50 new, 20 lost of whom 15 new: 20 ÷ 10 = 200% by hand."""
        evaluation = evaluate_ok(
            "churn_conventions",
            {"customers_at_start": "10", "new_customers": "50", "customers_lost": "20", "new_customers_lost": "15"},
        )
        assert evaluation.results["start_of_period"] == "200%"
        warnings = evaluation.explanation.warnings
        assert len(warnings) == 2
        assert warnings[0].startswith("The start-of-period rate is above 100%")
        assert warnings[1].startswith("More customers joined than you started with")

    def test_new_lost_above_new_rejected(self):
        evaluation = calc.evaluate(
            "churn_conventions",
            {"customers_at_start": "100", "new_customers": "5", "customers_lost": "10", "new_customers_lost": "6"},
        )
        assert evaluation.errors == {"new_customers_lost": "Must be no more than the new customers (5). You entered “6”."}

    def test_zero_start_rejected(self):
        evaluation = calc.evaluate(
            "churn_conventions",
            {"customers_at_start": "0", "new_customers": "5", "customers_lost": "0", "new_customers_lost": "0"},
        )
        assert evaluation.errors == {
            "customers_at_start": "Must be a whole number from 1 to 1,000,000,000,000. You entered “0”."
        }

    def test_every_rate_has_a_note(self):
        """Each of the four rates has a note: who uses it and when it misleads."""
        calculator = calc.get_calculator("churn_conventions")
        notes = [result.note for result in calculator.results if result.primary]
        assert len(notes) == 4
        assert all(notes)


class TestChurnConversionCalculator:
    def test_worked_example_explained(self):
        """5% a month is 1 − 0.95¹² = 46% a year, by hand."""
        explanation = evaluate_ok("churn_conversion", METRIC_WORKED_EXAMPLES[3][1]).explanation
        assert explanation.formula == ("(1 − (1 − 0.05)^12) × 100 = 46%",)
        assert explanation.sentence == (
            "A churn rate of 5% a month compounds to 46% a year, not the 60% that multiplying by 12 gives."
        )
        assert explanation.warnings == ()

    def test_annual_to_monthly(self):
        """40% a year is 1 − 0.6^(1/12) = 4.2% a month, by hand."""
        evaluation = evaluate_ok("churn_conversion", {"churn_rate": "40%", "from_period": "annual", "to_period": "monthly"})
        assert evaluation.results == {"converted_rate": "4.2%", "retention_rate": "95.8%"}
        assert evaluation.explanation.formula == ("(1 − (1 − 0.4)^(1/12)) × 100 = 4.2%",)
        assert evaluation.explanation.sentence == (
            "A churn rate of 40% a year is 4.2% a month, compounded, not the 3.3% that dividing by 12 gives."
        )

    def test_quarterly_to_annual(self):
        """10% a quarter is 1 − 0.9⁴ = 34.4% a year, by hand."""
        evaluation = evaluate_ok("churn_conversion", {"churn_rate": "10", "from_period": "quarterly", "to_period": "annual"})
        assert evaluation.results["converted_rate"] == "34.4%"
        assert evaluation.explanation.sentence.endswith("not the 40% that multiplying by 4 gives.")

    def test_multiplying_would_pass_100(self):
        """10% a month is 1 − 0.9¹² = 71.8% a year, by hand, while 10% × 12 = 120%."""
        evaluation = evaluate_ok("churn_conversion", {"churn_rate": "10", "from_period": "monthly", "to_period": "annual"})
        assert evaluation.results["converted_rate"] == "71.8%"
        assert "not the impossible 120%" in evaluation.explanation.sentence

    def test_same_period_warns(self):
        evaluation = evaluate_ok("churn_conversion", {"churn_rate": "5", "from_period": "annual", "to_period": "annual"})
        assert evaluation.results["converted_rate"] == "5%"
        assert evaluation.explanation.sentence == "Both periods are years, so the rate stays 5%."
        assert evaluation.explanation.warnings == (
            "Both periods are the same, so nothing was converted. Check the two period menus.",
        )

    def test_high_monthly_rate_warns(self):
        evaluation = evaluate_ok("churn_conversion", {"churn_rate": "40", "from_period": "monthly", "to_period": "annual"})
        assert evaluation.explanation.warnings[0].startswith("That is 40% a month")

    def test_zero_rate(self):
        evaluation = evaluate_ok("churn_conversion", {"churn_rate": "0", "from_period": "monthly", "to_period": "annual"})
        assert evaluation.results["converted_rate"] == "0%"
        assert evaluation.explanation.sentence == "A churn rate of 0% is the same over every period."

    def test_rate_above_100_rejected(self):
        evaluation = calc.evaluate("churn_conversion", {"churn_rate": "101", "from_period": "monthly", "to_period": "annual"})
        assert evaluation.errors == {"churn_rate": "Must be a number from 0 to 100. You entered “101”."}

    def test_unknown_period_rejected(self):
        evaluation = calc.evaluate("churn_conversion", {"churn_rate": "5", "from_period": "monthly", "to_period": "weekly"})
        assert evaluation.errors == {"to_period": "Must be one of monthly, quarterly, annual. You entered “weekly”."}


class TestLtvCalculator:
    def test_worked_example_explained(self):
        """AbraCalc: $100 × 80% ÷ 5% = $1,600 over 20 months; $1,347.55 within 36 months by the geometric series."""
        explanation = evaluate_ok("ltv", METRIC_WORKED_EXAMPLES[4][1]).explanation
        assert explanation.formula == (
            "LTV = $100 × 80% ÷ 5% = $1,600",
            "Expected lifetime = 1 ÷ 5% = 20 months",
            "36-month value = $80 × (1 − 0.95^36) ÷ 0.05 = $1,347.55",
        )
        assert explanation.sentence == (
            "An account stays 20 months on average and brings $1,600 of gross profit over that time,"
            " $1,347.55 of it within the first 36 months."
        )
        assert explanation.warnings == ()

    def test_zero_churn_has_no_finite_ltv(self):
        """No churn: no finite LTV, and $100 × 80% × 36 = $2,880 within the horizon, by hand."""
        evaluation = evaluate_ok(
            "ltv", {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "0", "horizon_months": "36"}
        )
        assert evaluation.results == {"ltv": "No finite value", "lifetime": "No finite lifetime", "horizon_value": "$2,880"}
        assert evaluation.explanation.formula == (
            "LTV = $100 × 80% ÷ 0%, which has no finite value",
            "36-month value = $80 × 36 = $2,880",
        )
        assert evaluation.explanation.sentence == (
            "At 0% churn an account has no finite lifetime, so it has no finite LTV,"
            " and over 36 months it brings $2,880 of gross profit."
        )
        assert evaluation.explanation.warnings[0].startswith("A churn rate of 0% usually means your customers are too new")
        assert evaluation.explanation.chart == ""

    def test_full_churn_is_one_month(self):
        """At 100% churn an account pays once: $100 × 80% = $80, by hand."""
        evaluation = evaluate_ok(
            "ltv", {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "100", "horizon_months": "12"}
        )
        assert evaluation.results == {"ltv": "$80", "lifetime": "1 month", "horizon_value": "$80"}
        assert "A monthly churn rate of 100%" in evaluation.explanation.warnings[0]

    def test_full_margin_warns(self):
        evaluation = evaluate_ok(
            "ltv", {"arpa": "80", "gross_margin": "100", "monthly_churn_rate": "4", "horizon_months": "36"}
        )
        assert evaluation.results["ltv"] == "$2,000"
        assert evaluation.explanation.warnings[0].startswith("A gross margin of 100% counts all revenue as profit")

    def test_tiny_churn_rejected(self):
        evaluation = calc.evaluate(
            "ltv", {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "0.00001", "horizon_months": "36"}
        )
        assert evaluation.errors == {
            "monthly_churn_rate": "Must be 0 for no churn, or a number from 0.0001 to 100. You entered “0.00001”."
        }

    @pytest.mark.parametrize("horizon", ["0", "1201", "12.5"])
    def test_horizon_out_of_range_rejected(self, horizon):
        evaluation = calc.evaluate(
            "ltv", {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "5", "horizon_months": horizon}
        )
        assert evaluation.errors == {"horizon_months": f"Must be a whole number from 1 to 1,200. You entered “{horizon}”."}

    def test_chart_describes_curve(self):
        """$80 × (1 − 0.95¹⁸) ÷ 0.05 = $964.46 after 18 months, by the geometric series."""
        chart = evaluate_ok("ltv", METRIC_WORKED_EXAMPLES[4][1]).explanation.chart
        assert 'role="img"' in chart
        assert (
            "Expected gross profit from one account, added up month by month: $964.46 after month 18,"
            " $1,347.55 after month 36, approaching the lifetime value of $1,600."
        ) in chart


class TestLtvToCacCalculator:
    def test_worked_example_explained(self):
        """GenieGoals: $300 ÷ $50 = 6."""
        explanation = evaluate_ok("ltv_to_cac", METRIC_WORKED_EXAMPLES[5][1]).explanation
        assert explanation.formula == ("LTV:CAC = $300 ÷ $50 = 6:1",)
        assert explanation.sentence == (
            "Each $1 spent winning an account comes back as $6 of gross profit over its lifetime,"
            " above the commonly quoted benchmark of 3:1."
        )

    def test_at_benchmark(self):
        """AbraCalc: an LTV of $240,000 supports a CAC of $80,000 at 3:1."""
        evaluation = evaluate_ok("ltv_to_cac", {"ltv": "240,000", "cac": "80,000"})
        assert evaluation.results == {"ltv_to_cac": "3:1"}
        assert "level with the commonly quoted benchmark of 3:1" in evaluation.explanation.sentence

    def test_below_benchmark_is_context_not_verdict(self):
        evaluation = evaluate_ok("ltv_to_cac", {"ltv": "100", "cac": "50"})
        assert evaluation.results == {"ltv_to_cac": "2:1"}
        assert "below the commonly quoted benchmark of 3:1" in evaluation.explanation.sentence
        assert evaluation.explanation.warnings == ()

    def test_ratio_rounded_to_two_places(self):
        """$1,000 ÷ $300 = 3.333…, shown to two decimal places."""
        assert evaluate_ok("ltv_to_cac", {"ltv": "1000", "cac": "300"}).results == {"ltv_to_cac": "3.33:1"}

    def test_very_high_ratio_warns(self):
        evaluation = evaluate_ok("ltv_to_cac", {"ltv": "1100", "cac": "100"})
        assert evaluation.explanation.warnings[0].startswith("A ratio above 10:1 is rare.")

    def test_zero_cac_rejected(self):
        evaluation = calc.evaluate("ltv_to_cac", {"ltv": "1600", "cac": "0"})
        assert evaluation.errors == {"cac": "Must be at least 0.01, because LTV:CAC divides by it. You entered “0”."}

    def test_negative_ltv_rejected(self):
        evaluation = calc.evaluate("ltv_to_cac", {"ltv": "-1", "cac": "400"})
        assert evaluation.errors == {"ltv": "Must be a number from 0 to 1,000,000,000,000,000. You entered “-1”."}


class TestCacPaybackCalculator:
    def test_worked_example_explained(self):
        """The Prime Calculator: $600 ÷ ($100 × 75%) = 8 months."""
        explanation = evaluate_ok("cac_payback", METRIC_WORKED_EXAMPLES[6][1]).explanation
        assert explanation.formula == ("Payback = $600 ÷ ($100 × 75%) = $600 ÷ $75 = 8 months",)
        assert explanation.sentence == (
            "At $75 of gross profit a month, a new account takes 8 months to repay the $600 spent winning it."
        )
        assert explanation.warnings == ()
        assert (
            "Gross profit from one new account, added up month by month, reaches the $600 CAC after 8 months,"
            " and is $900 after month 12."
        ) in explanation.chart

    def test_calcsimpler_example(self):
        """CalcSimpler: $8,000 ÷ $936 = 8.55 months, shown to one decimal place as 8.5."""
        evaluation = evaluate_ok("cac_payback", {"cac": "8000", "arpa": "1200", "gross_margin": "78"})
        assert evaluation.results == {"payback_months": "8.5 months", "monthly_gross_profit": "$936"}

    def test_zero_cac_repays_at_once(self):
        evaluation = evaluate_ok("cac_payback", {"cac": "0", "arpa": "100", "gross_margin": "80"})
        assert evaluation.results["payback_months"] == "0 months"
        assert evaluation.explanation.sentence == "With no acquisition cost, a new account has nothing to repay."
        assert evaluation.explanation.chart == ""

    def test_under_a_month_warns(self):
        """$50 ÷ $80 = 0.625 months, by hand."""
        evaluation = evaluate_ok("cac_payback", {"cac": "50", "arpa": "100", "gross_margin": "80"})
        assert evaluation.results["payback_months"] == "0.6 months"
        assert evaluation.explanation.warnings[0].startswith("A payback under one month is unusual.")

    def test_very_long_payback_warns(self):
        """$100,000 ÷ $80 = 1,250 months, by hand."""
        evaluation = evaluate_ok("cac_payback", {"cac": "100000", "arpa": "100", "gross_margin": "80"})
        assert evaluation.results["payback_months"] == "1,250 months"
        assert evaluation.explanation.warnings[0].startswith("A payback of more than five years is rare.")
        assert "stays below the $100,000 CAC for all 240 months shown" in evaluation.explanation.chart

    def test_full_margin_warns(self):
        evaluation = evaluate_ok("cac_payback", {"cac": "1500", "arpa": "125", "gross_margin": "100"})
        assert evaluation.results["payback_months"] == "12 months"
        assert evaluation.explanation.warnings[0].startswith("A gross margin of 100% repays CAC from revenue")

    def test_zero_arpa_rejected(self):
        evaluation = calc.evaluate("cac_payback", {"cac": "1500", "arpa": "0", "gross_margin": "80"})
        assert evaluation.errors == {
            "arpa": "Must be at least 0.01, because without revenue CAC is never paid back. You entered “0”."
        }

    def test_zero_margin_rejected(self):
        evaluation = calc.evaluate("cac_payback", {"cac": "1500", "arpa": "125", "gross_margin": "0"})
        assert evaluation.errors == {
            "gross_margin": "Must be at least 0.01, because without gross profit CAC is never paid back. You entered “0”."
        }


class TestBlendedPaidCacCalculator:
    def test_worked_example_explained(self):
        """$10,000 ÷ 100 = $100 blended and $6,000 ÷ 40 = $150 paid, by hand."""
        explanation = evaluate_ok("blended_paid_cac", METRIC_WORKED_EXAMPLES[7][1]).explanation
        assert explanation.formula == (
            "Blended CAC = $10,000 ÷ (40 + 60) = $100",
            "Paid CAC = $6,000 ÷ 40 = $150",
        )
        assert explanation.sentence == (
            "A customer from paid channels cost $150 to win, and customers from other channels bring"
            " the average over all new customers down to $100."
        )
        assert explanation.warnings == ()

    def test_no_paid_channel(self):
        """$2,000 ÷ 40 = $50 blended, by hand, and no paid CAC at all."""
        evaluation = evaluate_ok(
            "blended_paid_cac",
            {"acquisition_costs": "2000", "paid_acquisition_costs": "0", "paid_customers": "0", "organic_customers": "40"},
        )
        assert evaluation.results == {"blended_cac": "$50", "paid_cac": "No paid channel"}
        assert evaluation.explanation.formula[1] == "Paid CAC: none, because no paid channel ran"
        assert evaluation.explanation.sentence == (
            "No paid channel ran, so the blended CAC of $50 covers every new customer."
        )

    def test_blended_above_paid(self):
        """$10,000 ÷ 20 = $500 blended and $1,000 ÷ 10 = $100 paid, by hand."""
        evaluation = evaluate_ok(
            "blended_paid_cac",
            {"acquisition_costs": "10000", "paid_acquisition_costs": "1000", "paid_customers": "10", "organic_customers": "10"},
        )
        assert evaluation.results == {"blended_cac": "$500", "paid_cac": "$100"}
        assert "less than the $500 average" in evaluation.explanation.sentence

    def test_paid_customers_without_paid_costs_warn(self):
        evaluation = evaluate_ok(
            "blended_paid_cac",
            {"acquisition_costs": "1000", "paid_acquisition_costs": "0", "paid_customers": "5", "organic_customers": "5"},
        )
        assert evaluation.results["paid_cac"] == "$0"
        assert evaluation.explanation.warnings[0].startswith("Paid customers with no paid-channel costs")

    def test_all_costs_paid_warns(self):
        evaluation = evaluate_ok(
            "blended_paid_cac",
            {"acquisition_costs": "500", "paid_acquisition_costs": "500", "paid_customers": "5", "organic_customers": "5"},
        )
        assert evaluation.explanation.warnings[0].startswith("All the costs are paid-channel costs")

    def test_paid_costs_above_total_rejected(self):
        evaluation = calc.evaluate(
            "blended_paid_cac",
            {"acquisition_costs": "10,000", "paid_acquisition_costs": "12,000", "paid_customers": "40", "organic_customers": "60"},
        )
        assert evaluation.errors == {
            "paid_acquisition_costs": "Must be no more than the total acquisition costs ($10,000). You entered “12,000”."
        }

    def test_no_customers_rejected(self):
        evaluation = calc.evaluate(
            "blended_paid_cac",
            {"acquisition_costs": "10000", "paid_acquisition_costs": "0", "paid_customers": "0", "organic_customers": "0"},
        )
        assert list(evaluation.errors) == ["organic_customers"]
        assert evaluation.errors["organic_customers"].startswith("Must be at least 1 when there are no paid customers")


class TestQuickRatioCalculator:
    def test_worked_example_explained(self):
        """PitchKit: (20k + 8k) ÷ (5k + 3k) = 3.5."""
        explanation = evaluate_ok("quick_ratio", METRIC_WORKED_EXAMPLES[8][1]).explanation
        assert explanation.formula == (
            "Quick ratio = ($20,000 + $8,000) ÷ ($5,000 + $3,000) = 3.5",
            "Net new MRR = ($20,000 + $8,000) − ($5,000 + $3,000) = $20,000",
        )
        assert explanation.sentence == (
            "The business added $3.50 of MRR for each $1 it lost, below the commonly quoted benchmark of 4,"
            " for $20,000 of net new MRR."
        )

    def test_super_calc_example(self):
        """Super-Calc example 1: 4.92 and $98,000 of net new MRR."""
        evaluation = evaluate_ok(
            "quick_ratio",
            {"new_revenue": "95k", "expansion_revenue": "28k", "churned_revenue": "18k", "contraction_revenue": "7k"},
        )
        assert evaluation.results == {"quick_ratio": "4.92", "net_new_revenue": "$98,000"}
        assert "above the commonly quoted benchmark of 4" in evaluation.explanation.sentence

    def test_no_losses_is_text(self):
        evaluation = evaluate_ok(
            "quick_ratio",
            {"new_revenue": "10k", "expansion_revenue": "2k", "churned_revenue": "0", "contraction_revenue": "0"},
        )
        assert evaluation.results == {"quick_ratio": "No MRR lost", "net_new_revenue": "$12,000"}
        assert evaluation.explanation.formula[0] == "Quick ratio = ($10,000 + $2,000) ÷ ($0 + $0), which has no value"
        assert evaluation.explanation.sentence == (
            "No MRR was lost, so the quick ratio has no finite value, and the business added $12,000 of net new MRR."
        )

    def test_nothing_moved_is_text(self):
        evaluation = evaluate_ok(
            "quick_ratio",
            {"new_revenue": "0", "expansion_revenue": "0", "churned_revenue": "0", "contraction_revenue": "0"},
        )
        assert evaluation.results == {"quick_ratio": "No MRR gained or lost", "net_new_revenue": "$0"}
        assert evaluation.explanation.sentence == "No MRR was gained or lost, so there is no ratio to work out."

    def test_shrinking_business(self):
        """$5,000 gained against $10,000 lost: 0.5 and −$5,000, by hand."""
        evaluation = evaluate_ok(
            "quick_ratio",
            {"new_revenue": "4000", "expansion_revenue": "1000", "churned_revenue": "8000", "contraction_revenue": "2000"},
        )
        assert evaluation.results == {"quick_ratio": "0.5", "net_new_revenue": "-$5,000"}

    def test_very_high_ratio_warns(self):
        evaluation = evaluate_ok(
            "quick_ratio",
            {"new_revenue": "1m", "expansion_revenue": "0", "churned_revenue": "100", "contraction_revenue": "0"},
        )
        assert evaluation.results["quick_ratio"] == "10,000"
        assert evaluation.explanation.warnings[0].startswith("A quick ratio above 100 usually means losses are missing.")

    def test_losses_below_a_cent_rejected(self):
        evaluation = calc.evaluate(
            "quick_ratio",
            {"new_revenue": "1000", "expansion_revenue": "0", "churned_revenue": "0.001", "contraction_revenue": "0"},
        )
        assert list(evaluation.errors) == ["churned_revenue"]
        assert evaluation.errors["churned_revenue"].startswith("Must be 0, or at least 0.01 together with contraction revenue")


# Inputs whose results have no finite number, or sit at a boundary.
UNDEFINED_CASES = [
    ("ltv", {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "0", "horizon_months": "1200"}),
    ("quick_ratio", {"new_revenue": "5", "expansion_revenue": "0", "churned_revenue": "0", "contraction_revenue": "0"}),
    ("quick_ratio", {"new_revenue": "0", "expansion_revenue": "0", "churned_revenue": "0", "contraction_revenue": "0"}),
    ("blended_paid_cac", {"acquisition_costs": "0", "paid_acquisition_costs": "0", "paid_customers": "0", "organic_customers": "1"}),
    ("cac_payback", {"cac": "1e15", "arpa": "0.01", "gross_margin": "0.01"}),
    ("ltv_to_cac", {"ltv": "1e15", "cac": "0.01"}),
]


@pytest.mark.parametrize(("calculator_id", "inputs"), UNDEFINED_CASES)
def test_results_never_read_inf_nan_or_none(calculator_id, inputs):
    output = json.loads(calc.evaluate_json(calculator_id, json.dumps(inputs)))
    assert output["errors"] == {}
    text = " ".join([*output["results"].values(), *output["formula"], output["sentence"]]).lower()
    for word in ("inf", "nan", "none"):
        assert word not in text.split(), (word, text)
    assert "infinity" not in text


def test_cumulative_profit_chart_text_alternative():
    chart = cumulative_profit_svg("demo", 75, 0, 12, 600, "CAC $600", "Reaches the CAC at month 8.")
    assert chart.startswith('<svg class="calc-chart"')
    assert '<title id="demo-title">Gross profit from one account over 12 months</title>' in chart
    assert '<desc id="demo-desc">Reaches the CAC at month 8.</desc>' in chart
    assert 'class="calc-chart__reference"' in chart


def test_retention_sentence_without_expansion():
    """$100,000 start, $4,000 contraction, $6,000 churn: GRR = NRR = 90% by hand, and no expansion to mention."""
    evaluation = calc.evaluate(
        "revenue_retention",
        {"starting_revenue": "100000", "expansion_revenue": "0", "contraction_revenue": "4000", "churned_revenue": "6000"},
    )
    assert evaluation.explanation.sentence == (
        "Your starting customers kept 90% of their revenue, and with no expansion they ended at 90% of where they started."
    )
