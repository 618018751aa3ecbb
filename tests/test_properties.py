"""Property-based tests of calc on CPython, with hypothesis.

The contract under test is the one calc/__init__.py states: for any
argument, every public function returns finite numbers or raises
`InvalidInputError`, and never another exception. The strategies mix
floats (NaN, infinities, subnormals, values past the ceilings), ints far
beyond float range, bools, None and arbitrary text, including text built to
look like what visitors type (signs, separators, currency, suffixes).
"""

import json
import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import calc
from calc import InvalidInputError, Period, RevenueRetention, Unit, format_value, parse_input
from calc.inputs import MAX_COUNT, MAX_MONEY
from calc.metrics import CHURN_RATE, CUSTOMERS_AT_START, MRR

# Each property runs a few hundred examples; the whole file takes seconds.
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)

# One real input per unit, so parsing is exercised with the site's own specs.
SPEC_PER_UNIT = {Unit.COUNT: CUSTOMERS_AT_START, Unit.MONEY: MRR, Unit.PERCENT: CHURN_RATE}


def field_names(calculator) -> set[str]:
    """Names of the calculator's form fields: its inputs and its choices (such as the churn period)."""
    return {spec.name for spec in calculator.inputs} | {choice.name for choice in calculator.choices}


FIELD_NAMES = sorted(set().union(*(field_names(calculator) for calculator in calc.CALCULATORS)))
CALCULATOR_IDS = [calculator.id for calculator in calc.CALCULATORS]


# ---- Strategies --------------------------------------------------------------

# Digits with the separators, signs and suffixes that parse_input accepts,
# put together in orders it may or may not accept.
_digit_groups = st.lists(st.from_regex(r"\d{1,4}", fullmatch=True), min_size=1, max_size=6)
_separator = st.sampled_from(["", ",", " ", ".", "\u00a0", "\u202f", "\u2009", "'", "_"])
_grouped_digits = st.builds(lambda groups, separator: separator.join(groups), _digit_groups, _separator)
_fraction = st.sampled_from(["", ".", ".0", ".5", ".25", ".125", ".999", ",5"])
_exponent = st.sampled_from(["", "e3", "E-2", "e+15", "e308", "e999", "e-999", "e1000"])
_sign = st.sampled_from(["", "-", "\u2212", "+", "--"])
_currency = st.sampled_from(["", "$", "€", "£", "¥", "USD"])
_suffix = st.sampled_from(["", "k", "K", "m", "M", "%", "kk", "b"])
_space = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])

numeric_text = st.tuples(
    _space, _sign, _currency, _space, _sign, _grouped_digits, _fraction, _exponent, _space, _suffix, _currency, _space
).map("".join)

any_text = st.one_of(st.text(), numeric_text, st.from_regex(r"\s*-?[\d.,]{0,30}\s*", fullmatch=True))

extreme_floats = st.sampled_from(
    [0.0, -0.0, 5e-324, -5e-324, 1e-300, 0.5, 1.0, 1e12, 1e12 + 1, 1e15, 1e15 + 0.125, 1e308, -1e308, math.inf, -math.inf, math.nan]
)

# Ints past 2**1024 cannot be converted to float.
huge_ints = st.integers(min_value=2**1024, max_value=2**1100) | st.integers(min_value=-(2**1100), max_value=-(2**1024))

any_argument = st.one_of(
    st.floats(),
    extreme_floats,
    st.integers(),
    st.integers(min_value=-1, max_value=MAX_COUNT + 1),
    huge_ints,
    st.booleans(),
    st.none(),
    any_text,
)

# Amounts a visitor can type: whole cents up to the money ceiling.
cents = st.integers(min_value=0, max_value=MAX_MONEY * 100)


@st.composite
def cohort_in_cents(draw):
    """Draw (starting, expansion, contraction, churned) in cents, with contraction + churned ≤ starting."""
    starting = draw(st.integers(min_value=1, max_value=MAX_MONEY * 100))
    contraction = draw(st.integers(min_value=0, max_value=starting))
    churned = draw(st.integers(min_value=0, max_value=starting - contraction))
    return starting, draw(cents), contraction, churned


def assert_finite(value):
    """Fail unless every number in a metric result is finite."""
    numbers = [value.grr, value.nrr] if isinstance(value, RevenueRetention) else [value]
    for number in numbers:
        assert isinstance(number, float)
        assert math.isfinite(number), f"non-finite result {number!r}"


def call_or_reject(function, *args):
    """Call ``function`` and return its result, or None when it raised InvalidInputError.

    Any other exception propagates, so the property fails and hypothesis
    reports the arguments.
    """
    try:
        return function(*args)
    except InvalidInputError:
        return None


# ---- Every metric: finite result or InvalidInputError -----------------------


class TestMetricsTotal:
    """Arbitrary arguments give finite numbers or InvalidInputError, nothing else."""

    @PROPERTY_SETTINGS
    @given(any_argument, any_argument)
    def test_churn_rate_total(self, customers_at_start, customers_lost):
        """churn_rate returns a finite rate or raises InvalidInputError."""
        result = call_or_reject(calc.churn_rate, customers_at_start, customers_lost)
        if result is not None:
            assert_finite(result)

    @PROPERTY_SETTINGS
    @given(any_argument, any_argument)
    def test_cac_total(self, acquisition_costs, new_customers):
        """cac returns a finite cost or raises InvalidInputError."""
        result = call_or_reject(calc.cac, acquisition_costs, new_customers)
        if result is not None:
            assert_finite(result)

    @PROPERTY_SETTINGS
    @given(any_argument, any_argument, any_argument, any_argument)
    def test_revenue_retention_total(self, starting, expansion, contraction, churned):
        """revenue_retention returns finite GRR and NRR or raises InvalidInputError."""
        result = call_or_reject(calc.revenue_retention, starting, expansion, contraction, churned)
        if result is not None:
            assert_finite(result)

    @PROPERTY_SETTINGS
    @given(any_argument)
    def test_arr_total(self, mrr):
        """arr returns a finite amount or raises InvalidInputError."""
        result = call_or_reject(calc.arr, mrr)
        if result is not None:
            assert_finite(result)

    @PROPERTY_SETTINGS
    @given(any_argument, st.sampled_from(Period), st.sampled_from(Period))
    def test_convert_churn_rate_total(self, rate, from_period, to_period):
        """convert_churn_rate with Period members returns a finite rate or raises InvalidInputError."""
        result = call_or_reject(calc.convert_churn_rate, rate, from_period, to_period)
        if result is not None:
            assert_finite(result)


# ---- Valid inputs always compute, within the documented ranges --------------


class TestValidInputs:
    """In-bound arguments always produce results inside the documented ranges."""

    @PROPERTY_SETTINGS
    @given(st.integers(min_value=1, max_value=MAX_COUNT), st.data())
    def test_churn_rate_in_range(self, customers_at_start, data):
        """1 ≤ start, 0 ≤ lost ≤ start (whole) gives 0 ≤ rate ≤ 100 (churn_rate's docstring)."""
        customers_lost = data.draw(st.integers(min_value=0, max_value=customers_at_start))
        rate = calc.churn_rate(customers_at_start, customers_lost)
        assert 0 <= rate <= 100

    @PROPERTY_SETTINGS
    @given(cents, st.integers(min_value=1, max_value=MAX_COUNT))
    def test_cac_in_range(self, cost_cents, new_customers):
        """Costs ≥ 0 over ≥ 1 customer gives 0 ≤ CAC ≤ costs (division by a whole number ≥ 1)."""
        costs = cost_cents / 100
        result = calc.cac(costs, new_customers)
        assert 0 <= result <= costs

    @PROPERTY_SETTINGS
    @given(cents)
    def test_arr_is_twelve_mrr(self, mrr_cents):
        """ARR is exactly MRR × 12 for every MRR from 0 to the money ceiling (arr's formula)."""
        mrr = mrr_cents / 100
        assert calc.arr(mrr) == mrr * 12

    @PROPERTY_SETTINGS
    @given(cohort_in_cents())
    @example((30, 0, 10, 20))
    def test_valid_cohort_accepted(self, cohort):
        """Amounts in cents with contraction + churn ≤ starting are never rejected.

        The inequality is exact in cents, which is how visitors write money. The explicit example is $0.30 starting, $0.10 contraction and
        $0.20 churn: the whole cohort lost, which revenue_retention's
        docstring allows.
        """
        starting, expansion, contraction, churned = (amount / 100 for amount in cohort)
        calc.revenue_retention(starting, expansion, contraction, churned)

    @PROPERTY_SETTINGS
    @given(cohort_in_cents())
    @example((3, 0, 2, 1))
    @example((69, 0, 0, 0))
    def test_retention_in_range(self, cohort):
        """Accepted cohorts give 0 ≤ GRR ≤ 100 and GRR ≤ NRR.

        Both ranges are from revenue_retention's docstring, and GRR ≤ NRR
        because expansion is at least 0. The explicit examples by hand: $0.03 with
        $0.02 contraction and $0.01 churn keeps nothing (GRR 0), and $0.69
        with nothing lost keeps everything (GRR 100).
        """
        starting, expansion, contraction, churned = (amount / 100 for amount in cohort)
        retention = call_or_reject(calc.revenue_retention, starting, expansion, contraction, churned)
        assume(retention is not None)

        assert 0 <= retention.grr
        assert retention.grr <= 100
        assert retention.grr <= retention.nrr

    @PROPERTY_SETTINGS
    @given(st.floats(min_value=0, max_value=100), st.sampled_from(Period), st.sampled_from(Period))
    def test_converted_rate_in_range(self, rate, from_period, to_period):
        """Any rate from 0 to 100 converts to a rate from 0 to 100 (the retained share is in [0, 1])."""
        converted = calc.convert_churn_rate(rate, from_period, to_period)
        assert 0 <= converted <= 100

    @PROPERTY_SETTINGS
    @given(st.floats(min_value=0, max_value=100), st.sampled_from(Period))
    def test_same_period_keeps_rate(self, rate, period):
        """Converting to the same period returns the rate, up to float rounding of 1 − rate/100."""
        assert calc.convert_churn_rate(rate, period, period) == pytest.approx(rate, abs=1e-12)


# ---- Parsing ------------------------------------------------------------------


def expected_after_rounding(value: float, unit: Unit) -> float:
    """Round as format_value does: shortest repr, half away from zero, to the unit's places."""
    places = {Unit.COUNT: Decimal(1), Unit.MONEY: Decimal("0.01"), Unit.PERCENT: Decimal("0.1")}[unit]
    return float(Decimal(repr(value)).quantize(places, rounding=ROUND_HALF_UP))


class TestParseInput:
    """parse_input on arbitrary text, for a field of each unit."""

    @PROPERTY_SETTINGS
    @given(st.none() | any_text, st.sampled_from(Unit))
    @example("1e999", Unit.MONEY)
    @example("9" * 400, Unit.COUNT)
    def test_parse_never_nan(self, text, unit):
        """parse_input returns a float that is not NaN, or raises InvalidInputError.

        Infinity is a possible result: parse_input leaves bounds to
        Input.check (its docstring), and "1e999" is well-formed but beyond
        float range. The next test pins that the pair never lets it through.
        """
        number = call_or_reject(parse_input, text, SPEC_PER_UNIT[unit])
        if number is not None:
            assert isinstance(number, float)
            assert not math.isnan(number)

    @PROPERTY_SETTINGS
    @given(st.none() | any_text, st.sampled_from(Unit))
    def test_parse_then_check_finite(self, text, unit):
        """parse_input followed by Input.check gives a finite in-bound number or InvalidInputError."""
        spec = SPEC_PER_UNIT[unit]
        try:
            number = spec.check(parse_input(text, spec))
        except InvalidInputError as error:
            assert error.field == spec.name
            return
        assert math.isfinite(number)
        assert spec.minimum <= number <= spec.upper_bound


# ---- Formatting -----------------------------------------------------------------

in_bound_floats = st.floats(min_value=-MAX_MONEY, max_value=MAX_MONEY, allow_nan=False, allow_infinity=False)


class TestFormatValue:
    """format_value on finite floats within the money ceiling."""

    @PROPERTY_SETTINGS
    @given(in_bound_floats, st.sampled_from(Unit))
    def test_format_returns_text(self, value, unit):
        """Every finite value within ±MAX_MONEY formats to text, with no minus sign when it rounds to zero."""
        text = format_value(value, unit)
        assert isinstance(text, str)
        assert text
        if expected_after_rounding(value, unit) == 0:
            assert not text.startswith("-")

    @PROPERTY_SETTINGS
    @given(in_bound_floats, st.sampled_from(Unit), st.sampled_from("$€£"))
    def test_format_parses_back(self, value, unit, currency):
        """parse_input reads format_value's text back as the rounded value, currency or percent sign included.

        Both modules document the shapes: grouped thousands with commas, a
        dot for decimals, a leading minus, a currency sign before money and
        "%" after percentages, and never three decimals (which parse_input
        would reject as ambiguous).
        """
        text = format_value(value, unit, currency=currency)
        assert parse_input(text, SPEC_PER_UNIT[unit]) == expected_after_rounding(value, unit)

    @PROPERTY_SETTINGS
    @given(in_bound_floats, st.sampled_from(Unit))
    def test_format_without_sign_parses_back(self, value, unit):
        """Text with its currency or percent sign removed parses back too, for a field of the same unit."""
        text = format_value(value, unit, currency="").removesuffix("%")
        assert parse_input(text, SPEC_PER_UNIT[unit]) == expected_after_rounding(value, unit)


# ---- evaluate() and evaluate_json() ---------------------------------------------

field_values = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=12), any_text, max_size=6)


def assert_well_formed(calculator_id, evaluation):
    """Check the shape that calculators.js relies on: results only, or errors only."""
    calculator = calc.get_calculator(calculator_id)
    result_names = {result.name for result in calculator.results}

    assert evaluation.calculator == calculator_id
    assert bool(evaluation.results) != bool(evaluation.errors)
    if evaluation.errors:
        assert set(evaluation.errors) <= field_names(calculator)
        assert evaluation.values == {}
        for message in evaluation.errors.values():
            assert message.startswith("Must be ")
    else:
        assert set(evaluation.results) == result_names
        assert set(evaluation.values) == field_names(calculator)
        for spec in calculator.inputs:
            assert math.isfinite(evaluation.values[spec.name])


def reject_constant(name):
    raise AssertionError(f"evaluate_json wrote the non-JSON constant {name}")


class TestEvaluate:
    """evaluate() and evaluate_json() on arbitrary field values."""

    @PROPERTY_SETTINGS
    @given(st.sampled_from(CALCULATOR_IDS), field_values)
    def test_evaluate_results_or_errors(self, calculator_id, raw_inputs):
        """evaluate returns results only or errors only, keyed by known names, and never raises."""
        assert_well_formed(calculator_id, calc.evaluate(calculator_id, raw_inputs))

    @PROPERTY_SETTINGS
    @given(st.sampled_from(CALCULATOR_IDS), st.dictionaries(st.sampled_from(FIELD_NAMES), any_argument))
    def test_evaluate_any_values(self, calculator_id, raw_inputs):
        """evaluate also accepts numbers, None and bools as values (its docstring), without raising."""
        assert_well_formed(calculator_id, calc.evaluate(calculator_id, raw_inputs))

    @PROPERTY_SETTINGS
    @given(st.sampled_from(CALCULATOR_IDS), field_values)
    def test_evaluate_json_matches(self, calculator_id, raw_inputs):
        """evaluate_json returns strict JSON (no NaN or Infinity) equal to evaluate's to_dict()."""
        output = calc.evaluate_json(calculator_id, json.dumps(raw_inputs))
        decoded = json.loads(output, parse_constant=reject_constant)
        assert decoded == calc.evaluate(calculator_id, raw_inputs).to_dict()

    @PROPERTY_SETTINGS
    @given(st.sampled_from(CALCULATOR_IDS), st.data())
    def test_error_quotes_typed_text(self, calculator_id, data):
        """Each field error quotes the text the visitor typed, as “text”, never a parsed float.

        InvalidInputError's docstring defines its value as the value as it was
        given, and evaluate already quotes typed text for errors found by the
        metric functions, such as customers lost above customers at start.
        """
        calculator = calc.get_calculator(calculator_id)
        raw_inputs = {spec.name: data.draw(numeric_text | st.text(min_size=1)) for spec in calculator.inputs}

        evaluation = calc.evaluate(calculator_id, raw_inputs)

        for name, message in evaluation.errors.items():
            typed = raw_inputs[name].strip()
            if typed:
                assert message.endswith(f"You entered “{typed}”."), message

    @PROPERTY_SETTINGS
    @given(
        st.integers(min_value=1, max_value=MAX_COUNT),
        st.data(),
        st.sampled_from(["{}", "{:,}", "{:_}"]),
    )
    def test_typed_churn_computes(self, customers_at_start, data, pattern):
        """Whole numbers typed plain or with comma groups compute, and "_" groups are a field error.

        parse_input's module docstring lists commas and spaces as the only
        thousands separators, so "1_000" is rejected even though Python reads it.
        """
        customers_lost = data.draw(st.integers(min_value=0, max_value=customers_at_start))
        typed = {
            "customers_at_start": pattern.format(customers_at_start),
            "customers_lost": pattern.format(customers_lost),
        }

        evaluation = calc.evaluate("churn_rate", typed)

        if "_" in "".join(typed.values()):
            assert evaluation.results == {}
            return
        assert evaluation.errors == {}
        assert evaluation.results["churn_rate"] == format_value(customers_lost * 100 / customers_at_start, Unit.PERCENT)


# ---- The SaaS metrics: finite results or InvalidInputError -------------------


def assert_all_finite(result):
    """Fail unless every number in a result (a float or a dataclass of them) is finite.

    None is allowed: it is how these results say "no finite value" (an
    unbounded LTV, a quick ratio with no losses).
    """
    values = vars(result).values() if hasattr(result, "__dataclass_fields__") else [result]
    for value in values:
        if isinstance(value, (list, tuple)):
            for item in value:
                assert_all_finite(item)
        elif isinstance(value, float):
            assert math.isfinite(value), f"non-finite value {value!r} in {result!r}"


SAAS_FUNCTIONS = {
    "revenue_churn": 4,
    "churn_rate_conventions": 4,
    "lifetime_value": 4,
    "horizon_value": 4,
    "ltv_to_cac": 2,
    "cac_payback": 3,
    "blended_and_paid_cac": 4,
    "quick_ratio": 4,
}


class TestSaasMetricsTotal:
    """Every SaaS metric returns only finite numbers or raises InvalidInputError."""

    @pytest.mark.parametrize("name", sorted(SAAS_FUNCTIONS))
    @PROPERTY_SETTINGS
    @given(data=st.data())
    def test_saas_metric_total(self, name, data):
        arguments = [data.draw(any_argument) for _ in range(SAAS_FUNCTIONS[name])]
        result = call_or_reject(getattr(calc.saas, name), *arguments)
        if result is not None:
            assert_all_finite(result)

    @pytest.mark.parametrize("name", sorted(SAAS_FUNCTIONS))
    @PROPERTY_SETTINGS
    @given(data=st.data())
    def test_saas_metric_plausible_numbers(self, name, data):
        """Numbers in everyday ranges, where most calls are valid, not only rejected."""
        plausible = st.one_of(st.integers(min_value=0, max_value=10_000), st.floats(min_value=0, max_value=1e6))
        arguments = [data.draw(plausible) for _ in range(SAAS_FUNCTIONS[name])]
        result = call_or_reject(getattr(calc.saas, name), *arguments)
        if result is not None:
            assert_all_finite(result)

    @PROPERTY_SETTINGS
    @given(
        rows=st.lists(
            st.tuples(st.sampled_from(list(calc.Period)), any_argument, any_argument, any_argument), max_size=5
        ),
        fees=any_argument,
    )
    def test_mrr_from_plans_total(self, rows, fees):
        plans = [
            calc.saas.PlanRow(period=period, price=price, subscriptions=count, discount=discount)
            for period, price, count, discount in rows
        ]
        result = call_or_reject(calc.saas.mrr_from_plans, plans, fees)
        if result is not None:
            assert_all_finite(result)
