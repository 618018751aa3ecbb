"""Declarative descriptions of the site's calculators, and their evaluation.

A `Calculator` says everything the site needs to know about one metric: its
id (used in ``data-calculator`` and in links), its inputs and results, the
formula as text, the worked example it opens with, and the function that
computes it. The Markdown extension renders forms from these descriptions,
the browser calls `evaluate_json`, and the tests read the same objects, so
there is one source of truth for the form, the browser glue and the tests.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import metrics
from .errors import InvalidInputError
from .formatting import format_value
from .inputs import Input, Result, Unit
from .parsing import parse_input

__all__ = ["CALCULATORS", "Calculator", "Evaluation", "evaluate", "evaluate_json", "get_calculator"]


@dataclass(frozen=True)
class Calculator:
    """One calculator: what it asks for, what it returns and how."""

    id: str
    title: str
    inputs: tuple[Input, ...]
    results: tuple[Result, ...]
    formula: tuple[str, ...]
    example: Mapping[str, float]
    compute: Callable[..., Mapping[str, float]]

    def input_named(self, name: str) -> Input:
        """Return the input called ``name``; raise `KeyError` if there is none."""
        for spec in self.inputs:
            if spec.name == name:
                return spec
        raise KeyError(name)


@dataclass(frozen=True)
class Evaluation:
    """The outcome of one calculation: formatted results or field errors.

    ``results`` maps result names to display text and is empty whenever
    ``errors`` (field name to visitor-facing message) is not.
    """

    calculator: str
    results: dict[str, str] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Return a JSON-ready dictionary for the browser."""
        return {
            "calculator": self.calculator,
            "results": self.results,
            "values": self.values,
            "errors": self.errors,
        }


CALCULATORS: tuple[Calculator, ...] = (
    Calculator(
        id="churn_rate",
        title="Customer churn rate",
        inputs=(metrics.CUSTOMERS_AT_START, metrics.CUSTOMERS_LOST),
        results=(Result("churn_rate", "Churn rate", Unit.PERCENT),),
        formula=("Churn rate = customers lost ÷ customers at start × 100",),
        example={"customers_at_start": 1000, "customers_lost": 50},
        compute=lambda **kw: {"churn_rate": metrics.churn_rate(**kw)},
    ),
    Calculator(
        id="cac",
        title="Customer acquisition cost (CAC)",
        inputs=(metrics.ACQUISITION_COSTS, metrics.NEW_CUSTOMERS),
        results=(Result("cac", "Blended CAC", Unit.MONEY),),
        formula=("CAC = sales and marketing costs ÷ new customers",),
        example={"acquisition_costs": 10_000, "new_customers": 100},
        compute=lambda **kw: {"cac": metrics.cac(**kw)},
    ),
    Calculator(
        id="revenue_retention",
        title="Gross and net revenue retention (GRR, NRR)",
        inputs=(
            metrics.STARTING_REVENUE,
            metrics.EXPANSION_REVENUE,
            metrics.CONTRACTION_REVENUE,
            metrics.CHURNED_REVENUE,
        ),
        results=(
            Result("grr", "Gross revenue retention (GRR)", Unit.PERCENT),
            Result("nrr", "Net revenue retention (NRR)", Unit.PERCENT),
        ),
        formula=(
            "GRR = (starting − contraction − churned) ÷ starting × 100",
            "NRR = (starting + expansion − contraction − churned) ÷ starting × 100",
        ),
        example={
            "starting_revenue": 1_000_000,
            "expansion_revenue": 200_000,
            "contraction_revenue": 0,
            "churned_revenue": 0,
        },
        compute=lambda **kw: vars(metrics.revenue_retention(**kw)),
    ),
    Calculator(
        id="arr",
        title="Annual recurring revenue (ARR)",
        inputs=(metrics.MRR,),
        results=(Result("arr", "ARR", Unit.MONEY),),
        formula=("ARR = MRR × 12",),
        example={"mrr": 10_000},
        compute=lambda **kw: {"arr": metrics.arr(**kw)},
    ),
)

_BY_ID = {calculator.id: calculator for calculator in CALCULATORS}


def get_calculator(calculator_id: str) -> Calculator:
    """Return the calculator with this id.

    Raises a plain `ValueError` for an unknown id, because that is a bug in
    the page or the caller, not a visitor's typing.
    """
    try:
        return _BY_ID[calculator_id]
    except KeyError:
        known = ", ".join(sorted(_BY_ID))
        raise ValueError(f"unknown calculator {calculator_id!r}; known calculators: {known}") from None


def evaluate(calculator_id: str, raw_inputs: Mapping[str, object]) -> Evaluation:
    """Parse, validate and compute one calculator from raw field values.

    ``raw_inputs`` maps input names to what the visitor typed (strings) or
    to numbers. Names the calculator does not know, such as ``utm_source``,
    are ignored. Every field is parsed, so a visitor sees all field errors
    at once; a rule that relates two fields is reported on one of them.

    >>> evaluate("churn_rate", {"customers_at_start": "1,000", "customers_lost": "50"}).results
    {'churn_rate': '5%'}
    """
    calculator = get_calculator(calculator_id)
    evaluation = Evaluation(calculator.id)

    for spec in calculator.inputs:
        raw = raw_inputs.get(spec.name)
        try:
            number = parse_input(raw, spec) if isinstance(raw, str) or raw is None else raw
            evaluation.values[spec.name] = spec.check(number)
        except InvalidInputError as error:
            evaluation.errors[spec.name] = error.describe()

    if evaluation.errors:
        evaluation.values.clear()
        return evaluation

    try:
        numbers = calculator.compute(**evaluation.values)
    except InvalidInputError as error:
        typed = raw_inputs.get(error.field, error.value)
        evaluation.errors[error.field] = InvalidInputError(error.field, typed, error.allowed).describe()
        evaluation.values.clear()
        return evaluation

    for result in calculator.results:
        evaluation.results[result.name] = format_value(numbers[result.name], result.unit)
    return evaluation


def evaluate_json(calculator_id: str, raw_inputs_json: str) -> str:
    """Run `evaluate` on a JSON object of field values and return JSON.

    This is the browser's entry point: the worker passes the visitor's input
    as JSON data, never as Python source.
    """
    raw_inputs = json.loads(raw_inputs_json)
    if not isinstance(raw_inputs, dict):
        raise ValueError(f"inputs must be a JSON object; got {type(raw_inputs).__name__}")
    return json.dumps(evaluate(calculator_id, raw_inputs).to_dict())
