"""Unit tests of the metric functions on CPython."""

import math

import pytest

import calc
from calc import InvalidInputError
from tests.cases import ERROR_CASES


class TestWorkedExamples:
    """The FAQ's worked examples, computed by the functions directly."""

    def test_churn_rate_example(self):
        """1,000 customers at start, 50 lost: 5% (the FAQ's example)."""
        assert calc.churn_rate(1000, 50) == 5.0

    def test_cac_example(self):
        """$10,000 spent, 100 new customers: $100 each (the FAQ's example)."""
        assert calc.cac(10_000, 100) == 100.0

    def test_revenue_retention_example_is_nrr(self):
        """$1M grown to $1.2M by expansion is NRR 120%, not GRR (FAQ's example)."""
        retention = calc.revenue_retention(1_000_000, 200_000, 0, 0)
        assert retention.nrr == 120.0
        assert retention.grr == 100.0

    def test_arr_example(self):
        """MRR $10,000 makes ARR $120,000 (the FAQ's example)."""
        assert calc.arr(10_000) == 120_000.0


class TestEdgeValues:
    """Boundary values that are valid, with results computed by hand."""

    def test_churn_everyone_lost(self):
        assert calc.churn_rate(40, 40) == 100.0

    def test_churn_nobody_lost(self):
        assert calc.churn_rate(1, 0) == 0.0

    def test_cac_zero_spend(self):
        assert calc.cac(0, 10) == 0.0

    def test_grr_never_exceeds_100(self):
        """Expansion raises NRR only: 500 expansion on 1,000 is NRR 150%, GRR 100%."""
        retention = calc.revenue_retention(1000, 500, 0, 0)
        assert retention.grr == 100.0
        assert retention.nrr == 150.0

    def test_retention_with_losses(self):
        """$1M start, $150k expansion, $30k contraction, $70k churn: GRR 90%, NRR 105% by hand."""
        retention = calc.revenue_retention(1_000_000, 150_000, 30_000, 70_000)
        assert retention.grr == pytest.approx(90.0)
        assert retention.nrr == pytest.approx(105.0)

    def test_retention_everything_lost(self):
        retention = calc.revenue_retention(100, 0, 40, 60)
        assert retention.grr == 0.0
        assert retention.nrr == 0.0

    def test_arr_of_zero(self):
        assert calc.arr(0) == 0.0

    def test_arr_at_money_ceiling_is_finite(self):
        assert math.isfinite(calc.arr(calc.inputs.MAX_MONEY))


class TestInvalidInput:
    """Every invalid argument raises InvalidInputError naming its field."""

    @pytest.mark.parametrize(("function", "args", "field"), ERROR_CASES)
    def test_raises_for_field(self, function, args, field):
        with pytest.raises(InvalidInputError) as raised:
            getattr(calc, function)(*args)
        assert raised.value.field == field

    @pytest.mark.parametrize(("function", "args", "field"), ERROR_CASES)
    def test_message_names_field_and_value(self, function, args, field):
        with pytest.raises(InvalidInputError) as raised:
            getattr(calc, function)(*args)
        assert str(raised.value).startswith(f"{field} must be ")
        assert "got " in str(raised.value)

    def test_error_is_a_value_error(self):
        assert issubclass(InvalidInputError, ValueError)

    def test_lost_more_than_start_message(self):
        with pytest.raises(InvalidInputError, match=r"no more than the customers at start \(1,000\); got 1200"):
            calc.churn_rate(1000, 1200)

    def test_zero_customers_message(self):
        with pytest.raises(InvalidInputError, match=r"customers_at_start must be a whole number from 1 to"):
            calc.churn_rate(0, 0)

    def test_nan_message_says_finite(self):
        with pytest.raises(InvalidInputError, match="a finite number"):
            calc.arr(float("nan"))

    def test_losses_above_starting_revenue_message(self):
        with pytest.raises(InvalidInputError, match=r"starting revenue minus contraction \(\$40\); got 50"):
            calc.revenue_retention(100, 0, 60, 50)
