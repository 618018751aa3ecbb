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

__all__ = [
    "CALCULATORS",
    "Calculator",
    "Choice",
    "Evaluation",
    "Explanation",
    "Input",
    "InvalidInputError",
    "Period",
    "Result",
    "RevenueRetention",
    "Unit",
    "arr",
    "cac",
    "churn_rate",
    "convert_churn_rate",
    "evaluate",
    "evaluate_json",
    "format_value",
    "get_calculator",
    "parse_input",
    "revenue_retention",
]
__version__ = "0.1.0"
