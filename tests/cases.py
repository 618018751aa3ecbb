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
]
