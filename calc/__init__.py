"""Customer-success metric calculators.

Pure standard-library Python: the same code runs in the visitor's browser
under Pyodide and in the test suite under CPython 3.11+. Every function
raises `InvalidInputError`, a `ValueError`, for bad input.
"""

from .calculators import (
    CALCULATORS,
    Calculator,
    Choice,
    Evaluation,
    Explanation,
    evaluate,
    evaluate_json,
    get_calculator,
)
from .errors import InvalidInputError
from .formatting import format_value
from .inputs import Input, Result, Unit
from .metrics import Period, RevenueRetention, arr, cac, churn_rate, convert_churn_rate, revenue_retention
from .parsing import parse_input
from .saas import (
    LTV_TO_CAC_BENCHMARK,
    QUICK_RATIO_BENCHMARK,
    BlendedPaidCac,
    ChurnRateConventions,
    LifetimeValue,
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

__all__ = [
    "BlendedPaidCac",
    "CALCULATORS",
    "Calculator",
    "Choice",
    "ChurnRateConventions",
    "Evaluation",
    "Explanation",
    "Input",
    "InvalidInputError",
    "LTV_TO_CAC_BENCHMARK",
    "LifetimeValue",
    "LtvToCac",
    "MrrBreakdown",
    "Period",
    "PlanRow",
    "QUICK_RATIO_BENCHMARK",
    "QuickRatio",
    "Result",
    "RevenueChurn",
    "RevenueRetention",
    "Unit",
    "arr",
    "blended_and_paid_cac",
    "cac",
    "cac_payback",
    "churn_rate",
    "churn_rate_conventions",
    "convert_churn_rate",
    "evaluate",
    "evaluate_json",
    "format_value",
    "get_calculator",
    "horizon_value",
    "lifetime_value",
    "ltv_to_cac",
    "mrr_from_plans",
    "parse_input",
    "quick_ratio",
    "revenue_churn",
    "revenue_retention",
]
__version__ = "0.1.0"
