"""Tests of the calculator descriptions and of evaluate()."""

import json

import pytest

import calc
from tests.cases import WORKED_EXAMPLES

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


@pytest.mark.parametrize(("calculator_id", "inputs", "expected"), WORKED_EXAMPLES)
def test_worked_example_evaluates(calculator_id, inputs, expected):
    evaluation = calc.evaluate(calculator_id, inputs)
    assert evaluation.errors == {}
    assert {name: evaluation.results[name] for name in expected} == expected


@pytest.mark.parametrize("calculator", calc.CALCULATORS, ids=lambda c: c.id)
def test_description_example_matches_worked_example(calculator):
    """Each form opens on the FAQ's worked example."""
    expected = {example[0]: example[1] for example in WORKED_EXAMPLES}[calculator.id]
    numbers = {spec.name: str(calculator.example[spec.name]) for spec in calculator.inputs}
    assert numbers == expected


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
    with pytest.raises(ValueError, match="unknown calculator 'nope'; known calculators: arr, cac"):
        calc.evaluate("nope", {})


def test_evaluate_json_round_trip():
    output = json.loads(calc.evaluate_json("arr", json.dumps({"mrr": "$10,000"})))
    assert output == {
        "calculator": "arr",
        "results": {"arr": "$120,000"},
        "values": {"mrr": 10000.0},
        "errors": {},
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


def test_out_of_range_error_quotes_typed_text():
    evaluation = calc.evaluate("churn_rate", {"customers_at_start": "-5", "customers_lost": "0"})
    assert evaluation.errors["customers_at_start"].endswith("You entered “-5”.")
