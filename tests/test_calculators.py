"""Tests of the calculator descriptions and of evaluate()."""

import json

import pytest

import calc
from tests.cases import WORKED_EXAMPLES

# The ids and parameter names are a public contract: marketing links carry them.
PUBLIC_CONTRACT = {
    "churn_rate": (["customers_at_start", "customers_lost"], ["churn_rate"]),
    "cac": (["acquisition_costs", "new_customers"], ["cac"]),
    "revenue_retention": (
        ["starting_revenue", "expansion_revenue", "contraction_revenue", "churned_revenue"],
        ["grr", "nrr"],
    ),
    "arr": (["mrr"], ["arr"]),
}


def test_public_names_are_stable():
    described = {
        calculator.id: ([spec.name for spec in calculator.inputs], [result.name for result in calculator.results])
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
    assert evaluation.results == expected


@pytest.mark.parametrize("calculator", calc.CALCULATORS, ids=lambda c: c.id)
def test_description_example_matches_worked_example(calculator):
    """Each form opens on the FAQ's worked example."""
    expected = {example[0]: example[1] for example in WORKED_EXAMPLES}[calculator.id]
    assert {name: str(value) for name, value in calculator.example.items()} == expected


def test_unknown_fields_are_ignored():
    evaluation = calc.evaluate(
        "churn_rate",
        {"customers_at_start": "1000", "customers_lost": "50", "utm_source": "newsletter"},
    )
    assert evaluation.results == {"churn_rate": "5%"}


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
    }


def test_evaluate_json_rejects_non_object():
    with pytest.raises(ValueError, match="inputs must be a JSON object; got list"):
        calc.evaluate_json("arr", "[]")


def test_script_text_is_data():
    """Markup typed into a field comes back as an error quoting it, never evaluated."""
    evaluation = calc.evaluate("arr", {"mrr": "<img src=x onerror=alert(1)>"})
    assert evaluation.results == {}
    assert "“<img src=x onerror=alert(1)>”" in evaluation.errors["mrr"]
