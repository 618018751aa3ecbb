"""SaaS unit economics: revenue churn, MRR from a plan mix, churn-rate
conventions, LTV, LTV:CAC, CAC payback, blended and paid CAC, quick ratio.

Like `calc.metrics`, every function validates each argument through an
`Input` before computing and raises `InvalidInputError` (a `ValueError`)
for bad input. Wherever a formula divides, the divisor either has a
positive minimum or its zero case has a defined result (an unbounded LTV,
an unbounded quick ratio, no paid CAC), so no function returns NaN or
infinity or raises `ZeroDivisionError`.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from .errors import InvalidInputError
from .formatting import format_value
from .inputs import Input, Unit
from .metrics import (
    ACQUISITION_COSTS,
    CHURNED_REVENUE,
    CONTRACTION_REVENUE,
    CUSTOMERS_AT_START,
    CUSTOMERS_LOST,
    EXPANSION_REVENUE,
    NEW_CUSTOMERS,
    STARTING_REVENUE,
    Period,
)

__all__ = [
    "BlendedPaidCac",
    "ChurnRateConventions",
    "LTV_TO_CAC_BENCHMARK",
    "LifetimeValue",
    "LtvToCac",
    "MrrBreakdown",
    "PlanRow",
    "QUICK_RATIO_BENCHMARK",
    "QuickRatio",
    "RevenueChurn",
    "blended_and_paid_cac",
    "cac_payback",
    "churn_rate_conventions",
    "horizon_value",
    "lifetime_value",
    "ltv_to_cac",
    "mrr_from_plans",
    "quick_ratio",
    "revenue_churn",
]


# ---- Inputs shared by several functions --------------------------------------

ARPA = Input(
    "arpa",
    "Average revenue per account (ARPA)",
    Unit.MONEY,
    help="Recurring revenue per paying account per month.",
)
GROSS_MARGIN = Input(
    "gross_margin",
    "Gross margin",
    Unit.PERCENT,
    maximum=100,
    help="Share of revenue left after the cost of serving customers (hosting, support, payment fees), in percent.",
)
MONTHLY_CHURN_RATE = Input(
    "monthly_churn_rate",
    "Monthly churn rate",
    Unit.PERCENT,
    maximum=100,
    help="Share of accounts lost in one month, in percent. Convert a quarterly or annual rate to a monthly one first.",
)
CAC = Input(
    "cac",
    "Customer acquisition cost (CAC)",
    Unit.MONEY,
    help="Sales and marketing spend per new customer.",
)

# Smallest positive monthly churn rate, in percent: one account in a million.
# Below it, ARPA × margin ÷ churn can pass the float range, and no customer
# base is large and old enough to measure such a rate. Zero is still allowed.
MIN_POSITIVE_CHURN_RATE = 0.0001

# Smallest divisor accepted where a money amount or a percentage divides:
# one cent, or 0.01%. It keeps every quotient finite.
MIN_DIVISOR = 0.01


# ---- Revenue churn -----------------------------------------------------------


@dataclass(frozen=True)
class RevenueChurn:
    """Gross and net revenue churn of one period, in percent of starting MRR."""

    gross: float
    net: float


def revenue_churn(
    starting_revenue: float,
    expansion_revenue: float,
    contraction_revenue: float,
    churned_revenue: float,
) -> RevenueChurn:
    """Compute gross and net revenue churn (MRR churn), in percent.

    Parameters, all MRR of the customers who were paying at the start of the
    period, in currency units per month:
        starting_revenue: their MRR at the start, at least 0.01.
        expansion_revenue: MRR they added through upsells, cross-sells and
            price rises, at least 0.
        contraction_revenue: MRR that customers who stayed took away by
            downgrading, at least 0.
        churned_revenue: MRR that customers who left took with them, at
            least 0.

    Formulas:
        gross = (churned + contraction) / starting × 100
        net = (churned + contraction − expansion) / starting × 100

    Contraction plus churn cannot exceed the starting MRR, so gross churn
    runs from 0 to 100. Net churn subtracts expansion, so it turns negative
    whenever expansion outgrows the losses ("net negative churn") and has no
    lower limit. The two mirror `calc.metrics.revenue_retention`: gross
    churn is 100 − GRR and net churn is 100 − NRR. MRR from customers won
    during the period is in neither.

    Published formulas agree but split the losses differently: some fold
    downgrades into "churned MRR", others fold cancellations into
    "contraction". Enter each lost dollar once, in either field, because
    both count the same.

    Example: $100,000 of MRR at the start of a month. Cancellations take
    $3,000, downgrades $1,000, and upgrades add $6,000.

    >>> revenue_churn(100_000, 6_000, 1_000, 3_000)
    RevenueChurn(gross=4.0, net=-2.0)

    The customers lost 4% of their MRR, but upgrades more than replaced it,
    so the base grew by 2% without a single new customer.
    """
    start = STARTING_REVENUE.check(starting_revenue)
    expansion = EXPANSION_REVENUE.check(expansion_revenue)
    contraction = CONTRACTION_REVENUE.check(contraction_revenue)
    churned = CHURNED_REVENUE.check(churned_revenue)

    # Exact decimal arithmetic on the amounts as written (the shortest repr of
    # each float), as in `calc.metrics.revenue_retention`: a binary float sum
    # would reject $0.10 + $0.20 lost of $0.30 and could put gross churn a
    # hair above 100.
    start, expansion, contraction, churned = (Fraction(repr(v)) for v in (start, expansion, contraction, churned))
    if contraction + churned > start:
        raise InvalidInputError(
            CHURNED_REVENUE.name,
            churned_revenue,
            f"no more than the starting revenue minus contraction ({format_value(float(start - contraction), Unit.MONEY)})",
        )

    lost = churned + contraction
    return RevenueChurn(
        gross=float(lost * 100 / start),
        net=float((lost - expansion) * 100 / start),
    )


# ---- MRR from a mix of plans -------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One price point of a plan mix and the subscriptions that pay it.

    ``period`` is the billing period and ``price`` the list price per
    billing period, in currency units, at least 0. ``subscriptions`` is the
    number of active subscriptions at that price, a whole number of at
    least 0. ``discount`` is a lasting discount in percent, from 0 to 100.
    """

    period: Period
    price: float
    subscriptions: int
    discount: float = 0


@dataclass(frozen=True)
class MrrBreakdown:
    """MRR and ARR of a plan mix, the MRR of each row, and the one-time fees left out.

    ``plan_mrr`` lists the monthly amount of each `PlanRow` in the order given.
    """

    mrr: float
    arr: float
    plan_mrr: tuple[float, ...]
    excluded_one_time_fees: float


PLAN_PRICE = Input(
    "price",
    "List price per billing period",
    Unit.MONEY,
    help="What one subscription is billed each period before any discount.",
)
PLAN_DISCOUNT = Input(
    "discount",
    "Discount",
    Unit.PERCENT,
    maximum=100,
    help="Discount off the list price for as long as the subscription runs, in percent.",
)
PLAN_SUBSCRIPTIONS = Input(
    "subscriptions",
    "Subscriptions",
    Unit.COUNT,
    help="Active subscriptions at this price.",
)
ONE_TIME_FEES = Input(
    "one_time_fees",
    "One-time and setup fees",
    Unit.MONEY,
    help="Setup, onboarding and services fees billed in the period. They are shown as excluded and never count towards MRR.",
)


def mrr_from_plans(plans: Sequence[PlanRow], one_time_fees: float = 0) -> MrrBreakdown:
    """Compute MRR and ARR from a mix of monthly, quarterly and annual plans.

    Parameters:
        plans: a sequence of `PlanRow`, one per price point. It may be empty.
        one_time_fees: setup, onboarding and other one-time fees of the
            period, in currency units, at least 0. They come back as
            ``excluded_one_time_fees`` so that a page can show they were
            left out, and never enter MRR or ARR.

    Formula, for each row:
        row MRR = price × (1 − discount / 100) ÷ months per billing period × subscriptions
    where a billing period is 1, 3 or 12 months (`Period.MONTH`,
    `Period.QUARTER`, `Period.YEAR`). MRR is the sum of the rows and ARR is
    MRR × 12. A 100% discount or zero subscriptions make a row's MRR 0, and
    an empty sequence makes MRR 0.

    The discount counts as lasting for the life of the subscription. A
    promotion that ends, such as three months at half price, leaves MRR at
    the list price, so enter such rows with a discount of 0. Stripe Billing
    documents the same rule for its coupons: a coupon that lasts forever
    lowers MRR, and one of limited duration does not.

    Errors name the row by its position from 0, as in ``plans[2].price``.

    Example: 100 subscriptions at $100 a month, 50 at $600 a year, and
    $2,000 of setup fees.

    >>> plans = [PlanRow(Period.MONTH, 100, subscriptions=100), PlanRow(Period.YEAR, 600, subscriptions=50)]
    >>> mrr_from_plans(plans, one_time_fees=2_000)
    MrrBreakdown(mrr=12500.0, arr=150000.0, plan_mrr=(10000.0, 2500.0), excluded_one_time_fees=2000.0)

    Each annual subscription counts as $50 a month, and the $2,000 of setup
    fees add nothing to the $12,500 of MRR.
    """
    if isinstance(plans, (str, bytes)) or not isinstance(plans, Sequence):
        raise InvalidInputError("plans", plans, "a list of PlanRow")
    fees = ONE_TIME_FEES.check(one_time_fees)

    amounts = tuple(_plan_row_mrr(index, row) for index, row in enumerate(plans))

    mrr = math.fsum(amounts)
    return MrrBreakdown(mrr=mrr, arr=mrr * 12, plan_mrr=amounts, excluded_one_time_fees=fees)


def _plan_row_mrr(index: int, row: object) -> float:
    """Validate one plan row and compute its MRR. Errors name the row ``plans[index]``."""
    prefix = f"plans[{index}]"
    if not isinstance(row, PlanRow):
        raise InvalidInputError(prefix, row, "a PlanRow")
    if not isinstance(row.period, Period):
        raise InvalidInputError(f"{prefix}.period", row.period, "Period.MONTH, Period.QUARTER or Period.YEAR")

    price = replace(PLAN_PRICE, name=f"{prefix}.price").check(row.price)
    discount = replace(PLAN_DISCOUNT, name=f"{prefix}.discount").check(row.discount)
    subscriptions = replace(PLAN_SUBSCRIPTIONS, name=f"{prefix}.subscriptions").check(row.subscriptions)

    # One division at the end rounds correctly far more often than going
    # through 1 − discount / 100: 9.99 at 5% off is 9.4905 this way and
    # 9.490499999999999 the other.
    return price * (100 - discount) * subscriptions / (100 * row.period.value)


# ---- Churn-rate conventions --------------------------------------------------


@dataclass(frozen=True)
class ChurnRateConventions:
    """One period's customer churn rate under four conventions, in percent.

    ``customers_at_end`` is the customer count the average-customers rate
    uses: customers at start + new customers − customers lost.
    """

    start_of_period: float
    start_plus_new: float
    excluding_new: float
    average_customers: float
    customers_at_end: int


NEW_CUSTOMERS_IN_PERIOD = replace(
    NEW_CUSTOMERS,
    minimum=0,
    help="Customers who joined during the period, 0 if none.",
)
ALL_CUSTOMERS_LOST = replace(
    CUSTOMERS_LOST,
    help="Every customer who cancelled or did not renew during the period, including any who joined during it.",
)
NEW_CUSTOMERS_LOST = Input(
    "new_customers_lost",
    "New customers lost in the same period",
    Unit.COUNT,
    help="Of the customers lost, how many had joined during the period.",
)


def churn_rate_conventions(
    customers_at_start: int,
    new_customers: int,
    customers_lost: int,
    new_customers_lost: int,
) -> ChurnRateConventions:
    """Compute one period's customer churn rate under four conventions, side by side.

    Parameters, all whole numbers of customers:
        customers_at_start: S, paying customers on the first day, at least 1.
        new_customers: N, customers who joined during the period, at least 0.
        customers_lost: L, every customer who left during the period,
            including those who had joined during it.
        new_customers_lost: L_new, how many of the L had joined during the
            period, no more than N and no more than L.
    L − L_new, the customers lost who were there at the start, cannot
    exceed S.

    Formulas, each × 100, with E = S + N − L the customers at the end:
        start_of_period = L ÷ S
        start_plus_new = L ÷ (S + N)
        excluding_new = (L − L_new) ÷ S
        average_customers = L ÷ ((S + E) ÷ 2)

    Every denominator is at least 1. With no new customers, the first three
    rates are equal. With slow growth and short periods, all four agree
    within a fraction of a point, and they drift apart as N and L grow
    relative to S.

    Notes, who uses each convention and when it misleads:

    start_of_period is the most common definition and the one this site's
    churn rate calculator (`calc.metrics.churn_rate`) uses. It misleads when many customers join and
    leave within the period: they are in the numerator but not in the
    denominator, so the rate overstates churn and can pass 100%.

    start_plus_new divides by every customer served during the period, as in
    a question about monthly churn targets on the Free Math Help forum that
    calls S + N "customers serviced". It misleads in fast growth: a customer who joined on the last
    day could hardly leave but still enlarges the denominator, so acquiring
    more customers alone lowers the rate.

    excluding_new measures only the customers present at the start, so it is
    a clean cohort rate from 0 to 100. ProfitWell uses it: its help article
    on first-month cancellations states that a subscriber who joins and cancels in
    the same month is deducted from new revenue and never counted as churn.
    It misleads by hiding early churn, which is often the first sign of an
    onboarding problem. Baremetrics moved the other way, and its changelog
    announces that sign-ups cancelled within the same 30-day window now
    count as churn.

    average_customers divides by the average of the start and end counts.
    Telecom operators report churn against their average customer base,
    Telkom's 2010 annual report among them (as quoted on the MyBroadband
    forum). It assumes that customers joined and left evenly through the
    period, so it misleads under fast growth, when most sign-ups arrive
    late, and under heavy losses, when E is small and the rate can pass 100%.

    Example: a month starts with 1,000 customers and gains 200. Of the 80
    customers who leave, 20 had joined that month.

    >>> rates = churn_rate_conventions(1000, 200, 80, 20)
    >>> rates.start_of_period, rates.excluding_new
    (8.0, 6.0)
    >>> round(rates.start_plus_new, 2), round(rates.average_customers, 2)
    (6.67, 7.55)

    The same month reads as anything from 6% to 8% churn, so compare rates
    only within one convention.
    """
    start = CUSTOMERS_AT_START.check(customers_at_start)
    new = NEW_CUSTOMERS_IN_PERIOD.check(new_customers)
    lost = ALL_CUSTOMERS_LOST.check(customers_lost)
    new_lost = NEW_CUSTOMERS_LOST.check(new_customers_lost)

    if new_lost > new:
        raise InvalidInputError(
            NEW_CUSTOMERS_LOST.name,
            new_customers_lost,
            f"no more than the new customers ({format_value(new, Unit.COUNT)})",
        )
    if new_lost > lost:
        raise InvalidInputError(
            NEW_CUSTOMERS_LOST.name,
            new_customers_lost,
            f"no more than the customers lost ({format_value(lost, Unit.COUNT)})",
        )
    if lost - new_lost > start:
        raise InvalidInputError(
            ALL_CUSTOMERS_LOST.name,
            customers_lost,
            f"no more than the customers at start plus the new customers lost ({format_value(start + new_lost, Unit.COUNT)})",
        )

    # The checks above make L ≤ S + N, so the end count is at least 0.
    end = start + new - lost
    return ChurnRateConventions(
        start_of_period=lost * 100 / start,
        start_plus_new=lost * 100 / (start + new),
        excluding_new=(lost - new_lost) * 100 / start,
        average_customers=lost * 200 / (start + end),
        customers_at_end=end,
    )


# ---- Customer lifetime value -------------------------------------------------


@dataclass(frozen=True)
class LifetimeValue:
    """Customer lifetime value (LTV) or the flag that it is unbounded, plus the value over a fixed horizon.

    ``ltv`` is the expected gross profit of one account in currency units
    and ``lifetime_months`` its expected lifetime. Both are None exactly when
    ``unbounded`` is True, which happens at zero churn. ``horizon_value`` is
    the expected gross profit over the first ``horizon_months`` months and
    is finite in every case.
    """

    ltv: float | None
    unbounded: bool
    lifetime_months: float | None
    horizon_months: int
    horizon_value: float


DEFAULT_HORIZON_MONTHS = 36

HORIZON_MONTHS = Input(
    "horizon_months",
    "Horizon in months",
    Unit.COUNT,
    minimum=1,
    maximum=1200,
    help="Number of months over which to add up the expected gross profit of an account.",
)


def lifetime_value(
    arpa: float,
    gross_margin: float,
    monthly_churn_rate: float,
    horizon_months: int = DEFAULT_HORIZON_MONTHS,
) -> LifetimeValue:
    """Compute customer lifetime value (LTV) from ARPA, gross margin and monthly churn.

    Parameters:
        arpa: average recurring revenue per account per month, in currency
            units, at least 0.
        gross_margin: gross margin in percent, from 0 to 100.
        monthly_churn_rate: share of accounts lost per month, in percent:
            0, or from 0.0001 to 100.
        horizon_months: months for ``horizon_value``, a whole number from 1
            to 1,200, by default 36. See `horizon_value`.

    Formulas, with margin and churn as fractions:
        LTV = ARPA × margin ÷ churn
        expected lifetime = 1 ÷ churn, in months

    Zero churn has no finite lifetime. The result then has ``ltv=None``,
    ``lifetime_months=None`` and ``unbounded=True``, and ``horizon_value``
    is the figure to report. This function never substitutes a churn rate,
    although some tools do: Stripe Billing's support article on subscriber
    lifetime value states that it assumes a 60-month lifetime when no subscriber
    churned. A 100% churn rate gives one month of gross profit, and zero
    ARPA or zero margin gives an LTV of 0.

    This is the simple, undiscounted LTV. It assumes constant churn and
    constant ARPA, so it ignores expansion, contraction and the time value
    of money. It uses gross margin rather than revenue, because only gross
    profit can pay back CAC. With revenue instead (margin 100%), the same
    formula overstates what an account is worth.

    Example: ARPA $100, gross margin 80%, 5% monthly churn.

    >>> value = lifetime_value(100, 80, 5)
    >>> value.ltv, value.lifetime_months
    (1600.0, 20.0)
    >>> round(value.horizon_value, 2)
    1347.55

    An account stays 20 months on average and brings $1,600 of gross profit,
    $1,347.55 of it within the first three years.
    """
    monthly_profit = _monthly_gross_profit(arpa, gross_margin)
    churn = _check_monthly_churn_rate(monthly_churn_rate)
    horizon = HORIZON_MONTHS.check(horizon_months)

    within_horizon = _expected_value_within(monthly_profit, churn, horizon)
    if churn == 0:
        return LifetimeValue(
            ltv=None,
            unbounded=True,
            lifetime_months=None,
            horizon_months=horizon,
            horizon_value=within_horizon,
        )

    return LifetimeValue(
        ltv=monthly_profit * 100 / churn,
        unbounded=False,
        lifetime_months=100 / churn,
        horizon_months=horizon,
        horizon_value=within_horizon,
    )


def horizon_value(arpa: float, gross_margin: float, monthly_churn_rate: float, horizon_months: int) -> float:
    """Compute the expected gross profit of one account over its first months.

    Parameters:
        arpa: average recurring revenue per account per month, in currency
            units, at least 0.
        gross_margin: gross margin in percent, from 0 to 100.
        monthly_churn_rate: share of accounts lost per month, in percent:
            0, or from 0.0001 to 100.
        horizon_months: H, the number of months, a whole number from 1 to
            1,200.

    Formula, with margin and churn c as fractions:
        value = ARPA × margin × Σ (1 − c)^m, summed over m = 0 … H − 1
    This is the undiscounted expected value with a monthly retention of
    1 − c. A new account pays for its first month and is still paying in
    month m + 1 with probability (1 − c)^m. At zero churn the value is
    ARPA × margin × H, and at 100% churn it is one month, ARPA × margin. As
    H grows, the value rises towards LTV = ARPA × margin ÷ c and stays
    below it for any churn above 0.

    Example: ARPA $100, gross margin 80%, 5% monthly churn, over 36 months.

    >>> round(horizon_value(100, 80, 5, 36), 2)
    1347.55

    An account brings $1,347.55 of gross profit in its first three years,
    about 84% of its $1,600 lifetime value.
    """
    monthly_profit = _monthly_gross_profit(arpa, gross_margin)
    churn = _check_monthly_churn_rate(monthly_churn_rate)
    horizon = HORIZON_MONTHS.check(horizon_months)
    return _expected_value_within(monthly_profit, churn, horizon)


def _monthly_gross_profit(arpa: object, gross_margin: object) -> float:
    """Validate ARPA and gross margin, and return ARPA × margin in currency units."""
    revenue = ARPA.check(arpa)
    margin = GROSS_MARGIN.check(gross_margin)
    return revenue * margin / 100


def _check_monthly_churn_rate(value: object) -> float:
    """Validate a monthly churn rate: 0, or from MIN_POSITIVE_CHURN_RATE to 100 percent."""
    churn = MONTHLY_CHURN_RATE.check(value)
    if 0 < churn < MIN_POSITIVE_CHURN_RATE:
        raise InvalidInputError(
            MONTHLY_CHURN_RATE.name,
            value,
            f"0 for no churn, or a number from {MIN_POSITIVE_CHURN_RATE} to 100",
        )
    return churn


def _expected_value_within(monthly_profit: float, churn: float, horizon: int) -> float:
    """Sum the expected monthly gross profit over ``horizon`` months at ``churn`` percent."""
    retention = 1 - churn / 100
    return monthly_profit * math.fsum(retention**month for month in range(horizon))


# ---- LTV:CAC ratio -----------------------------------------------------------

# The common rule of thumb: an account should bring in at least three times
# what it cost to win. It is context for the reader, not a verdict.
LTV_TO_CAC_BENCHMARK = 3.0


@dataclass(frozen=True)
class LtvToCac:
    """LTV divided by CAC, with the common benchmark beside it for context."""

    ratio: float
    benchmark: float = LTV_TO_CAC_BENCHMARK


LTV = Input(
    "ltv",
    "Customer lifetime value (LTV)",
    Unit.MONEY,
    help="Gross profit expected from one account over its lifetime.",
)


def ltv_to_cac(ltv: float, cac: float) -> LtvToCac:
    """Compute the LTV:CAC ratio.

    Parameters:
        ltv: customer lifetime value in currency units, at least 0, as
            gross profit (see `lifetime_value`). An unbounded LTV has no
            ratio, so pass a horizon value instead and label it as such.
        cac: customer acquisition cost in currency units, at least 0.01,
            because the ratio divides by it.

    Formula: ``ltv / cac``, the gross profit an account returns for each
    unit of currency spent winning it. It is 0 when LTV is 0.

    ``benchmark`` is the widely quoted rule that a ratio of 3 or more is
    healthy. It is returned for context only, and the result states no
    verdict, because a good ratio depends on the payback time (see
    `cac_payback`), the margin behind the LTV and the stage of the company.
    A ratio far above 3 can also mean too little spending on growth.

    Example: LTV $1,600 and CAC $400.

    >>> ltv_to_cac(1_600, 400)
    LtvToCac(ratio=4.0, benchmark=3.0)

    Each dollar spent winning an account comes back as $4 of gross profit
    over the account's lifetime.
    """
    value = LTV.check(ltv)
    cost = CAC.check(cac)
    if cost < MIN_DIVISOR:
        raise InvalidInputError(CAC.name, cac, "at least 0.01, because LTV:CAC divides by it")

    return LtvToCac(ratio=value / cost)


# ---- CAC payback period ------------------------------------------------------


def cac_payback(cac: float, arpa: float, gross_margin: float) -> float:
    """Compute the CAC payback period, in months.

    Parameters:
        cac: customer acquisition cost in currency units, at least 0.
        arpa: average recurring revenue per account per month, in currency
            units, at least 0.01.
        gross_margin: gross margin in percent, from 0.01 to 100.

    Formula: ``cac / (arpa × gross_margin / 100)``, the months of gross
    profit a new account needs to repay what it cost to win. A CAC of 0 pays
    back in 0 months. With zero ARPA or zero margin, CAC is never paid back,
    so those raise `InvalidInputError` naming the field, never infinity.

    This simple payback ignores churn: it assumes the account stays until
    its CAC is repaid. Compare it with the expected lifetime from
    `lifetime_value`, because an account that leaves on average before the
    payback month never repays its CAC. Payback on revenue instead of gross
    profit (margin 100%) comes out shorter than the cash really takes.

    Example: CAC $1,500, ARPA $125 and gross margin 80%.

    >>> cac_payback(1_500, 125, 80)
    15.0

    At $100 of gross profit a month, a new account takes 15 months to repay
    the $1,500 spent winning it.
    """
    cost = CAC.check(cac)
    revenue = ARPA.check(arpa)
    margin = GROSS_MARGIN.check(gross_margin)

    if revenue < MIN_DIVISOR:
        raise InvalidInputError(ARPA.name, arpa, "at least 0.01, because without revenue CAC is never paid back")
    if margin < MIN_DIVISOR:
        raise InvalidInputError(
            GROSS_MARGIN.name, gross_margin, "at least 0.01, because without gross profit CAC is never paid back"
        )

    return cost * 100 / (revenue * margin)


# ---- Blended and paid CAC ----------------------------------------------------


@dataclass(frozen=True)
class BlendedPaidCac:
    """Blended CAC over all new customers and paid CAC over paid-channel customers.

    Both are in currency units per customer. ``paid`` is None when no paid
    channel ran: no paid-channel costs and no paid-channel customers.
    """

    blended: float
    paid: float | None


PAID_ACQUISITION_COSTS = Input(
    "paid_acquisition_costs",
    "Paid-channel costs",
    Unit.MONEY,
    help="The part of the sales and marketing costs spent on paid channels: ads, paid search, sponsorships, affiliates.",
)
PAID_CUSTOMERS = Input(
    "paid_customers",
    "New customers from paid channels",
    Unit.COUNT,
    help="New customers that your attribution credits to paid channels.",
)
ORGANIC_CUSTOMERS = Input(
    "organic_customers",
    "New customers from other channels",
    Unit.COUNT,
    help="New customers from organic search, referrals, word of mouth and every other channel.",
)


def blended_and_paid_cac(
    acquisition_costs: float,
    paid_acquisition_costs: float,
    paid_customers: int,
    organic_customers: int,
) -> BlendedPaidCac:
    """Compute blended CAC and paid CAC for one period.

    Parameters:
        acquisition_costs: total sales and marketing costs of the period, in
            currency units, at least 0.
        paid_acquisition_costs: the part spent on paid channels, from 0 to
            ``acquisition_costs``.
        paid_customers: new customers credited to paid channels, a whole
            number of at least 0.
        organic_customers: new customers from every other channel, a whole
            number of at least 0. Together with ``paid_customers`` there
            must be at least one new customer.

    Formulas:
        blended = acquisition_costs ÷ (paid_customers + organic_customers)
        paid = paid_acquisition_costs ÷ paid_customers

    Blended CAC is `calc.metrics.cac` with every new customer counted.

    Edge cases:
        - No new customers at all raises `InvalidInputError` naming
          ``organic_customers``, because blended CAC has no denominator.
        - Paid-channel costs above 0 with no paid customers raise
          `InvalidInputError` naming ``paid_customers``: money was spent and
          nothing was won, so paid CAC has no finite value.
        - No paid costs and no paid customers give ``paid=None``, because no
          paid channel ran.
        - Paid customers with no paid costs give a paid CAC of 0. That
          usually means the spend was booked outside the paid channels.
        - Zero total costs give a blended CAC of 0.

    Paid CAC is usually the higher of the two, because organic customers
    lower the blended figure at little cost. It is not always higher: when
    content, salaries and tools outside the paid channels cost more per
    organic customer than ads cost per paid one, blended CAC is higher. The
    paid figure also inherits every error of channel attribution, and the
    blended one needs none.

    Example: $10,000 of sales and marketing costs, $6,000 of it on paid
    channels. Paid channels bring 40 new customers and the rest bring 60.

    >>> blended_and_paid_cac(10_000, 6_000, 40, 60)
    BlendedPaidCac(blended=100.0, paid=150.0)

    A customer from paid channels cost $150, and organic sign-ups bring the
    average across all new customers down to $100.
    """
    total_costs = ACQUISITION_COSTS.check(acquisition_costs)
    paid_costs = PAID_ACQUISITION_COSTS.check(paid_acquisition_costs)
    paid = PAID_CUSTOMERS.check(paid_customers)
    organic = ORGANIC_CUSTOMERS.check(organic_customers)

    if paid_costs > total_costs:
        raise InvalidInputError(
            PAID_ACQUISITION_COSTS.name,
            paid_acquisition_costs,
            f"no more than the total acquisition costs ({format_value(total_costs, Unit.MONEY)})",
        )
    if paid == 0 and paid_costs > 0:
        raise InvalidInputError(
            PAID_CUSTOMERS.name,
            paid_customers,
            f"at least 1 when paid-channel costs are above 0 ({format_value(paid_costs, Unit.MONEY)}), "
            "because paid CAC divides those costs by paid customers",
        )
    if paid + organic == 0:
        raise InvalidInputError(
            ORGANIC_CUSTOMERS.name,
            organic_customers,
            "at least 1 when there are no paid customers, because blended CAC divides by all new customers",
        )

    paid_cac = paid_costs / paid if paid > 0 else None
    return BlendedPaidCac(blended=total_costs / (paid + organic), paid=paid_cac)


# ---- SaaS quick ratio --------------------------------------------------------

# The common rule of thumb for a growing SaaS business: more than $4 of MRR
# gained for each $1 lost. It is context for the reader, not a verdict.
QUICK_RATIO_BENCHMARK = 4.0


@dataclass(frozen=True)
class QuickRatio:
    """SaaS quick ratio, the MRR gained per unit of MRR lost, with the common benchmark.

    ``ratio`` is None when no MRR was lost. ``unbounded`` then separates the
    two cases: True when MRR was gained and nothing lost, False when nothing
    moved at all. ``net_new_revenue`` is MRR gained minus MRR lost, in
    currency units, and is defined in every case.
    """

    ratio: float | None
    unbounded: bool
    net_new_revenue: float
    benchmark: float = QUICK_RATIO_BENCHMARK


NEW_REVENUE = Input(
    "new_revenue",
    "New MRR",
    Unit.MONEY,
    help="MRR from customers won during the period.",
)


def quick_ratio(
    new_revenue: float,
    expansion_revenue: float,
    churned_revenue: float,
    contraction_revenue: float,
) -> QuickRatio:
    """Compute the SaaS quick ratio of one period.

    Parameters, all MRR of the same period, in currency units per month,
    each at least 0:
        new_revenue: MRR from customers won during the period.
        expansion_revenue: MRR that existing customers added.
        churned_revenue: MRR that customers who left took with them.
        contraction_revenue: MRR that customers who stayed took away by
            downgrading.
    Churned plus contraction MRR must be 0 or at least 0.01.

    Formula:
        quick ratio = (new + expansion) ÷ (churned + contraction)
        net new MRR = (new + expansion) − (churned + contraction)

    With no MRR lost the ratio has no finite value, so it is None rather
    than infinity, with ``unbounded=True`` if any MRR was gained. When
    nothing was gained or lost the ratio is None with ``unbounded=False``.
    Returning 0 instead, as some calculators do, would read as the worst
    possible ratio.

    ``benchmark`` is the widely quoted rule that a ratio above 4 marks
    efficient growth. It is returned for context only, with no verdict,
    because the ratio ignores size: a ratio of 8 on $100 of
    gains can matter less than a ratio of 2 on $1,000,000. The SaaS quick
    ratio is unrelated to the accounting quick ratio, which is liquid assets
    divided by current liabilities.

    Example: $35,000 of new MRR and $5,000 of expansion, against $6,000 of
    churned MRR and $2,000 of contraction.

    >>> quick_ratio(35_000, 5_000, 6_000, 2_000)
    QuickRatio(ratio=5.0, unbounded=False, net_new_revenue=32000.0, benchmark=4.0)

    The business added $5 of MRR for each $1 it lost, above the common
    benchmark of 4.
    """
    new = NEW_REVENUE.check(new_revenue)
    expansion = EXPANSION_REVENUE.check(expansion_revenue)
    churned = CHURNED_REVENUE.check(churned_revenue)
    contraction = CONTRACTION_REVENUE.check(contraction_revenue)

    gained = new + expansion
    lost = churned + contraction
    if 0 < lost < MIN_DIVISOR:
        raise InvalidInputError(
            CHURNED_REVENUE.name,
            churned_revenue,
            f"0, or at least 0.01 together with contraction revenue ({contraction!r}), "
            "because the quick ratio divides by their sum",
        )

    if lost == 0:
        return QuickRatio(ratio=None, unbounded=gained > 0, net_new_revenue=gained)
    return QuickRatio(ratio=gained / lost, unbounded=False, net_new_revenue=gained - lost)
