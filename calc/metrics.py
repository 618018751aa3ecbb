"""The metric formulas. Every function validates its arguments first.

Each function raises `InvalidInputError` (a `ValueError`) for any argument
that is not a finite number within its documented bounds, so no function
returns NaN or infinity and none raises `ZeroDivisionError`.
"""

import enum
from fractions import Fraction
from dataclasses import dataclass

from .errors import InvalidInputError
from .formatting import format_value
from .inputs import Input, Unit

__all__ = ["Period", "RevenueRetention", "arr", "cac", "churn_rate", "convert_churn_rate", "revenue_retention"]


# ---- Inputs shared by the functions and the calculator descriptions --------

CUSTOMERS_AT_START = Input(
    "customers_at_start",
    "Customers at start of period",
    Unit.COUNT,
    minimum=1,
    help="Paying customers on the first day of the period.",
)
CUSTOMERS_LOST = Input(
    "customers_lost",
    "Customers lost during period",
    Unit.COUNT,
    help="Of those customers, how many cancelled or did not renew.",
)
ACQUISITION_COSTS = Input(
    "acquisition_costs",
    "Sales and marketing costs",
    Unit.MONEY,
    help="Everything spent to win customers in the period: ads, campaigns, sales pay and commissions, tools.",
)
NEW_CUSTOMERS = Input(
    "new_customers",
    "New customers acquired",
    Unit.COUNT,
    minimum=1,
    help="Customers won in the same period.",
)
STARTING_REVENUE = Input(
    "starting_revenue",
    "Starting recurring revenue",
    Unit.MONEY,
    minimum=0.01,
    help="Recurring revenue from existing customers at the start of the period.",
)
EXPANSION_REVENUE = Input(
    "expansion_revenue",
    "Expansion revenue",
    Unit.MONEY,
    help="Revenue those customers added through upsells, cross-sells and price rises.",
)
CONTRACTION_REVENUE = Input(
    "contraction_revenue",
    "Contraction revenue",
    Unit.MONEY,
    help="Revenue lost to downgrades by customers who stayed.",
)
CHURNED_REVENUE = Input(
    "churned_revenue",
    "Churned revenue",
    Unit.MONEY,
    help="Revenue lost from customers who left.",
)
MRR = Input(
    "mrr",
    "Monthly recurring revenue (MRR)",
    Unit.MONEY,
    help="Subscription revenue for one month, without one-time or setup fees.",
)


# ---- Customer churn ---------------------------------------------------------


def churn_rate(customers_at_start: int, customers_lost: int) -> float:
    """Compute the customer churn rate of a period, in percent.

    Parameters:
        customers_at_start: paying customers on the first day of the period,
            a whole number of at least 1.
        customers_lost: how many of those customers left during the period,
            a whole number from 0 to ``customers_at_start``.

    Formula: ``customers_lost / customers_at_start × 100``. The result runs
    from 0 (nobody left) to 100 (everybody left). Customers gained during the
    period are not in the denominator: this is the start-of-period
    convention, the most common one and the one the source FAQ teaches.

    Example: 1,000 customers at the start of a month, 50 of whom cancel.

    >>> churn_rate(1000, 50)
    5.0

    One customer in twenty left that month.
    """
    start = CUSTOMERS_AT_START.check(customers_at_start)
    lost = CUSTOMERS_LOST.check(customers_lost)
    if lost > start:
        raise InvalidInputError(
            CUSTOMERS_LOST.name,
            customers_lost,
            f"no more than the customers at start ({format_value(start, Unit.COUNT)})",
        )
    return lost * 100 / start


class Period(enum.Enum):
    """A reporting period, valued by its length in months."""

    MONTH = 1
    QUARTER = 3
    YEAR = 12

    @property
    def noun(self) -> str:
        """The period as a noun: month, quarter, year."""
        return {Period.MONTH: "month", Period.QUARTER: "quarter", Period.YEAR: "year"}[self]

    @property
    def adjective(self) -> str:
        """The period as used before "churn": monthly, quarterly, annual."""
        return {Period.MONTH: "monthly", Period.QUARTER: "quarterly", Period.YEAR: "annual"}[self]


CHURN_RATE = Input(
    "churn_rate",
    "Churn rate",
    Unit.PERCENT,
    maximum=100,
    help="The share of customers lost in one period, in percent.",
)


def convert_churn_rate(rate: float, from_period: Period, to_period: Period) -> float:
    """Convert a churn rate from one period length to another, compounded.

    Parameters:
        rate: churn rate over ``from_period``, in percent, from 0 to 100.
        from_period, to_period: `Period` members.

    Formula: the share retained compounds, so with ``n`` = length of
    ``to_period`` ÷ length of ``from_period``:
    ``converted = (1 − (1 − rate/100) ** n) × 100``. Multiplying the rate by
    ``n`` instead overstates it, and passes 100% for monthly rates above
    8.3% converted to a year. A rate of 100 stays 100 and 0 stays 0.

    Example: a 5% monthly churn rate, as a year.

    >>> round(convert_churn_rate(5, Period.MONTH, Period.YEAR), 1)
    46.0

    Losing one customer in twenty each month loses nearly half of them in a
    year, not 60%.
    """
    checked = CHURN_RATE.check(rate)
    if not isinstance(from_period, Period) or not isinstance(to_period, Period):
        raise ValueError(f"periods must be Period members; got {from_period!r} and {to_period!r}")
    retained = (1 - checked / 100) ** (to_period.value / from_period.value)
    return (1 - retained) * 100


# ---- Customer acquisition cost ----------------------------------------------


def cac(acquisition_costs: float, new_customers: int) -> float:
    """Compute the blended customer acquisition cost (CAC) of a period.

    Parameters:
        acquisition_costs: total sales and marketing spend in the period, in
            currency units, at least 0.
        new_customers: customers acquired in the same period, a whole number
            of at least 1.

    Formula: ``acquisition_costs / new_customers``, in currency units per
    customer. "Blended" means every customer counts, whether paid channels
    or word of mouth brought them in; paid CAC divides only paid-channel
    spend by paid-channel customers, and can be higher or lower.

    Example: $10,000 spent on sales and marketing in a month that brings in
    100 new customers.

    >>> cac(10_000, 100)
    100.0

    Each new customer cost $100 to win.
    """
    costs = ACQUISITION_COSTS.check(acquisition_costs)
    customers = NEW_CUSTOMERS.check(new_customers)
    return costs / customers


# ---- Revenue retention ------------------------------------------------------


@dataclass(frozen=True)
class RevenueRetention:
    """Gross and net revenue retention of one cohort, both in percent."""

    grr: float
    nrr: float


def revenue_retention(
    starting_revenue: float,
    expansion_revenue: float,
    contraction_revenue: float,
    churned_revenue: float,
) -> RevenueRetention:
    """Compute gross (GRR) and net (NRR) revenue retention, in percent.

    Parameters, all recurring revenue from the customers who were paying at
    the start of the period, in currency units:
        starting_revenue: their revenue at the start, more than 0.
        expansion_revenue: what they added (upsells, cross-sells, price
            rises), at least 0.
        contraction_revenue: what customers who stayed took away by
            downgrading, at least 0.
        churned_revenue: what customers who left took with them, at least 0.

    Formulas:
        GRR = (starting − contraction − churned) / starting × 100
        NRR = (starting + expansion − contraction − churned) / starting × 100

    GRR ignores expansion, so it runs from 0 to 100: it measures only how
    much revenue was kept. NRR adds expansion back and can exceed 100.
    Revenue from customers acquired during the period is in neither.
    Contraction plus churn cannot exceed the starting revenue, because a
    cohort cannot lose more than it had.

    Some sources call ending revenue ÷ starting revenue "GRR" and let it pass
    100%; that ratio counts expansion, so it is NRR.

    Example: $1,000,000 at the start of a quarter; the same customers end it
    at $1,200,000, all of the growth from expansion and nothing lost.

    >>> revenue_retention(1_000_000, 200_000, 0, 0)
    RevenueRetention(grr=100.0, nrr=120.0)

    The cohort kept every dollar (GRR 100%) and grew by a fifth (NRR 120%).
    """
    start = STARTING_REVENUE.check(starting_revenue)
    expansion = EXPANSION_REVENUE.check(expansion_revenue)
    contraction = CONTRACTION_REVENUE.check(contraction_revenue)
    churned = CHURNED_REVENUE.check(churned_revenue)

    # Exact decimal arithmetic on the amounts as written (the shortest repr of
    # each float): binary float sums would reject $0.10 + $0.20 of $0.30 and
    # could put GRR a hair outside 0 to 100.
    start, expansion, contraction, churned = (Fraction(repr(v)) for v in (start, expansion, contraction, churned))
    if contraction + churned > start:
        raise InvalidInputError(
            CHURNED_REVENUE.name,
            churned_revenue,
            f"no more than the starting revenue minus contraction ({format_value(float(start - contraction), Unit.MONEY)})",
        )

    kept = start - contraction - churned
    return RevenueRetention(
        grr=float(kept * 100 / start),
        nrr=float((kept + expansion) * 100 / start),
    )


# ---- Annual recurring revenue -----------------------------------------------


def arr(mrr: float) -> float:
    """Compute annual recurring revenue (ARR) from monthly recurring revenue.

    Parameters:
        mrr: monthly recurring revenue in currency units, at least 0. Count
            subscriptions only: one-time, setup and services fees are not
            recurring and stay out of both MRR and ARR.

    Formula: ``mrr × 12``. Summing the ARR of each customer or segment gives
    the same total as annualising the total MRR.

    Example: a business whose subscriptions bring in $10,000 a month.

    >>> arr(10_000)
    120000.0

    At today's subscriptions, a year brings in $120,000 of recurring revenue.
    """
    return MRR.check(mrr) * 12
