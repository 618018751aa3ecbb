"""Declarative descriptions of the site's calculators, and their evaluation.

A `Calculator` says everything the site needs to know about one metric: its
id (used in ``data-calculator`` and in links), its inputs and results, the
formula as text, the worked example it opens with, and the function that
computes it. The Markdown extension renders forms from these descriptions,
the browser calls `evaluate_json`, and the tests read the same objects, so
there is one source of truth for the form, the browser glue and the tests.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from . import metrics
from .charts import retention_curve_svg, revenue_waterfall_svg
from .descriptions import Calculator, Choice, Explanation
from .errors import InvalidInputError
from .formatting import format_value
from .inputs import Input, Result, Unit
from .metrics import Period
from .parsing import parse_input
from .saas_calculators import SAAS_CALCULATORS

__all__ = [
    "CALCULATORS",
    "Calculator",
    "Choice",
    "Evaluation",
    "Explanation",
    "evaluate",
    "evaluate_json",
    "get_calculator",
]

# Above this monthly churn rate the period is more likely wrong than the rate.
SUSPICIOUS_MONTHLY_CHURN = 30.0


@dataclass(frozen=True)
class Evaluation:
    """The outcome of one calculation: formatted results or field errors.

    ``results`` maps result names to display text and is empty whenever
    ``errors`` (field name to visitor-facing message) is not. ``values``
    maps every field to its checked value. ``skipped`` lists the optional
    fields that were left empty, and so took no part in the calculation:
    in ``values`` they are 0, or the default of a choice.
    """

    calculator: str
    results: dict[str, str] = field(default_factory=dict)
    values: dict[str, float | str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    explanation: Explanation | None = None

    def used_values(self) -> dict[str, float | str]:
        """Return the values of the fields that were not skipped, the arguments of compute and explain."""
        return {name: value for name, value in self.values.items() if name not in self.skipped}

    def to_dict(self) -> dict:
        """Return a JSON-ready dictionary for the browser."""
        explanation = self.explanation
        return {
            "calculator": self.calculator,
            "results": self.results,
            "values": self.values,
            "errors": self.errors,
            "skipped": self.skipped,
            "formula": list(explanation.formula) if explanation else [],
            "sentence": explanation.sentence if explanation else "",
            "warnings": list(explanation.warnings) if explanation else [],
            "chart": explanation.chart if explanation else "",
        }


def _money(value: float) -> str:
    return format_value(value, Unit.MONEY)


def _percent(value: float) -> str:
    return format_value(value, Unit.PERCENT)


def _count(value: float) -> str:
    return format_value(value, Unit.COUNT)


# ---- Churn rate -------------------------------------------------------------

PERIOD = Choice(
    "period",
    "Period",
    (("monthly", "Monthly"), ("quarterly", "Quarterly"), ("annual", "Annual")),
    default="monthly",
)
_PERIODS = {"monthly": Period.MONTH, "quarterly": Period.QUARTER, "annual": Period.YEAR}


def _compute_churn(customers_at_start, customers_lost, period="monthly"):
    rate = metrics.churn_rate(customers_at_start, customers_lost)
    source = _PERIODS[period]
    results = {"churn_rate": rate}
    for name, target in _PERIODS.items():
        converted = rate if target is source else metrics.convert_churn_rate(rate, source, target)
        results[f"{name}_churn"] = converted
    return results


def _explain_churn(values, numbers):
    rate = numbers["churn_rate"]
    period = _PERIODS[values["period"]]
    formula = (
        f"{_count(values['customers_lost'])} ÷ {_count(values['customers_at_start'])} × 100 = {_percent(rate)}",
    )

    if period is Period.YEAR:
        sentence = (
            f"At {_percent(rate)} annual churn, {_percent(100 - rate)} of the customers you start a year with "
            f"are still with you at its end, which is {_percent(numbers['monthly_churn'])} lost each month, compounded."
        )
    else:
        sentence = (
            f"At {_percent(rate)} {period.adjective} churn, {_percent(numbers['annual_churn'])} of today's customers "
            f"are gone after a year and {_percent(100 - numbers['annual_churn'])} remain, compounded "
            f"{period.noun} by {period.noun}."
        )

    warnings = []
    if numbers["monthly_churn"] > SUSPICIOUS_MONTHLY_CHURN:
        warnings.append(
            f"That is {_percent(numbers['monthly_churn'])} a month, far above what subscription businesses "
            f"usually see. Check that the period is right and that customers lost and customers at start "
            f"cover the same {period.noun}."
        )
    chart = retention_curve_svg("churn-chart", numbers["monthly_churn"])
    return Explanation(formula, sentence, tuple(warnings), chart)


# ---- CAC, revenue retention, ARR ---------------------------------------------


def _explain_cac(values, numbers):
    cac = numbers["cac"]
    formula = (f"{_money(values['acquisition_costs'])} ÷ {_count(values['new_customers'])} = {_money(cac)}",)
    sentence = f"On average, each new customer cost {_money(cac)} of sales and marketing spend to win."
    warnings = []
    if 0 < cac < 1:
        warnings.append(
            "A CAC under $1 is unusual. Check that costs are in currency units, not in thousands, "
            "and that new customers are not counted in sign-ups or trials."
        )
    return Explanation(formula, sentence, tuple(warnings))


def _explain_retention(values, numbers):
    start = _money(values["starting_revenue"])
    expansion = _money(values["expansion_revenue"])
    contraction = _money(values["contraction_revenue"])
    churned = _money(values["churned_revenue"])
    grr, nrr = numbers["grr"], numbers["nrr"]
    formula = (
        f"GRR = ({start} − {contraction} − {churned}) ÷ {start} × 100 = {_percent(grr)}",
        f"NRR = ({start} + {expansion} − {contraction} − {churned}) ÷ {start} × 100 = {_percent(nrr)}",
    )

    if values["expansion_revenue"] == 0:
        trend = f"and with no expansion they ended at {_percent(nrr)} of where they started"
    elif nrr >= 100:
        trend = f"and expansion brought the same customers to {_percent(nrr)} of where they started"
    else:
        trend = f"and even with expansion they ended at {_percent(nrr)} of where they started"
    sentence = f"Your starting customers kept {_percent(grr)} of their revenue, {trend}."

    warnings = []
    if values["expansion_revenue"] > values["starting_revenue"]:
        warnings.append(
            "Expansion is larger than the starting revenue, which is rare. Check that it counts only "
            "customers you had at the start, not revenue from new customers."
        )
    chart = revenue_waterfall_svg(
        "retention-chart",
        values["starting_revenue"],
        values["expansion_revenue"],
        values["contraction_revenue"],
        values["churned_revenue"],
    )
    return Explanation(formula, sentence, tuple(warnings), chart)


def _explain_arr(values, numbers):
    arr = numbers["arr"]
    formula = (f"{_money(values['mrr'])} × 12 = {_money(arr)}",)
    sentence = f"If today's subscriptions stay as they are, a year brings in {_money(arr)} of recurring revenue."
    return Explanation(formula, sentence)


CALCULATORS: tuple[Calculator, ...] = (
    Calculator(
        id="churn_rate",
        title="Customer churn rate",
        inputs=(metrics.CUSTOMERS_AT_START, metrics.CUSTOMERS_LOST),
        results=(
            Result("churn_rate", "Churn rate", Unit.PERCENT),
            Result("monthly_churn", "Monthly", Unit.PERCENT, primary=False),
            Result("quarterly_churn", "Quarterly", Unit.PERCENT, primary=False),
            Result("annual_churn", "Annual", Unit.PERCENT, primary=False),
        ),
        formula=("Churn rate = customers lost ÷ customers at start × 100",),
        example={"customers_at_start": 1000, "customers_lost": 50, "period": "monthly"},
        compute=_compute_churn,
        explain=_explain_churn,
        choices=(PERIOD,),
        secondary_title="Equivalent rates, compounded",
    ),
    Calculator(
        id="cac",
        title="Customer acquisition cost (CAC)",
        inputs=(metrics.ACQUISITION_COSTS, metrics.NEW_CUSTOMERS),
        results=(Result("cac", "Blended CAC", Unit.MONEY),),
        formula=("CAC = sales and marketing costs ÷ new customers",),
        example={"acquisition_costs": 10_000, "new_customers": 100},
        compute=lambda **kw: {"cac": metrics.cac(**kw)},
        explain=_explain_cac,
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
        explain=_explain_retention,
    ),
    Calculator(
        id="arr",
        title="Annual recurring revenue (ARR)",
        inputs=(metrics.MRR,),
        results=(Result("arr", "ARR", Unit.MONEY),),
        formula=("ARR = MRR × 12",),
        example={"mrr": 10_000},
        compute=lambda **kw: {"arr": metrics.arr(**kw)},
        explain=_explain_arr,
    ),
    *SAAS_CALCULATORS,
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
    An empty optional field is skipped rather than reported as missing,
    unless other fields of its group are filled in (see `Input`).

    >>> evaluate("churn_rate", {"customers_at_start": "1,000", "customers_lost": "50"}).results["churn_rate"]
    '5%'
    """
    calculator = get_calculator(calculator_id)
    evaluation = Evaluation(calculator.id)
    skipped_groups = _empty_groups(calculator.inputs, raw_inputs)

    for spec in calculator.inputs:
        raw = raw_inputs.get(spec.name)
        if spec.optional and _is_empty(raw) and (spec.group in skipped_groups or not spec.group):
            evaluation.values[spec.name] = 0
            evaluation.skipped.append(spec.name)
            continue

        try:
            if spec.optional and _is_empty(raw):
                raise InvalidInputError(
                    spec.name,
                    "",
                    f"filled in with {spec.allowed()}, because the rest of {spec.group} is filled in "
                    f"(clear every field of {spec.group} to leave it out)",
                )
            number = parse_input(raw, spec) if isinstance(raw, str) or raw is None else raw
            evaluation.values[spec.name] = spec.check(number)
        except InvalidInputError as error:
            # Quote what the visitor typed, not the number it parsed to.
            typed = raw if isinstance(raw, str) else error.value
            evaluation.errors[spec.name] = InvalidInputError(spec.name, typed, error.allowed).describe()

    for choice in calculator.choices:
        if choice.group in skipped_groups:
            evaluation.values[choice.name] = choice.default
            evaluation.skipped.append(choice.name)
            continue
        try:
            evaluation.values[choice.name] = choice.check(raw_inputs.get(choice.name))
        except InvalidInputError as error:
            evaluation.errors[choice.name] = error.describe()

    if evaluation.errors:
        evaluation.values.clear()
        evaluation.skipped.clear()
        return evaluation

    used = evaluation.used_values()
    try:
        numbers = calculator.compute(**used)
    except InvalidInputError as error:
        typed = raw_inputs.get(error.field, error.value)
        evaluation.errors[error.field] = InvalidInputError(error.field, typed, error.allowed).describe()
        evaluation.values.clear()
        evaluation.skipped.clear()
        return evaluation

    for result in calculator.results:
        evaluation.results[result.name] = _format_result(result, numbers[result.name])
    return replace(evaluation, explanation=calculator.explain(used, numbers))


def _is_empty(raw: object) -> bool:
    """Return whether a field value counts as left empty: missing, or blank text."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _empty_groups(inputs: tuple[Input, ...], raw_inputs: Mapping[str, object]) -> set[str]:
    """Return the groups of optional inputs in which every input was left empty."""
    groups = {spec.group for spec in inputs if spec.group}
    filled = {spec.group for spec in inputs if spec.group and not _is_empty(raw_inputs.get(spec.name))}
    return groups - filled


def _format_result(result: Result, value: float | str) -> str:
    """Write one result for display. A result without a number is already text and is shown as it is."""
    if isinstance(value, str):
        return value
    if result.formatter is not None:
        return result.formatter(value)
    return format_value(value, result.unit)


def evaluate_json(calculator_id: str, raw_inputs_json: str) -> str:
    """Run `evaluate` on a JSON object of field values and return JSON.

    This is the browser's entry point: the worker passes the visitor's input
    as JSON data, never as Python source.
    """
    raw_inputs = json.loads(raw_inputs_json)
    if not isinstance(raw_inputs, dict):
        raise ValueError(f"inputs must be a JSON object; got {type(raw_inputs).__name__}")
    return json.dumps(evaluate(calculator_id, raw_inputs).to_dict())
