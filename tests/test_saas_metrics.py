"""Unit tests of the SaaS metrics in calc.saas on CPython.

Each expected number names where it came from: a hand computation shown in
the docstring, or one of these published worked examples.

- Klipfolio, "Gross MRR Churn Rate vs Net MRR Churn Rate"
  (klipfolio.com/metrics/difference/gross-mrr-churn-rate-vs-net-mrr-churn-rate)
- Stripe, "Billing metric definitions"
  (docs.stripe.com/billing/subscriptions/analytics/glossary), and the
  Stripe support article "Billing Analytics"
  (support.stripe.com/questions/billing-analytics)
- Free Math Help forum, "Averaging percentages: semi-annual churn rate
  expressed as a monthly churn rate" (freemathhelp.com, thread 137093)
- AbraCalc customer lifetime value examples
  (abracalc.com/calculator/customer-lifetime-value-calculator/...)
- StripeReport, "How to Calculate LTV from Stripe Data"
  (stripereport.com/blog/ltv-calculation-stripe)
- The Prime Calculator, "CAC Payback Period Calculator Formula"
  (theprimecalculator.com/business/cac-payback-period-calculator/formula)
- CalcSimpler, "CAC Payback Period Calculator"
  (calcsimpler.com/calculators/cac-payback-period)
- GenieGoals glossary, "LTV:CAC ratio" (geniegoals.co.uk/glossary/ltv-cac-ratio)
- PitchKit glossary, "Quick ratio" (pitchkit.net/resources/glossary/quick-ratio)
- ProfitWell, "SaaS Quick Ratio" (learn.profitwell.com)
- Super-Calc, "SaaS Quick Ratio Calculator"
  (super-calc.com/calculators/saas-quick-ratio-calculator)
"""

import math

import pytest

import calc.saas
from calc.errors import InvalidInputError
from calc.inputs import MAX_COUNT, MAX_MONEY
from calc.metrics import Period, cac, revenue_retention
from calc.saas import (
    LTV_TO_CAC_BENCHMARK,
    MIN_DIVISOR,
    MIN_POSITIVE_CHURN_RATE,
    QUICK_RATIO_BENCHMARK,
    BlendedPaidCac,
    LtvToCac,
    MrrBreakdown,
    PlanRow,
    QuickRatio,
    RevenueChurn,
    blended_and_paid_cac,
    cac_payback,
    churn_rate_conventions,
    horizon_value,
    lifetime_value,
    ltv_to_cac,
    mrr_from_plans,
    quick_ratio,
    revenue_churn,
)


class TestModule:
    """The public names of calc.saas."""

    def test_all_is_sorted(self):
        assert calc.saas.__all__ == sorted(calc.saas.__all__)

    def test_all_names_exist(self):
        missing = [name for name in calc.saas.__all__ if not hasattr(calc.saas, name)]
        assert missing == []

    def test_results_are_frozen(self):
        churn = revenue_churn(100, 0, 0, 10)
        with pytest.raises(AttributeError):
            churn.gross = 0

    def test_huge_int_rejected(self):
        with pytest.raises(InvalidInputError) as raised:
            lifetime_value(2**1100, 80, 5)
        assert raised.value.field == "arpa"


# ---- Revenue churn -----------------------------------------------------------


class TestRevenueChurn:
    def test_klipfolio_gross_example(self):
        """$2,000 lost from $100,000 of starting MRR is 2% gross churn (Klipfolio)."""
        assert revenue_churn(100_000, 0, 0, 2_000).gross == 2.0

    def test_klipfolio_example_a(self):
        """$50,000 MRR, $7,000 expansion, $10,000 lost: gross 20%, net 6% (Klipfolio example A).

        Klipfolio gives the $10,000 of cancellations and downgrades as one
        sum, and here $8,000 is churn and $2,000 contraction.
        """
        churn = revenue_churn(50_000, 7_000, 2_000, 8_000)
        assert churn.gross == 20.0
        assert churn.net == 6.0

    def test_klipfolio_example_b_net_negative(self):
        """$100,000 MRR, $12,000 expansion, $7,000 lost: net −5% (Klipfolio example B)."""
        assert revenue_churn(100_000, 12_000, 0, 7_000).net == -5.0

    def test_docstring_example(self):
        """$100,000 start, $3,000 churned, $1,000 contraction, $6,000 expansion: 4% gross and −2% net by hand."""
        assert revenue_churn(100_000, 6_000, 1_000, 3_000) == RevenueChurn(gross=4.0, net=-2.0)

    def test_split_of_losses_is_irrelevant(self):
        """Churned and contraction MRR enter both formulas the same way."""
        assert revenue_churn(1_000, 50, 100, 0) == revenue_churn(1_000, 50, 0, 100)

    def test_mirrors_revenue_retention(self):
        """$1M start, $150k expansion, $30k contraction, $70k churned: GRR 90% and NRR 105% by hand, so 10% and −5%."""
        churn = revenue_churn(1_000_000, 150_000, 30_000, 70_000)
        retention = revenue_retention(1_000_000, 150_000, 30_000, 70_000)
        assert churn.gross == pytest.approx(100 - retention.grr)
        assert churn.net == pytest.approx(100 - retention.nrr)
        assert churn.net == pytest.approx(-5.0)

    def test_everything_lost(self):
        assert revenue_churn(100, 0, 40, 60).gross == 100.0

    def test_klipfolio_example_a_as_cancellations(self):
        """Klipfolio example A as published: all $10,000 lost to cancellations, so 20% gross and 6% net."""
        assert revenue_churn(50_000, 7_000, 0, 10_000) == RevenueChurn(gross=20.0, net=6.0)

    def test_cents_that_add_up_to_start_accepted(self):
        """$0.10 + $0.20 lost of $0.30 is all of it, 100%, although 0.1 + 0.2 > 0.3 in binary floats."""
        assert 0.1 + 0.2 > 0.3
        assert revenue_churn(0.30, 0, 0.10, 0.20) == RevenueChurn(gross=100.0, net=100.0)

    def test_cents_above_start_still_rejected(self):
        """$0.10 + $0.21 of $0.30 is a cent too much, so the exact check still rejects it."""
        with pytest.raises(InvalidInputError, match=r"starting revenue minus contraction \(\$0\.20\); got 0\.21") as raised:
            revenue_churn(0.30, 0, 0.10, 0.21)
        assert raised.value.field == "churned_revenue"

    def test_nothing_moved(self):
        assert revenue_churn(100, 0, 0, 0) == RevenueChurn(gross=0.0, net=0.0)

    def test_net_has_no_lower_limit(self):
        """$500 of expansion on $100 of MRR with no losses: net −500% by hand."""
        assert revenue_churn(100, 500, 0, 0).net == -500.0

    def test_zero_starting_revenue_rejected(self):
        with pytest.raises(InvalidInputError, match=r"starting_revenue must be a number from 0\.01 to") as raised:
            revenue_churn(0, 0, 0, 0)
        assert raised.value.field == "starting_revenue"

    def test_losses_above_start_rejected(self):
        with pytest.raises(InvalidInputError, match=r"starting revenue minus contraction \(\$40\); got 70") as raised:
            revenue_churn(100, 0, 60, 70)
        assert raised.value.field == "churned_revenue"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((-1, 0, 0, 0), "starting_revenue"),
            ((100, -1, 0, 0), "expansion_revenue"),
            ((100, 0, -1, 0), "contraction_revenue"),
            ((100, 0, 0, -1), "churned_revenue"),
            ((float("nan"), 0, 0, 0), "starting_revenue"),
            ((100, float("inf"), 0, 0), "expansion_revenue"),
            ((100, 0, True, 0), "contraction_revenue"),
            ((100, 0, 0, "5"), "churned_revenue"),
        ],
    )
    def test_invalid_argument_names_field(self, args, field):
        with pytest.raises(InvalidInputError, match=rf"^{field} must be ") as raised:
            revenue_churn(*args)
        assert raised.value.field == field


# ---- MRR from a mix of plans -------------------------------------------------


class TestMrrFromPlans:
    def test_stripe_glossary_example(self):
        """100 subscribers at $100 a month and 50 at $600 a year: MRR $12,500 (Stripe's Billing metric definitions).

        The page's formula line prints 800 USD/12, but its result of
        12,500 USD only follows from the $600 it states for plan B.
        """
        plans = [PlanRow(Period.MONTH, 100, 100), PlanRow(Period.YEAR, 600, 50)]
        assert mrr_from_plans(plans).mrr == 12_500.0

    def test_stripe_annual_plan_counts_a_twelfth(self):
        """An annual subscription of $1,200 counts $100 towards MRR (Stripe's Billing Analytics article)."""
        assert mrr_from_plans([PlanRow(Period.YEAR, 1_200, 1)]).mrr == 100.0

    def test_stripe_forever_coupon_halves_mrr(self):
        """A 50% coupon lasting forever halves the subscription's MRR (Stripe's Billing Analytics article)."""
        assert mrr_from_plans([PlanRow(Period.MONTH, 80, 1, discount=50)]).mrr == 40.0

    def test_quarterly_discounted_row(self):
        """20 subscriptions at $270 a quarter, 10% off: 270 × 0.9 ÷ 3 × 20 = $1,620 by hand."""
        assert mrr_from_plans([PlanRow(Period.QUARTER, 270, 20, discount=10)]).mrr == 1_620.0

    def test_docstring_example(self):
        """The Stripe mix plus $2,000 of setup fees: MRR $12,500, ARR $150,000, rows $10,000 and $2,500 by hand."""
        plans = [PlanRow(Period.MONTH, 100, 100), PlanRow(Period.YEAR, 600, 50)]
        assert mrr_from_plans(plans, one_time_fees=2_000) == MrrBreakdown(
            mrr=12_500.0, arr=150_000.0, plan_mrr=(10_000.0, 2_500.0), excluded_one_time_fees=2_000.0
        )

    def test_plan_mrr_keeps_row_order(self):
        """Rows by hand: $30 × 3 = $90, $120 ÷ 3 × 2 = $80, $240 ÷ 12 = $20."""
        plans = (PlanRow(Period.MONTH, 30, 3), PlanRow(Period.QUARTER, 120, 2), PlanRow(Period.YEAR, 240, 1))
        assert mrr_from_plans(plans).plan_mrr == (90.0, 80.0, 20.0)

    def test_arr_is_twelve_times_mrr(self):
        """$45 a month for 7 subscriptions: MRR $315 and ARR $3,780 by hand."""
        breakdown = mrr_from_plans([PlanRow(Period.MONTH, 45, 7)])
        assert breakdown.mrr == 315.0
        assert breakdown.arr == 3_780.0

    def test_one_time_fees_never_enter_mrr(self):
        plans = [PlanRow(Period.MONTH, 100, 10)]
        with_fees = mrr_from_plans(plans, one_time_fees=5_000)
        assert with_fees.mrr == mrr_from_plans(plans).mrr
        assert with_fees.arr == mrr_from_plans(plans).arr
        assert with_fees.excluded_one_time_fees == 5_000.0

    def test_no_plans_give_zero(self):
        assert mrr_from_plans([]) == MrrBreakdown(mrr=0.0, arr=0.0, plan_mrr=(), excluded_one_time_fees=0.0)

    def test_full_discount_gives_zero(self):
        assert mrr_from_plans([PlanRow(Period.YEAR, 600, 10, discount=100)]).mrr == 0.0

    def test_zero_subscriptions_give_zero(self):
        assert mrr_from_plans([PlanRow(Period.MONTH, 99, 0)]).mrr == 0.0

    def test_cents_round_correctly(self):
        """$9.99 at 5% off is $9.4905 exactly by hand, with no binary rounding left over."""
        assert mrr_from_plans([PlanRow(Period.MONTH, 9.99, 1, discount=5)]).mrr == 9.4905

    def test_ceilings_stay_finite(self):
        breakdown = mrr_from_plans([PlanRow(Period.MONTH, MAX_MONEY, MAX_COUNT)] * 3)
        assert math.isfinite(breakdown.arr)

    def test_bad_price_names_row(self):
        plans = [PlanRow(Period.MONTH, 10, 1), PlanRow(Period.MONTH, -5, 1)]
        with pytest.raises(InvalidInputError, match=r"^plans\[1\]\.price must be a number from 0 to .*; got -5$") as raised:
            mrr_from_plans(plans)
        assert raised.value.field == "plans[1].price"

    def test_discount_above_100_rejected(self):
        with pytest.raises(InvalidInputError, match=r"^plans\[0\]\.discount must be a number from 0 to 100; got 120") as raised:
            mrr_from_plans([PlanRow(Period.MONTH, 10, 1, discount=120)])
        assert raised.value.field == "plans[0].discount"

    def test_fractional_subscriptions_rejected(self):
        with pytest.raises(InvalidInputError, match=r"^plans\[0\]\.subscriptions must be a whole number") as raised:
            mrr_from_plans([PlanRow(Period.MONTH, 10, 2.5)])
        assert raised.value.field == "plans[0].subscriptions"

    def test_text_period_rejected(self):
        with pytest.raises(InvalidInputError, match=r"Period\.MONTH, Period\.QUARTER or Period\.YEAR; got 'monthly'") as raised:
            mrr_from_plans([PlanRow("monthly", 10, 1)])
        assert raised.value.field == "plans[0].period"

    def test_row_not_plan_row_rejected(self):
        with pytest.raises(InvalidInputError, match=r"^plans\[0\] must be a PlanRow") as raised:
            mrr_from_plans([{"period": Period.MONTH, "price": 10, "subscriptions": 1}])
        assert raised.value.field == "plans[0]"

    @pytest.mark.parametrize("plans", [None, "monthly", PlanRow(Period.MONTH, 10, 1)])
    def test_plans_not_a_sequence_rejected(self, plans):
        with pytest.raises(InvalidInputError, match=r"^plans must be a list of PlanRow") as raised:
            mrr_from_plans(plans)
        assert raised.value.field == "plans"

    def test_negative_one_time_fees_rejected(self):
        with pytest.raises(InvalidInputError, match=r"^one_time_fees must be a number from 0") as raised:
            mrr_from_plans([], one_time_fees=-1)
        assert raised.value.field == "one_time_fees"

    def test_nan_price_rejected(self):
        with pytest.raises(InvalidInputError, match="a finite number") as raised:
            mrr_from_plans([PlanRow(Period.MONTH, float("nan"), 1)])
        assert raised.value.field == "plans[0].price"


# ---- Churn-rate conventions --------------------------------------------------


class TestChurnRateConventions:
    def test_forum_customers_serviced_rate(self):
        """1,126 at start, 85 new, 18 lost: 18 ÷ 1,211 = 1.49% (the Free Math Help forum's month 1)."""
        assert round(churn_rate_conventions(1126, 85, 18, 0).start_plus_new, 2) == 1.49

    def test_forum_end_count_matches_next_start(self):
        """1,126 + 85 − 18 = 1,193, the forum's starting customers for month 2."""
        assert churn_rate_conventions(1126, 85, 18, 0).customers_at_end == 1193

    def test_docstring_example(self):
        """1,000 at start, 200 new, 80 lost of whom 20 new, by hand.

        80 ÷ 1,000 = 8%, 80 ÷ 1,200 = 6.67%, 60 ÷ 1,000 = 6%, and with
        1,120 at the end 80 ÷ 1,060 = 7.55%.
        """
        rates = churn_rate_conventions(1000, 200, 80, 20)
        assert rates.start_of_period == 8.0
        assert rates.start_plus_new == pytest.approx(6.6667, abs=1e-4)
        assert rates.excluding_new == 6.0
        assert rates.average_customers == pytest.approx(7.5472, abs=1e-4)
        assert rates.customers_at_end == 1120

    def test_same_month_cancel_not_churn(self):
        """ProfitWell's rule: a sign-up cancelled in its first month is not churn, so 4 of 100 is 4% by hand."""
        rates = churn_rate_conventions(100, 10, 5, 1)
        assert rates.excluding_new == 4.0
        assert rates.start_of_period == 5.0

    def test_no_new_customers_agree(self):
        """Without new customers the first three conventions are the same rate, 50 ÷ 1,000 = 5%."""
        rates = churn_rate_conventions(1000, 0, 50, 0)
        assert rates.start_of_period == 5.0
        assert rates.start_plus_new == 5.0
        assert rates.excluding_new == 5.0

    def test_start_of_period_passes_100(self):
        """10 at start, 50 new, 20 lost of whom 15 new: 20 ÷ 10 = 200% by hand, but 5 ÷ 10 = 50% excluding new."""
        rates = churn_rate_conventions(10, 50, 20, 15)
        assert rates.start_of_period == 200.0
        assert rates.excluding_new == 50.0

    def test_average_passes_100(self):
        """All 10 customers leave: the average of 10 and 0 is 5, so 10 ÷ 5 = 200% by hand."""
        rates = churn_rate_conventions(10, 0, 10, 0)
        assert rates.average_customers == 200.0
        assert rates.customers_at_end == 0

    def test_nobody_lost(self):
        rates = churn_rate_conventions(1, 0, 0, 0)
        assert rates.start_of_period == 0.0
        assert rates.average_customers == 0.0

    def test_ceilings_stay_finite(self):
        rates = churn_rate_conventions(MAX_COUNT, MAX_COUNT, MAX_COUNT, MAX_COUNT)
        assert math.isfinite(rates.average_customers)

    def test_new_lost_above_new_rejected(self):
        with pytest.raises(InvalidInputError, match=r"no more than the new customers \(5\); got 6") as raised:
            churn_rate_conventions(100, 5, 10, 6)
        assert raised.value.field == "new_customers_lost"

    def test_new_lost_above_lost_rejected(self):
        with pytest.raises(InvalidInputError, match=r"no more than the customers lost \(3\); got 4") as raised:
            churn_rate_conventions(100, 10, 3, 4)
        assert raised.value.field == "new_customers_lost"

    def test_lost_above_start_rejected(self):
        """12 lost of whom 1 new leaves 11 lost from a start of 10."""
        with pytest.raises(
            InvalidInputError, match=r"no more than the customers at start plus the new customers lost \(11\); got 12"
        ) as raised:
            churn_rate_conventions(10, 5, 12, 1)
        assert raised.value.field == "customers_lost"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((0, 0, 0, 0), "customers_at_start"),
            ((100, -1, 0, 0), "new_customers"),
            ((100, 0, -1, 0), "customers_lost"),
            ((100, 0, 0, -1), "new_customers_lost"),
            ((100, 2.5, 0, 0), "new_customers"),
            ((100, 0, float("nan"), 0), "customers_lost"),
        ],
    )
    def test_invalid_argument_names_field(self, args, field):
        with pytest.raises(InvalidInputError, match=rf"^{field} must be ") as raised:
            churn_rate_conventions(*args)
        assert raised.value.field == field


# ---- Customer lifetime value -------------------------------------------------


class TestLifetimeValue:
    def test_abracalc_smb_example(self):
        """ARPA $100, margin 80%, churn 5%: LTV $1,600 (AbraCalc)."""
        assert lifetime_value(100, 80, 5).ltv == 1_600.0

    def test_stripereport_margin_example(self):
        """ARPU $80, margin 80%, churn 4%: LTV $1,600 (StripeReport)."""
        assert lifetime_value(80, 80, 4).ltv == 1_600.0

    def test_stripereport_revenue_example(self):
        """ARPU $80 and churn 4% on revenue alone (margin 100%): LTV $2,000 (StripeReport)."""
        assert lifetime_value(80, 100, 4).ltv == 2_000.0

    def test_abracalc_consumer_example(self):
        """ARPA $50, margin 90%, churn 10%: LTV $450 (AbraCalc)."""
        assert lifetime_value(50, 90, 10).ltv == pytest.approx(450.0)

    def test_abracalc_enterprise_example(self):
        """ARPA $2,000, margin 60%, churn 0.5%: LTV $240,000 (AbraCalc)."""
        assert lifetime_value(2_000, 60, 0.5).ltv == 240_000.0

    def test_lifetime_is_inverse_churn(self):
        """1 ÷ 5% = 20 months by hand."""
        assert lifetime_value(100, 80, 5).lifetime_months == 20.0

    def test_zero_churn_is_unbounded(self):
        value = lifetime_value(100, 80, 0)
        assert value.unbounded is True
        assert value.ltv is None
        assert value.lifetime_months is None

    def test_zero_churn_horizon_value(self):
        """No churn over the default 36 months: $100 × 80% × 36 = $2,880 by hand."""
        value = lifetime_value(100, 80, 0)
        assert value.horizon_months == 36
        assert value.horizon_value == 2_880.0

    def test_bounded_flag_false(self):
        assert lifetime_value(100, 80, 5).unbounded is False

    def test_full_churn_is_one_month(self):
        """At 100% churn an account pays once: $100 × 80% = $80 by hand, as LTV and over any horizon."""
        value = lifetime_value(100, 80, 100)
        assert value.ltv == 80.0
        assert value.lifetime_months == 1.0
        assert value.horizon_value == 80.0

    def test_zero_margin_gives_zero(self):
        assert lifetime_value(100, 0, 5).ltv == 0.0

    def test_zero_arpa_gives_zero(self):
        assert lifetime_value(0, 80, 5).ltv == 0.0

    def test_horizon_passed_through(self):
        """12 months at no churn: $50 × 50% × 12 = $300 by hand."""
        value = lifetime_value(50, 50, 0, horizon_months=12)
        assert value.horizon_months == 12
        assert value.horizon_value == 300.0

    def test_ceilings_stay_finite(self):
        value = lifetime_value(MAX_MONEY, 100, MIN_POSITIVE_CHURN_RATE, horizon_months=1200)
        assert math.isfinite(value.ltv)
        assert math.isfinite(value.horizon_value)
        assert math.isfinite(value.lifetime_months)

    def test_tiny_positive_churn_rejected(self):
        with pytest.raises(InvalidInputError, match=r"0 for no churn, or a number from 0\.0001 to 100; got 1e-09") as raised:
            lifetime_value(100, 80, 1e-9)
        assert raised.value.field == "monthly_churn_rate"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((-1, 80, 5), "arpa"),
            ((100, 101, 5), "gross_margin"),
            ((100, -1, 5), "gross_margin"),
            ((100, 80, 101), "monthly_churn_rate"),
            ((100, 80, -5), "monthly_churn_rate"),
            ((100, 80, float("nan")), "monthly_churn_rate"),
            ((100, 80, None), "monthly_churn_rate"),
            ((100, 80, 5, 0), "horizon_months"),
            ((100, 80, 5, 1201), "horizon_months"),
            ((100, 80, 5, 12.5), "horizon_months"),
        ],
    )
    def test_invalid_argument_names_field(self, args, field):
        with pytest.raises(InvalidInputError, match=rf"^{field} must be ") as raised:
            lifetime_value(*args)
        assert raised.value.field == field


class TestHorizonValue:
    def test_closed_form(self):
        """$80 a month at 5% churn over 36 months: 80 × (1 − 0.95³⁶) ÷ 0.05 = $1,347.55 by the geometric series."""
        expected = 80 * (1 - 0.95**36) / 0.05
        assert horizon_value(100, 80, 5, 36) == pytest.approx(expected)
        assert round(horizon_value(100, 80, 5, 36), 2) == 1_347.55

    def test_matches_lifetime_value_field(self):
        assert horizon_value(100, 80, 5, 24) == lifetime_value(100, 80, 5, horizon_months=24).horizon_value

    def test_one_month_is_one_payment(self):
        """Month 1 is always paid: $100 × 80% = $80 by hand."""
        assert horizon_value(100, 80, 50, 1) == 80.0

    def test_two_months_at_half_churn(self):
        """$80 in month 1 plus $80 × 50% in month 2: $120 by hand."""
        assert horizon_value(100, 80, 50, 2) == 120.0

    def test_long_horizon_approaches_ltv(self):
        """0.95¹²⁰⁰ is below 1e-26, so 100 years reaches the $1,600 LTV to float precision."""
        assert horizon_value(100, 80, 5, 1200) == pytest.approx(1_600.0, rel=1e-12)

    def test_stays_below_ltv(self):
        assert horizon_value(100, 80, 5, 1200) <= lifetime_value(100, 80, 5).ltv

    def test_horizon_required_range(self):
        with pytest.raises(InvalidInputError, match=r"^horizon_months must be a whole number from 1 to 1,200; got 0$") as raised:
            horizon_value(100, 80, 5, 0)
        assert raised.value.field == "horizon_months"


# ---- LTV:CAC ratio -----------------------------------------------------------


class TestLtvToCac:
    def test_geniegoals_example(self):
        """LTV $300 and CAC $50: a ratio of 6 (GenieGoals glossary)."""
        assert ltv_to_cac(300, 50).ratio == 6.0

    def test_abracalc_benchmark_example(self):
        """An LTV of $240,000 justifies a CAC of $80,000 under the 3:1 benchmark (AbraCalc)."""
        assert ltv_to_cac(240_000, 80_000).ratio == LTV_TO_CAC_BENCHMARK

    def test_docstring_example(self):
        """$1,600 ÷ $400 = 4 by hand."""
        assert ltv_to_cac(1_600, 400) == LtvToCac(ratio=4.0, benchmark=3.0)

    def test_benchmark_is_three(self):
        assert LTV_TO_CAC_BENCHMARK == 3.0

    def test_result_carries_benchmark(self):
        assert ltv_to_cac(100, 50).benchmark == LTV_TO_CAC_BENCHMARK

    def test_zero_ltv_gives_zero(self):
        assert ltv_to_cac(0, 100).ratio == 0.0

    def test_smallest_cac_stays_finite(self):
        assert math.isfinite(ltv_to_cac(MAX_MONEY, MIN_DIVISOR).ratio)

    def test_zero_cac_rejected(self):
        with pytest.raises(InvalidInputError, match=r"^cac must be at least 0\.01, because LTV:CAC divides by it; got 0$") as raised:
            ltv_to_cac(1_600, 0)
        assert raised.value.field == "cac"

    def test_unbounded_ltv_rejected(self):
        """None, the LTV of zero churn, is not a number, so the caller must pass a horizon value."""
        with pytest.raises(InvalidInputError, match=r"^ltv must be a number from 0 to .*; got None$") as raised:
            ltv_to_cac(None, 400)
        assert raised.value.field == "ltv"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((-1, 400), "ltv"),
            ((float("inf"), 400), "ltv"),
            ((1_600, -400), "cac"),
            ((1_600, 0.001), "cac"),
            ((1_600, "400"), "cac"),
        ],
    )
    def test_invalid_argument_names_field(self, args, field):
        with pytest.raises(InvalidInputError, match=rf"^{field} must be ") as raised:
            ltv_to_cac(*args)
        assert raised.value.field == field


# ---- CAC payback period ------------------------------------------------------


class TestCacPayback:
    def test_prime_calculator_example(self):
        """CAC $600, $100 a month at 75% margin: $600 ÷ $75 = 8 months (The Prime Calculator)."""
        assert cac_payback(600, 100, 75) == 8.0

    def test_calcsimpler_example(self):
        """CAC $8,000, $1,200 a month at 78% margin: $8,000 ÷ $936 = 8.55 months (CalcSimpler, no churn adjustment)."""
        assert round(cac_payback(8_000, 1_200, 78), 2) == 8.55

    def test_docstring_example(self):
        """$1,500 ÷ ($125 × 80%) = 15 months by hand."""
        assert cac_payback(1_500, 125, 80) == 15.0

    def test_zero_cac_pays_back_at_once(self):
        assert cac_payback(0, 100, 80) == 0.0

    def test_revenue_payback_is_shorter(self):
        """At margin 100% the same $1,500 pays back in $1,500 ÷ $125 = 12 months, not 15."""
        assert cac_payback(1_500, 125, 100) == 12.0

    def test_smallest_divisors_stay_finite(self):
        assert math.isfinite(cac_payback(MAX_MONEY, MIN_DIVISOR, MIN_DIVISOR))

    def test_zero_arpa_rejected(self):
        with pytest.raises(
            InvalidInputError, match=r"^arpa must be at least 0\.01, because without revenue CAC is never paid back; got 0$"
        ) as raised:
            cac_payback(1_500, 0, 80)
        assert raised.value.field == "arpa"

    def test_zero_margin_rejected(self):
        with pytest.raises(
            InvalidInputError,
            match=r"^gross_margin must be at least 0\.01, because without gross profit CAC is never paid back; got 0$",
        ) as raised:
            cac_payback(1_500, 125, 0)
        assert raised.value.field == "gross_margin"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((-1, 125, 80), "cac"),
            ((1_500, -125, 80), "arpa"),
            ((1_500, 0.001, 80), "arpa"),
            ((1_500, 125, 101), "gross_margin"),
            ((1_500, 125, 0.001), "gross_margin"),
            ((float("nan"), 125, 80), "cac"),
        ],
    )
    def test_invalid_argument_names_field(self, args, field):
        with pytest.raises(InvalidInputError, match=rf"^{field} must be ") as raised:
            cac_payback(*args)
        assert raised.value.field == field


# ---- Blended and paid CAC ----------------------------------------------------


class TestBlendedAndPaidCac:
    def test_docstring_example(self):
        """$10,000 over 100 customers is $100 blended, and $6,000 over 40 paid customers is $150 paid, by hand."""
        assert blended_and_paid_cac(10_000, 6_000, 40, 60) == BlendedPaidCac(blended=100.0, paid=150.0)

    def test_blended_matches_metrics_cac(self):
        """Blended CAC is calc.metrics.cac over all new customers ($10,000 ÷ 100 = $100, the FAQ's example)."""
        assert blended_and_paid_cac(10_000, 6_000, 40, 60).blended == cac(10_000, 100)

    def test_blended_can_exceed_paid(self):
        """$9,000 of non-paid costs over 10 organic customers: blended $10,000 ÷ 20 = $500, paid $1,000 ÷ 10 = $100."""
        result = blended_and_paid_cac(10_000, 1_000, 10, 10)
        assert result.blended == 500.0
        assert result.paid == 100.0

    def test_no_paid_channel_has_no_paid_cac(self):
        """No paid costs and no paid customers: paid is None, blended $2,000 ÷ 40 = $50 by hand."""
        result = blended_and_paid_cac(2_000, 0, 0, 40)
        assert result.paid is None
        assert result.blended == 50.0

    def test_paid_customers_without_paid_costs(self):
        assert blended_and_paid_cac(1_000, 0, 5, 5).paid == 0.0

    def test_zero_costs_give_zero(self):
        assert blended_and_paid_cac(0, 0, 3, 7) == BlendedPaidCac(blended=0.0, paid=0.0)

    def test_all_spend_paid(self):
        """Every dollar paid and every customer paid: both $500 ÷ 5 = $100."""
        assert blended_and_paid_cac(500, 500, 5, 0) == BlendedPaidCac(blended=100.0, paid=100.0)

    def test_paid_costs_above_total_rejected(self):
        with pytest.raises(InvalidInputError, match=r"no more than the total acquisition costs \(\$10,000\); got 12000") as raised:
            blended_and_paid_cac(10_000, 12_000, 40, 60)
        assert raised.value.field == "paid_acquisition_costs"

    def test_paid_costs_without_paid_customers_rejected(self):
        with pytest.raises(
            InvalidInputError, match=r"^paid_customers must be at least 1 when paid-channel costs are above 0 \(\$6,000\)"
        ) as raised:
            blended_and_paid_cac(10_000, 6_000, 0, 60)
        assert raised.value.field == "paid_customers"

    def test_no_customers_with_paid_costs_names_paid(self):
        """With paid costs and no customers at all, the paid-channel error comes first."""
        with pytest.raises(InvalidInputError) as raised:
            blended_and_paid_cac(10_000, 6_000, 0, 0)
        assert raised.value.field == "paid_customers"

    def test_no_customers_rejected(self):
        with pytest.raises(
            InvalidInputError, match=r"^organic_customers must be at least 1 when there are no paid customers"
        ) as raised:
            blended_and_paid_cac(10_000, 0, 0, 0)
        assert raised.value.field == "organic_customers"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((-1, 0, 1, 1), "acquisition_costs"),
            ((100, -1, 1, 1), "paid_acquisition_costs"),
            ((100, 50, -1, 1), "paid_customers"),
            ((100, 50, 1, 1.5), "organic_customers"),
            ((float("inf"), 50, 1, 1), "acquisition_costs"),
        ],
    )
    def test_invalid_argument_names_field(self, args, field):
        with pytest.raises(InvalidInputError, match=rf"^{field} must be ") as raised:
            blended_and_paid_cac(*args)
        assert raised.value.field == field


# ---- SaaS quick ratio --------------------------------------------------------


class TestQuickRatio:
    def test_pitchkit_example(self):
        """New $20k, expansion $8k, churn $5k, contraction $3k: 28 ÷ 8 = 3.5 (PitchKit glossary)."""
        assert quick_ratio(20_000, 8_000, 5_000, 3_000).ratio == 3.5

    @pytest.mark.parametrize(
        ("gained", "lost", "expected"),
        [(24_000, 4_000, 6.0), (30_000, 10_000, 3.0), (40_000, 20_000, 2.0)],
    )
    def test_profitwell_scenarios(self, gained, lost, expected):
        """ProfitWell's three scenarios, given as sums: $24K/$4K = 6, $30K/$10K = 3, $40K/$20K = 2.

        The split of each sum is arbitrary here: new MRR only, churn only.
        """
        assert quick_ratio(gained, 0, lost, 0).ratio == expected

    @pytest.mark.parametrize(("gained", "lost"), [(24_000, 4_000), (30_000, 10_000), (40_000, 20_000)])
    def test_profitwell_same_net_new(self, gained, lost):
        """ProfitWell: all its scenarios add $20K of net new MRR."""
        assert quick_ratio(gained, 0, lost, 0).net_new_revenue == 20_000.0

    def test_super_calc_growth_example(self):
        """New $95k, expansion $28k, churned $18k, contraction $7k: 4.92 and $98,000 net new (Super-Calc example 1)."""
        result = quick_ratio(95_000, 28_000, 18_000, 7_000)
        assert round(result.ratio, 2) == 4.92
        assert result.net_new_revenue == 98_000.0

    def test_docstring_example(self):
        """$40,000 gained ÷ $8,000 lost = 5, and $32,000 net new, by hand."""
        assert quick_ratio(35_000, 5_000, 6_000, 2_000) == QuickRatio(
            ratio=5.0, unbounded=False, net_new_revenue=32_000.0, benchmark=4.0
        )

    def test_shrinking_business_below_one(self):
        """$5,000 gained against $10,000 lost: 0.5 and −$5,000 net new by hand."""
        result = quick_ratio(4_000, 1_000, 8_000, 2_000)
        assert result.ratio == 0.5
        assert result.net_new_revenue == -5_000.0

    def test_no_losses_is_unbounded(self):
        result = quick_ratio(10_000, 2_000, 0, 0)
        assert result.ratio is None
        assert result.unbounded is True
        assert result.net_new_revenue == 12_000.0

    def test_nothing_moved_is_undefined(self):
        result = quick_ratio(0, 0, 0, 0)
        assert result.ratio is None
        assert result.unbounded is False
        assert result.net_new_revenue == 0.0

    def test_only_losses_give_zero(self):
        assert quick_ratio(0, 0, 500, 0).ratio == 0.0

    def test_benchmark_is_four(self):
        assert QUICK_RATIO_BENCHMARK == 4.0
        assert quick_ratio(1, 0, 1, 0).benchmark == QUICK_RATIO_BENCHMARK

    def test_smallest_losses_stay_finite(self):
        assert math.isfinite(quick_ratio(MAX_MONEY, MAX_MONEY, MIN_DIVISOR, 0).ratio)

    def test_losses_below_a_cent_rejected(self):
        with pytest.raises(
            InvalidInputError, match=r"^churned_revenue must be 0, or at least 0\.01 together with contraction revenue \(0\.0\)"
        ) as raised:
            quick_ratio(1_000, 0, 0.001, 0)
        assert raised.value.field == "churned_revenue"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((-1, 0, 0, 0), "new_revenue"),
            ((0, -1, 0, 0), "expansion_revenue"),
            ((0, 0, -1, 0), "churned_revenue"),
            ((0, 0, 0, -1), "contraction_revenue"),
            ((float("nan"), 0, 0, 0), "new_revenue"),
            ((0, 0, 0, MAX_MONEY * 2), "contraction_revenue"),
        ],
    )
    def test_invalid_argument_names_field(self, args, field):
        with pytest.raises(InvalidInputError, match=rf"^{field} must be ") as raised:
            quick_ratio(*args)
        assert raised.value.field == field
