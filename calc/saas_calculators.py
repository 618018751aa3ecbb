"""Calculator descriptions for the SaaS metrics in `calc.saas` and churn-rate conversion.

Each `Calculator` here opens on the worked example that the metric's page
and the tests cite. The sentences state benchmarks (LTV:CAC of 3:1, a
quick ratio of 4) as context, never as a verdict. A result without a finite
value, such as LTV at zero churn or a quick ratio with no MRR lost, is
given as words, never as "inf" or "nan".
"""

import math
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from . import saas
from .charts import cumulative_profit_svg, revenue_waterfall_svg
from .descriptions import Calculator, Choice, Explanation
from .errors import InvalidInputError
from .formatting import format_months, format_ratio, format_value
from .inputs import Result, Unit
from .metrics import (
    ACQUISITION_COSTS,
    CHURN_RATE,
    CHURNED_REVENUE,
    CONTRACTION_REVENUE,
    CUSTOMERS_AT_START,
    EXPANSION_REVENUE,
    STARTING_REVENUE,
    Period,
    convert_churn_rate,
)

__all__ = ["PLAN_ROWS", "SAAS_CALCULATORS"]

# Above this monthly churn rate the period is more likely wrong than the rate.
SUSPICIOUS_MONTHLY_CHURN = 30.0

# Above this LTV:CAC ratio, LTV or CAC is more likely mis-measured than that good.
SUSPICIOUS_LTV_TO_CAC = 10.0

# Above this quick ratio, losses are more likely missing than that small.
SUSPICIOUS_QUICK_RATIO = 100.0

# A CAC payback beyond five years usually means CAC is a period total, not per customer.
SUSPICIOUS_PAYBACK_MONTHS = 60.0

# Plan rows in the MRR form. Links name rows by number, so never lower this.
PLAN_ROWS = 4

PERIOD_OPTIONS = (("monthly", "Monthly"), ("quarterly", "Quarterly"), ("annual", "Annual"))
_PERIODS = {"monthly": Period.MONTH, "quarterly": Period.QUARTER, "annual": Period.YEAR}


def _money(value: float) -> str:
    return format_value(value, Unit.MONEY)


def _percent(value: float) -> str:
    return format_value(value, Unit.PERCENT)


def _count(value: float) -> str:
    return format_value(value, Unit.COUNT)


def _fraction(percent: float) -> str:
    """Write a percentage as the decimal fraction it stands for: 5 → 0.05."""
    return f"{(Decimal(repr(float(percent))) / 100).normalize():f}"


def _benchmark_relation(value: float, benchmark: float) -> str:
    """Place a ratio, as displayed to two decimals, against a benchmark: above, level with, below."""
    displayed = round(value, 2)
    if displayed > benchmark:
        return "above"
    if displayed == benchmark:
        return "level with"
    return "below"


# ---- Revenue churn -----------------------------------------------------------

STARTING_MRR = replace(
    STARTING_REVENUE,
    label="Starting MRR",
    help="MRR of the customers who were paying at the start of the period.",
)
EXPANSION_MRR = replace(
    EXPANSION_REVENUE,
    label="Expansion MRR",
    help="MRR those customers added through upgrades, add-ons and price rises.",
)
CONTRACTION_MRR = replace(
    CONTRACTION_REVENUE,
    label="Contraction MRR",
    help="MRR lost to downgrades by customers who stayed.",
)
CHURNED_MRR = replace(
    CHURNED_REVENUE,
    label="Churned MRR",
    help="MRR lost from customers who cancelled.",
)


def _explain_revenue_churn(values, numbers):
    start = _money(values["starting_revenue"])
    expansion = _money(values["expansion_revenue"])
    contraction = _money(values["contraction_revenue"])
    churned = _money(values["churned_revenue"])
    gross, net = numbers["gross_churn"], numbers["net_churn"]
    formula = (
        f"Gross = ({churned} + {contraction}) ÷ {start} × 100 = {_percent(gross)}",
        f"Net = ({churned} + {contraction} − {expansion}) ÷ {start} × 100 = {_percent(net)}",
    )

    if net > 0:
        sentence = (
            f"Your starting customers took away {_percent(gross)} of their MRR, and after expansion "
            f"the net loss was {_percent(net)}."
        )
    elif net == 0:
        sentence = f"Your starting customers took away {_percent(gross)} of their MRR, and expansion exactly made up for it."
    else:
        sentence = (
            f"Your starting customers took away {_percent(gross)} of their MRR, but expansion more than made up "
            f"for it, so the same customers now pay {_percent(-net)} more: net churn is {_percent(net)}."
        )

    warnings = []
    if values["expansion_revenue"] > values["starting_revenue"]:
        warnings.append(
            "Expansion is larger than the starting MRR, which is rare. Check that it counts only customers "
            "you had at the start, not MRR from new customers."
        )
    if gross == 100 and values["starting_revenue"] > 0:
        warnings.append(
            "Every dollar of starting MRR was lost. Check that starting MRR and the losses cover the same "
            "customers and the same period."
        )
    chart = revenue_waterfall_svg(
        "revenue-churn-chart",
        values["starting_revenue"],
        values["expansion_revenue"],
        values["contraction_revenue"],
        values["churned_revenue"],
    )
    return Explanation(formula, sentence, tuple(warnings), chart)


def _compute_revenue_churn(**values):
    churn = saas.revenue_churn(**values)
    return {"gross_churn": churn.gross, "net_churn": churn.net}


REVENUE_CHURN = Calculator(
    id="revenue_churn",
    title="Gross and net revenue churn",
    inputs=(STARTING_MRR, EXPANSION_MRR, CONTRACTION_MRR, CHURNED_MRR),
    results=(
        Result("gross_churn", "Gross revenue churn", Unit.PERCENT),
        Result("net_churn", "Net revenue churn", Unit.PERCENT),
    ),
    formula=(
        "Gross = (churned + contraction) ÷ starting MRR × 100",
        "Net = (churned + contraction − expansion) ÷ starting MRR × 100",
    ),
    # Klipfolio's Net MRR Churn Rate, example A: $50,000 of MRR, $7,000 of
    # expansion and $10,000 of cancellations.
    example={
        "starting_revenue": 50_000,
        "expansion_revenue": 7_000,
        "contraction_revenue": 0,
        "churned_revenue": 10_000,
    },
    compute=_compute_revenue_churn,
    explain=_explain_revenue_churn,
)


# ---- MRR from a plan mix -----------------------------------------------------


def _plan_fields(row: int) -> tuple[Choice, tuple]:
    """Describe the billing period choice and the three inputs of plan row ``row``, from 1."""
    group = f"plan {row}"
    period = Choice(
        f"plan{row}_period",
        "Billed every",
        (("monthly", "Month"), ("quarterly", "Quarter"), ("annual", "Year")),
        default="monthly",
        help="How often the price is billed: every month, quarter or year.",
        group=group,
    )
    inputs = (
        replace(saas.PLAN_PRICE, name=f"plan{row}_price", label="Price", optional=True, group=group,
                help="What one subscription is billed each billing period, before any discount."),
        replace(saas.PLAN_DISCOUNT, name=f"plan{row}_discount", label="Discount", optional=True, group=group,
                help="Lasting discount off the price, in percent: 0 for none. A promotion that ends counts as 0."),
        replace(saas.PLAN_SUBSCRIPTIONS, name=f"plan{row}_count", label="Subscriptions", optional=True, group=group,
                help="Active subscriptions paying this price."),
    )
    return period, inputs


_PLAN_FIELDS = [_plan_fields(row) for row in range(1, PLAN_ROWS + 1)]

ONE_TIME_FEES = replace(saas.ONE_TIME_FEES, optional=True, help=(
    "Setup, onboarding and services fees billed in the period. Shown as left out: they never count towards MRR."
))


def _filled_rows(values) -> list[int]:
    """Return the numbers of the plan rows that were filled in."""
    return [row for row in range(1, PLAN_ROWS + 1) if f"plan{row}_price" in values]


def _compute_mrr(one_time_fees=0, **values):
    rows = _filled_rows(values)
    if not rows:
        raise InvalidInputError(
            "plan1_price", "", f"filled in with {saas.PLAN_PRICE.allowed()}, because MRR needs at least one plan"
        )

    plans = [
        saas.PlanRow(
            _PERIODS[values[f"plan{row}_period"]],
            values[f"plan{row}_price"],
            values[f"plan{row}_count"],
            discount=values[f"plan{row}_discount"],
        )
        for row in rows
    ]
    breakdown = saas.mrr_from_plans(plans, one_time_fees=one_time_fees)

    numbers = {"mrr": breakdown.mrr, "arr": breakdown.arr, "excluded_fees": breakdown.excluded_one_time_fees}
    for row, amount in zip(rows, breakdown.plan_mrr, strict=True):
        numbers[f"plan{row}_mrr"] = amount
    return numbers


def _explain_mrr(values, numbers):
    rows = _filled_rows(values)
    formula = [
        f"Plan {row}: {_money(values[f'plan{row}_price'])} × (1 − {_percent(values[f'plan{row}_discount'])}) "
        f"÷ {_PERIODS[values[f'plan{row}_period']].value} × {_count(values[f'plan{row}_count'])} "
        f"= {_money(numbers[f'plan{row}_mrr'])}"
        for row in rows
    ]
    if len(rows) > 1:
        parts = " + ".join(_money(numbers[f"plan{row}_mrr"]) for row in rows)
        formula.append(f"MRR = {parts} = {_money(numbers['mrr'])}")
    else:
        formula.append(f"MRR = {_money(numbers['mrr'])}")
    formula.append(f"ARR = {_money(numbers['mrr'])} × 12 = {_money(numbers['arr'])}")

    fees = values.get("one_time_fees", 0)
    sentence = f"Your plans bring in {_money(numbers['mrr'])} of recurring revenue a month, which is {_money(numbers['arr'])} a year"
    if fees > 0:
        sentence += f", and the {_money(fees)} of one-time fees stays out because it does not repeat."
    else:
        sentence += "."

    warnings = []
    seen = {}
    for row in rows:
        key = (values[f"plan{row}_period"], values[f"plan{row}_price"], values[f"plan{row}_discount"])
        if key in seen:
            warnings.append(
                f"Plans {seen[key]} and {row} have the same billing period, price and discount. If they are "
                f"the same plan, put all its subscriptions in one row, or they are counted twice."
            )
        seen.setdefault(key, row)
    for row in rows:
        if values[f"plan{row}_discount"] == 100 and values[f"plan{row}_count"] > 0:
            warnings.append(
                f"Plan {row} has a 100% discount, so it adds nothing to MRR. Check the discount if those "
                f"customers pay: a discount that ends after a while counts as 0."
            )
    return Explanation(tuple(formula), sentence, tuple(warnings))


MRR = Calculator(
    id="mrr",
    title="MRR and ARR from your plans",
    inputs=(*(spec for _, inputs in _PLAN_FIELDS for spec in inputs), ONE_TIME_FEES),
    results=(
        Result("mrr", "MRR", Unit.MONEY),
        Result("arr", "ARR", Unit.MONEY),
        Result("excluded_fees", "One-time and setup fees", Unit.MONEY, primary=False),
    ),
    formula=(
        "Plan MRR = price × (1 − discount) ÷ months in the billing period × subscriptions",
        "MRR = the sum of the plans' MRR, and ARR = MRR × 12",
        "One-time and setup fees count in neither",
    ),
    # Stripe's Billing metric definitions: 100 subscriptions at $100 a month
    # and 50 at $600 a year. The $2,000 of setup fees is added to show that
    # they stay out.
    example={
        "plan1_period": "monthly", "plan1_price": 100, "plan1_discount": 0, "plan1_count": 100,
        "plan2_period": "annual", "plan2_price": 600, "plan2_discount": 0, "plan2_count": 50,
        "plan3_period": "monthly", "plan3_price": "", "plan3_discount": "", "plan3_count": "",
        "plan4_period": "monthly", "plan4_price": "", "plan4_discount": "", "plan4_count": "",
        "one_time_fees": 2_000,
    },
    compute=_compute_mrr,
    explain=_explain_mrr,
    choices=tuple(period for period, _ in _PLAN_FIELDS),
    secondary_title="Left out of MRR and ARR",
)


# ---- Churn-rate conventions --------------------------------------------------

NEW_CUSTOMERS_IN_PERIOD = replace(saas.NEW_CUSTOMERS_IN_PERIOD, label="New customers during period")
CUSTOMERS_LOST_IN_PERIOD = replace(saas.ALL_CUSTOMERS_LOST, label="All customers lost during period")


def _explain_conventions(values, numbers):
    start = _count(values["customers_at_start"])
    new = _count(values["new_customers"])
    lost = _count(values["customers_lost"])
    new_lost = _count(values["new_customers_lost"])
    end = _count(numbers["customers_at_end"])
    formula = (
        f"Start of period: {lost} ÷ {start} × 100 = {_percent(numbers['start_of_period'])}",
        f"Start plus new: {lost} ÷ ({start} + {new}) × 100 = {_percent(numbers['start_plus_new'])}",
        f"Excluding new: ({lost} − {new_lost}) ÷ {start} × 100 = {_percent(numbers['excluding_new'])}",
        f"Average customers: {lost} ÷ (({start} + {end}) ÷ 2) × 100 = {_percent(numbers['average_customers'])}",
    )

    rates = sorted(numbers[name] for name in ("start_of_period", "start_plus_new", "excluding_new", "average_customers"))
    low, high = _percent(rates[0]), _percent(rates[-1])
    if low == high:
        sentence = f"All four conventions give {low} for this period, so here the choice between them does not matter."
    else:
        sentence = (
            f"The same period reads as anything from {low} to {high} churn depending on the convention, "
            f"so compare a rate only with rates worked out the same way."
        )

    warnings = []
    if numbers["start_of_period"] > 100:
        warnings.append(
            "The start-of-period rate is above 100% because customers who joined during the period left "
            "too. For the customers you started with, read the rate that excludes new customers."
        )
    if values["new_customers"] > values["customers_at_start"]:
        warnings.append(
            "More customers joined than you started with, so the conventions drift far apart. Check that "
            "customers at start is the count on the first day, not the last."
        )
    return Explanation(formula, sentence, tuple(warnings))


def _compute_conventions(**values):
    return vars(saas.churn_rate_conventions(**values))


CHURN_CONVENTIONS = Calculator(
    id="churn_conventions",
    title="Churn rate under four conventions",
    inputs=(CUSTOMERS_AT_START, NEW_CUSTOMERS_IN_PERIOD, CUSTOMERS_LOST_IN_PERIOD, saas.NEW_CUSTOMERS_LOST),
    results=(
        Result(
            "start_of_period",
            "Lost ÷ customers at start",
            Unit.PERCENT,
            note="The usual definition, and the one the churn rate page uses. Reads high when many sign-ups leave "
            "in the same period.",
        ),
        Result(
            "start_plus_new",
            "Lost ÷ (start + new)",
            Unit.PERCENT,
            note="Counts everyone served in the period. Reads low in fast growth, because late sign-ups had "
            "little time to leave.",
        ),
        Result(
            "excluding_new",
            "Lost from start ÷ customers at start",
            Unit.PERCENT,
            note="A clean cohort rate, as in billing tools that ignore same-month cancellations. Hides customers "
            "who leave in their first period.",
        ),
        Result(
            "average_customers",
            "Lost ÷ average customers",
            Unit.PERCENT,
            note="Common in telecom reports. Assumes sign-ups and losses spread evenly, so it drifts in fast "
            "growth or heavy losses.",
        ),
        Result("customers_at_end", "Customers at end", Unit.COUNT, primary=False),
    ),
    formula=(
        "Start of period = lost ÷ start × 100",
        "Start plus new = lost ÷ (start + new) × 100",
        "Excluding new = (lost − new customers lost) ÷ start × 100",
        "Average customers = lost ÷ ((start + end) ÷ 2) × 100, where end = start + new − lost",
    ),
    # Month 1 of the question on the Free Math Help forum that divides by
    # "customers serviced": 1,126 at start, 85 new, 18 lost. The forum does
    # not say whether any of the 18 had joined that month; 0 is assumed.
    example={"customers_at_start": 1126, "new_customers": 85, "customers_lost": 18, "new_customers_lost": 0},
    compute=_compute_conventions,
    explain=_explain_conventions,
    secondary_title="Used by the average-customers rate",
)


# ---- Churn-rate conversion ---------------------------------------------------

RATE_TO_CONVERT = replace(CHURN_RATE, help="The churn rate you know, in percent, over the period chosen below.")
FROM_PERIOD = Choice("from_period", "Measured over", PERIOD_OPTIONS, default="monthly")
TO_PERIOD = Choice("to_period", "Convert to", PERIOD_OPTIONS, default="annual")


def _compute_conversion(churn_rate, from_period, to_period):
    converted = convert_churn_rate(churn_rate, _PERIODS[from_period], _PERIODS[to_period])
    return {"converted_rate": converted, "retention_rate": 100 - converted}


def _explain_conversion(values, numbers):
    rate = values["churn_rate"]
    source, target = _PERIODS[values["from_period"]], _PERIODS[values["to_period"]]
    converted = numbers["converted_rate"]
    exponent = Fraction(target.value, source.value)
    power = str(exponent) if exponent.denominator == 1 else f"({exponent})"
    formula = (f"(1 − (1 − {_fraction(rate)})^{power}) × 100 = {_percent(converted)}",)

    naive = rate * float(exponent)
    if source is target:
        sentence = f"Both periods are {source.noun}s, so the rate stays {_percent(rate)}."
    elif rate in (0, 100):
        sentence = f"A churn rate of {_percent(rate)} is the same over every period."
    elif exponent > 1:
        impossible = "impossible " if naive > 100 else ""
        sentence = (
            f"A churn rate of {_percent(rate)} a {source.noun} compounds to {_percent(converted)} a {target.noun}, "
            f"not the {impossible}{_percent(naive)} that multiplying by {exponent} gives."
        )
    else:
        sentence = (
            f"A churn rate of {_percent(rate)} a {source.noun} is {_percent(converted)} a {target.noun}, compounded, "
            f"not the {_percent(naive)} that dividing by {exponent.denominator} gives."
        )

    warnings = []
    if source is target:
        warnings.append("Both periods are the same, so nothing was converted. Check the two period menus.")
    monthly = convert_churn_rate(rate, source, Period.MONTH)
    if monthly > SUSPICIOUS_MONTHLY_CHURN:
        warnings.append(
            f"That is {_percent(monthly)} a month, far above what subscription businesses usually see. "
            f"Check that the rate was measured over a {source.noun}."
        )
    return Explanation(formula, sentence, tuple(warnings))


CHURN_CONVERSION = Calculator(
    id="churn_conversion",
    title="Churn rate between periods",
    inputs=(RATE_TO_CONVERT,),
    results=(
        Result("converted_rate", "Converted churn rate", Unit.PERCENT),
        Result("retention_rate", "Customers kept over that period", Unit.PERCENT),
    ),
    formula=("Converted = (1 − (1 − rate) ^ (months in new period ÷ months in old period)) × 100",),
    # The churn rate page's worked example, 5% a month, as an annual rate:
    # 1 − 0.95¹² = 45.96%, by hand.
    example={"churn_rate": 5, "from_period": "monthly", "to_period": "annual"},
    compute=_compute_conversion,
    explain=_explain_conversion,
    choices=(FROM_PERIOD, TO_PERIOD),
)


# ---- Customer lifetime value -------------------------------------------------


def _compute_ltv(**values):
    value = saas.lifetime_value(**values)
    if value.unbounded:
        return {"ltv": "No finite value", "lifetime": "No finite lifetime", "horizon_value": value.horizon_value}
    return {"ltv": value.ltv, "lifetime": value.lifetime_months, "horizon_value": value.horizon_value}


def _explain_ltv(values, numbers):
    arpa, margin, churn = values["arpa"], values["gross_margin"], values["monthly_churn_rate"]
    horizon = values["horizon_months"]
    monthly_profit = arpa * margin / 100
    within = numbers["horizon_value"]

    if churn == 0:
        formula = (
            f"LTV = {_money(arpa)} × {_percent(margin)} ÷ 0%, which has no finite value",
            f"{horizon}-month value = {_money(monthly_profit)} × {horizon} = {_money(within)}",
        )
        sentence = (
            f"At 0% churn an account has no finite lifetime, so it has no finite LTV, and over "
            f"{format_months(horizon)} it brings {_money(within)} of gross profit."
        )
    else:
        ltv, lifetime = numbers["ltv"], numbers["lifetime"]
        formula = (
            f"LTV = {_money(arpa)} × {_percent(margin)} ÷ {_percent(churn)} = {_money(ltv)}",
            f"Expected lifetime = 1 ÷ {_percent(churn)} = {format_months(lifetime)}",
            f"{horizon}-month value = {_money(monthly_profit)} × (1 − {_fraction(100 - churn)}^{horizon}) "
            f"÷ {_fraction(churn)} = {_money(within)}",
        )
        sentence = (
            f"An account stays {format_months(lifetime)} on average and brings {_money(ltv)} of gross profit "
            f"over that time, {_money(within)} of it within the first {format_months(horizon)}."
        )

    warnings = []
    if churn == 0:
        warnings.append(
            "A churn rate of 0% usually means your customers are too new for any to have left yet, not that "
            "none ever will. Rely on the horizon value, or measure churn over a longer period."
        )
    if churn > SUSPICIOUS_MONTHLY_CHURN:
        warnings.append(
            f"A monthly churn rate of {_percent(churn)} is far above what subscription businesses usually see. "
            f"Check that it is a monthly rate, not a quarterly or annual one."
        )
    if margin == 100:
        warnings.append(
            "A gross margin of 100% counts all revenue as profit, which overstates LTV unless serving customers "
            "costs nothing. Enter the margin left after hosting, support and payment costs."
        )

    chart = ""
    if churn > 0:
        middle = horizon // 2
        halfway = (
            f"{_money(saas.horizon_value(arpa, margin, churn, middle))} after month {middle}, " if middle else ""
        )
        description = (
            f"Expected gross profit from one account, added up month by month: {halfway}"
            f"{_money(within)} after month {horizon}, approaching the lifetime value of {_money(numbers['ltv'])}."
        )
        chart = cumulative_profit_svg(
            "ltv-chart", monthly_profit, churn, horizon, numbers["ltv"], f"LTV {_money(numbers['ltv'])}", description
        )
    return Explanation(formula, sentence, tuple(warnings), chart)


LTV = Calculator(
    id="ltv",
    title="Customer lifetime value (LTV)",
    inputs=(saas.ARPA, saas.GROSS_MARGIN, saas.MONTHLY_CHURN_RATE, saas.HORIZON_MONTHS),
    results=(
        Result("ltv", "Lifetime value (LTV)", Unit.MONEY),
        Result("lifetime", "Expected lifetime", Unit.COUNT, formatter=format_months),
        Result("horizon_value", "Value within the horizon", Unit.MONEY),
    ),
    formula=(
        "LTV = ARPA × gross margin ÷ monthly churn rate",
        "Expected lifetime = 1 ÷ monthly churn rate",
        "Value within H months = ARPA × gross margin × (1 − (1 − churn) ^ H) ÷ churn",
    ),
    # AbraCalc's small-business example: ARPA $100, gross margin 80% and 5%
    # monthly churn give an LTV of $1,600. The 36-month horizon is calc's default.
    example={"arpa": 100, "gross_margin": 80, "monthly_churn_rate": 5, "horizon_months": 36},
    compute=_compute_ltv,
    explain=_explain_ltv,
)


# ---- LTV:CAC ratio -----------------------------------------------------------


def _ratio_to_one(value: float) -> str:
    """Write a ratio against 1, as LTV:CAC is usually quoted: 6:1."""
    return f"{format_ratio(value)}:1"


def _explain_ltv_to_cac(values, numbers):
    ratio = numbers["ltv_to_cac"]
    formula = (f"LTV:CAC = {_money(values['ltv'])} ÷ {_money(values['cac'])} = {_ratio_to_one(ratio)}",)
    relation = _benchmark_relation(ratio, saas.LTV_TO_CAC_BENCHMARK)
    sentence = (
        f"Each $1 spent winning an account comes back as {_money(ratio)} of gross profit over its lifetime, "
        f"{relation} the commonly quoted benchmark of {_ratio_to_one(saas.LTV_TO_CAC_BENCHMARK)}."
    )

    warnings = []
    if ratio > SUSPICIOUS_LTV_TO_CAC:
        warnings.append(
            f"A ratio above {_ratio_to_one(SUSPICIOUS_LTV_TO_CAC)} is rare. Check that LTV is gross profit rather "
            f"than revenue, and that CAC counts all sales and marketing costs, salaries included."
        )
    return Explanation(formula, sentence, tuple(warnings))


LTV_TO_CAC = Calculator(
    id="ltv_to_cac",
    title="LTV:CAC ratio",
    inputs=(saas.LTV, saas.CAC),
    results=(Result("ltv_to_cac", "LTV:CAC", Unit.COUNT, formatter=_ratio_to_one),),
    formula=("LTV:CAC = LTV ÷ CAC",),
    # GenieGoals' glossary: an LTV of $300 and a CAC of $50 give a ratio of 6.
    example={"ltv": 300, "cac": 50},
    compute=lambda **values: {"ltv_to_cac": saas.ltv_to_cac(**values).ratio},
    explain=_explain_ltv_to_cac,
)


# ---- CAC payback period ------------------------------------------------------

# The payback chart spans 1.5 times the payback, between these bounds in months.
_PAYBACK_CHART_MONTHS = (12, 240)


def _compute_payback(**values):
    months = saas.cac_payback(**values)
    return {"payback_months": months, "monthly_gross_profit": values["arpa"] * values["gross_margin"] / 100}


def _explain_payback(values, numbers):
    cac, arpa, margin = values["cac"], values["arpa"], values["gross_margin"]
    months, profit = numbers["payback_months"], numbers["monthly_gross_profit"]
    formula = (
        f"Payback = {_money(cac)} ÷ ({_money(arpa)} × {_percent(margin)}) = {_money(cac)} ÷ {_money(profit)} "
        f"= {format_months(months)}",
    )
    if cac == 0:
        sentence = "With no acquisition cost, a new account has nothing to repay."
    else:
        sentence = (
            f"At {_money(profit)} of gross profit a month, a new account takes {format_months(months)} to repay "
            f"the {_money(cac)} spent winning it."
        )

    warnings = []
    if 0 < months < 1:
        warnings.append(
            "A payback under one month is unusual. Check that ARPA is revenue per month, not per year, and that "
            "CAC counts all sales and marketing costs."
        )
    if months > SUSPICIOUS_PAYBACK_MONTHS:
        warnings.append(
            "A payback of more than five years is rare. Check that CAC is the cost per new customer, not the "
            "total spend of the period."
        )
    if margin == 100:
        warnings.append(
            "A gross margin of 100% repays CAC from revenue, which is faster than the cash really comes in. "
            "Enter the margin left after hosting, support and payment costs."
        )

    chart = ""
    if cac > 0:
        low, high = _PAYBACK_CHART_MONTHS
        span = min(max(low, math.ceil(months * 1.5)), high)
        if months <= span:
            reached = f"reaches the {_money(cac)} CAC after {format_months(months)}"
        else:
            reached = f"stays below the {_money(cac)} CAC for all {span} months shown"
        description = (
            f"Gross profit from one new account, added up month by month, {reached}, "
            f"and is {_money(profit * span)} after month {span}."
        )
        chart = cumulative_profit_svg("payback-chart", profit, 0, span, cac, f"CAC {_money(cac)}", description)
    return Explanation(formula, sentence, tuple(warnings), chart)


CAC_PAYBACK = Calculator(
    id="cac_payback",
    title="CAC payback period",
    inputs=(saas.CAC, saas.ARPA, saas.GROSS_MARGIN),
    results=(
        Result("payback_months", "CAC payback period", Unit.COUNT, formatter=format_months),
        Result("monthly_gross_profit", "Gross profit per account per month", Unit.MONEY, primary=False),
    ),
    formula=("Payback in months = CAC ÷ (ARPA × gross margin)",),
    # The Prime Calculator's worked example: CAC $600, $100 a month at a 75%
    # gross margin pays back in 8 months.
    example={"cac": 600, "arpa": 100, "gross_margin": 75},
    compute=_compute_payback,
    explain=_explain_payback,
    secondary_title="Per account",
)


# ---- Blended and paid CAC ----------------------------------------------------

TOTAL_ACQUISITION_COSTS = replace(ACQUISITION_COSTS, label="Total sales and marketing costs")


def _compute_blended_paid(**values):
    result = saas.blended_and_paid_cac(**values)
    paid = "No paid channel" if result.paid is None else result.paid
    return {"blended_cac": result.blended, "paid_cac": paid}


def _explain_blended_paid(values, numbers):
    total, paid_costs = values["acquisition_costs"], values["paid_acquisition_costs"]
    paid_customers, organic = values["paid_customers"], values["organic_customers"]
    blended, paid = numbers["blended_cac"], numbers["paid_cac"]

    blended_line = (
        f"Blended CAC = {_money(total)} ÷ ({_count(paid_customers)} + {_count(organic)}) = {_money(blended)}"
    )
    if isinstance(paid, str):
        formula = (blended_line, "Paid CAC: none, because no paid channel ran")
        sentence = f"No paid channel ran, so the blended CAC of {_money(blended)} covers every new customer."
    else:
        formula = (blended_line, f"Paid CAC = {_money(paid_costs)} ÷ {_count(paid_customers)} = {_money(paid)}")
        if _money(paid) == _money(blended):
            sentence = f"Paid channels cost {_money(paid)} per customer, the same as the average over all new customers."
        elif paid > blended:
            sentence = (
                f"A customer from paid channels cost {_money(paid)} to win, and customers from other channels "
                f"bring the average over all new customers down to {_money(blended)}."
            )
        else:
            sentence = (
                f"A customer from paid channels cost {_money(paid)} to win, less than the {_money(blended)} "
                f"average over all new customers, because the other costs are higher per customer."
            )

    warnings = []
    if paid_customers > 0 and paid_costs == 0:
        warnings.append(
            "Paid customers with no paid-channel costs usually means the ad spend was booked elsewhere. "
            "Check the paid-channel costs."
        )
    if paid_costs == total and total > 0 and organic > 0:
        warnings.append(
            "All the costs are paid-channel costs, yet some customers came from other channels. Salaries, "
            "content and tools usually belong in the total too."
        )
    return Explanation(formula, sentence, tuple(warnings))


BLENDED_PAID_CAC = Calculator(
    id="blended_paid_cac",
    title="Blended and paid CAC",
    inputs=(TOTAL_ACQUISITION_COSTS, saas.PAID_ACQUISITION_COSTS, saas.PAID_CUSTOMERS, saas.ORGANIC_CUSTOMERS),
    results=(
        Result("blended_cac", "Blended CAC", Unit.MONEY),
        Result("paid_cac", "Paid CAC", Unit.MONEY),
    ),
    formula=(
        "Blended CAC = total costs ÷ (paid customers + other customers)",
        "Paid CAC = paid-channel costs ÷ paid customers",
    ),
    # The CAC page's example ($10,000 for 100 new customers), split by hand:
    # $6,000 and 40 customers from paid channels, 60 from other channels.
    example={"acquisition_costs": 10_000, "paid_acquisition_costs": 6_000, "paid_customers": 40, "organic_customers": 60},
    compute=_compute_blended_paid,
    explain=_explain_blended_paid,
)


# ---- SaaS quick ratio --------------------------------------------------------

def _compute_quick_ratio(**values):
    result = saas.quick_ratio(**values)
    if result.ratio is not None:
        ratio = result.ratio
    elif result.unbounded:
        ratio = "No MRR lost"
    else:
        ratio = "No MRR gained or lost"
    return {"quick_ratio": ratio, "net_new_revenue": result.net_new_revenue}


def _explain_quick_ratio(values, numbers):
    new, expansion = _money(values["new_revenue"]), _money(values["expansion_revenue"])
    churned, contraction = _money(values["churned_revenue"]), _money(values["contraction_revenue"])
    ratio, net_new = numbers["quick_ratio"], numbers["net_new_revenue"]

    if isinstance(ratio, str):
        ratio_line = f"Quick ratio = ({new} + {expansion}) ÷ ({churned} + {contraction}), which has no value"
    else:
        ratio_line = f"Quick ratio = ({new} + {expansion}) ÷ ({churned} + {contraction}) = {format_ratio(ratio)}"
    formula = (ratio_line, f"Net new MRR = ({new} + {expansion}) − ({churned} + {contraction}) = {_money(net_new)}")

    benchmark = format_ratio(saas.QUICK_RATIO_BENCHMARK)
    if isinstance(ratio, str) and net_new > 0:
        sentence = (
            f"No MRR was lost, so the quick ratio has no finite value, and the business added {_money(net_new)} "
            f"of net new MRR."
        )
    elif isinstance(ratio, str):
        sentence = "No MRR was gained or lost, so there is no ratio to work out."
    else:
        relation = _benchmark_relation(ratio, saas.QUICK_RATIO_BENCHMARK)
        sentence = (
            f"The business added {_money(ratio)} of MRR for each $1 it lost, {relation} the commonly quoted "
            f"benchmark of {benchmark}, for {_money(net_new)} of net new MRR."
        )

    warnings = []
    if not isinstance(ratio, str) and ratio > SUSPICIOUS_QUICK_RATIO:
        warnings.append(
            f"A quick ratio above {format_ratio(SUSPICIOUS_QUICK_RATIO)} usually means losses are missing. Check "
            f"that churned and contraction MRR include downgrades and failed payments."
        )
    return Explanation(formula, sentence, tuple(warnings))


QUICK_RATIO = Calculator(
    id="quick_ratio",
    title="SaaS quick ratio",
    inputs=(saas.NEW_REVENUE, EXPANSION_MRR, CHURNED_MRR, CONTRACTION_MRR),
    results=(
        Result("quick_ratio", "Quick ratio", Unit.COUNT, formatter=format_ratio),
        Result("net_new_revenue", "Net new MRR", Unit.MONEY),
    ),
    formula=(
        "Quick ratio = (new MRR + expansion MRR) ÷ (churned MRR + contraction MRR)",
        "Net new MRR = (new + expansion) − (churned + contraction)",
    ),
    # PitchKit's glossary: new $20k, expansion $8k, churn $5k and contraction
    # $3k give a quick ratio of 3.5.
    example={"new_revenue": 20_000, "expansion_revenue": 8_000, "churned_revenue": 5_000, "contraction_revenue": 3_000},
    compute=_compute_quick_ratio,
    explain=_explain_quick_ratio,
)


SAAS_CALCULATORS: tuple[Calculator, ...] = (
    REVENUE_CHURN,
    MRR,
    CHURN_CONVENTIONS,
    CHURN_CONVERSION,
    LTV,
    LTV_TO_CAC,
    CAC_PAYBACK,
    BLENDED_PAID_CAC,
    QUICK_RATIO,
)
