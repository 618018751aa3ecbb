"""Shared test cases: each worked example of the FAQ and each invalid input.

The expected values come from the FAQ's worked examples (churn 1,000 → 50
lost = 5%; CAC $10,000 / 100 = $100; $1M → $1.2M from expansion = NRR 120%;
MRR $10,000 → ARR $120,000), except the GRR of that last example, which is
100% by hand: nothing was lost, and GRR leaves expansion out.
"""

WORKED_EXAMPLES = [
    # (calculator id, inputs, formatted results)
    ("churn_rate", {"customers_at_start": "1000", "customers_lost": "50"}, {"churn_rate": "5%"}),
    ("cac", {"acquisition_costs": "10000", "new_customers": "100"}, {"cac": "$100"}),
    (
        "revenue_retention",
        {
            "starting_revenue": "1000000",
            "expansion_revenue": "200000",
            "contraction_revenue": "0",
            "churned_revenue": "0",
        },
        {"grr": "100%", "nrr": "120%"},
    ),
    ("arr", {"mrr": "10000"}, {"arr": "$120,000"}),
]

# The SaaS metric calculators' worked examples, each from the source that
# its metric page names. They are kept apart from WORKED_EXAMPLES, because
# the browser tests in tests/browser/test_calculators.py pair each of those
# with hand-made other inputs and type only into text fields. Some of these
# set selects, so tests/browser/test_metric_calculators.py runs them instead.
METRIC_WORKED_EXAMPLES = [
    # Klipfolio, Net MRR Churn Rate, example A: $50,000 of MRR, $7,000 of
    # expansion and $10,000 of cancellations give net churn of 6%. Gross churn,
    # $10,000 ÷ $50,000 = 20%, is by hand.
    (
        "revenue_churn",
        {"starting_revenue": "50000", "expansion_revenue": "7000", "contraction_revenue": "0", "churned_revenue": "10000"},
        {"gross_churn": "20%", "net_churn": "6%"},
    ),
    # Stripe, Billing metric definitions: 100 subscriptions at $100 a month and
    # 50 at $600 a year are $12,500 of MRR. ARR ($12,500 × 12) and the $2,000
    # of setup fees left out are by hand.
    (
        "mrr",
        {
            "plan1_period": "monthly", "plan1_price": "100", "plan1_discount": "0", "plan1_count": "100",
            "plan2_period": "annual", "plan2_price": "600", "plan2_discount": "0", "plan2_count": "50",
            "plan3_period": "monthly", "plan3_price": "", "plan3_discount": "", "plan3_count": "",
            "plan4_period": "monthly", "plan4_price": "", "plan4_discount": "", "plan4_count": "",
            "one_time_fees": "2000",
        },
        {"mrr": "$12,500", "arr": "$150,000", "excluded_fees": "$2,000"},
    ),
    # Free Math Help forum, month 1 of "semi-annual churn rate expressed as a
    # monthly churn rate": 1,126 at start, 85 new, 18 lost is 1.49% of the
    # 1,211 "customers serviced" (1.5% at one decimal), and 1,193 customers
    # start month 2.
    (
        "churn_conventions",
        {"customers_at_start": "1126", "new_customers": "85", "customers_lost": "18", "new_customers_lost": "0"},
        {"start_plus_new": "1.5%", "customers_at_end": "1,193"},
    ),
    # The churn rate page's 5% a month, as a year: 1 − 0.95¹² = 45.96%, by hand.
    (
        "churn_conversion",
        {"churn_rate": "5", "from_period": "monthly", "to_period": "annual"},
        {"converted_rate": "46%", "retention_rate": "54%"},
    ),
    # AbraCalc, customer LTV with $100 ARPA, 80% margin and 5% churn: LTV
    # $1,600 and a lifespan of 1 ÷ 0.05 = 20 months. The 36-month value,
    # $80 × (1 − 0.95³⁶) ÷ 0.05 = $1,347.55, is by the geometric series.
    (
        "ltv",
        {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "5", "horizon_months": "36"},
        {"ltv": "$1,600", "lifetime": "20 months", "horizon_value": "$1,347.55"},
    ),
    # GenieGoals glossary, LTV:CAC ratio: LTV $300 and CAC $50 give 6.
    ("ltv_to_cac", {"ltv": "300", "cac": "50"}, {"ltv_to_cac": "6:1"}),
    # The Prime Calculator, CAC payback formula: $600 ÷ ($100 × 75%) = 8 months.
    (
        "cac_payback",
        {"cac": "600", "arpa": "100", "gross_margin": "75"},
        {"payback_months": "8 months", "monthly_gross_profit": "$75"},
    ),
    # The FAQ's CAC example ($10,000 for 100 customers) split by hand: $6,000
    # and 40 customers from paid channels give $150, and $10,000 ÷ 100 = $100.
    (
        "blended_paid_cac",
        {"acquisition_costs": "10000", "paid_acquisition_costs": "6000", "paid_customers": "40", "organic_customers": "60"},
        {"blended_cac": "$100", "paid_cac": "$150"},
    ),
    # PitchKit glossary, quick ratio: (20k + 8k) ÷ (5k + 3k) = 3.5. Net new
    # MRR, $28,000 − $8,000 = $20,000, is by hand.
    (
        "quick_ratio",
        {"new_revenue": "20000", "expansion_revenue": "8000", "churned_revenue": "5000", "contraction_revenue": "3000"},
        {"quick_ratio": "3.5", "net_new_revenue": "$20,000"},
    ),
]

# (function name, positional arguments, field named in the error)
ERROR_CASES = [
    ("churn_rate", [0, 0], "customers_at_start"),
    ("churn_rate", [-10, 0], "customers_at_start"),
    ("churn_rate", [1000, -1], "customers_lost"),
    ("churn_rate", [1000, 1200], "customers_lost"),
    ("churn_rate", [1000.5, 5], "customers_at_start"),
    ("churn_rate", [float("nan"), 5], "customers_at_start"),
    ("churn_rate", [float("inf"), 5], "customers_at_start"),
    ("churn_rate", [True, 0], "customers_at_start"),
    ("churn_rate", ["1000", 50], "customers_at_start"),
    ("cac", [10_000, 0], "new_customers"),
    ("cac", [-1, 10], "acquisition_costs"),
    ("cac", [float("inf"), 10], "acquisition_costs"),
    ("cac", [10_000, 2.5], "new_customers"),
    ("revenue_retention", [0, 0, 0, 0], "starting_revenue"),
    ("revenue_retention", [-100, 0, 0, 0], "starting_revenue"),
    ("revenue_retention", [100, -1, 0, 0], "expansion_revenue"),
    ("revenue_retention", [100, 0, -1, 0], "contraction_revenue"),
    ("revenue_retention", [100, 0, 0, -1], "churned_revenue"),
    ("revenue_retention", [100, 0, 60, 50], "churned_revenue"),
    ("revenue_retention", [float("nan"), 0, 0, 0], "starting_revenue"),
    ("arr", [-1], "mrr"),
    ("arr", [float("inf")], "mrr"),
    ("arr", [1e308], "mrr"),
    ("revenue_churn", [0, 0, 0, 0], "starting_revenue"),
    ("revenue_churn", [100, 0, 60, 50], "churned_revenue"),
    ("revenue_churn", [100, -1, 0, 0], "expansion_revenue"),
    ("mrr_from_plans", [None], "plans"),
    ("churn_rate_conventions", [100, 5, 10, 6], "new_customers_lost"),
    ("churn_rate_conventions", [10, 5, 12, 1], "customers_lost"),
    ("lifetime_value", [100, 80, 1e-9], "monthly_churn_rate"),
    ("lifetime_value", [100, 101, 5], "gross_margin"),
    ("horizon_value", [100, 80, 5, 0], "horizon_months"),
    ("ltv_to_cac", [1600, 0], "cac"),
    ("ltv_to_cac", [float("inf"), 400], "ltv"),
    ("cac_payback", [1500, 0, 80], "arpa"),
    ("cac_payback", [1500, 125, 0], "gross_margin"),
    ("blended_and_paid_cac", [10_000, 12_000, 40, 60], "paid_acquisition_costs"),
    ("blended_and_paid_cac", [10_000, 6_000, 0, 60], "paid_customers"),
    ("blended_and_paid_cac", [10_000, 0, 0, 0], "organic_customers"),
    ("quick_ratio", [1_000, 0, 0.001, 0], "churned_revenue"),
    ("quick_ratio", [float("nan"), 0, 0, 0], "new_revenue"),
]
