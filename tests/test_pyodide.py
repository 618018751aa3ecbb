"""The shared cases give identical outcomes on CPython and in real Pyodide.

Pyodide runs under Node from the pinned npm package, with the calc wheel
that the site ships (staged by `python -m sitebuild.assets`).
"""

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.assets import RUNTIME_DIR
from tests.cases import ERROR_CASES, METRIC_WORKED_EXAMPLES, WORKED_EXAMPLES
from tests.pyodide.case_runner import run_cases

RUNNER = Path(__file__).parent / "pyodide" / "run_cases.mjs"


def _encode(value):
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


CASES = [{"evaluate": calculator_id, "inputs": inputs} for calculator_id, inputs, _ in WORKED_EXAMPLES]
CASES += [{"evaluate": calculator_id, "inputs": inputs} for calculator_id, inputs, _ in METRIC_WORKED_EXAMPLES]
CASES += [
    {"evaluate": "churn_rate", "inputs": {"customers_at_start": "1,000", "customers_lost": "1,200"}},
    {"evaluate": "cac", "inputs": {"acquisition_costs": "$1.2m", "new_customers": ""}},
    {"evaluate": "arr", "inputs": {"mrr": "1.000"}},
    # One case per SaaS calculator beyond its worked example: edge cases,
    # text results and field errors.
    {"evaluate": "revenue_churn", "inputs": {"starting_revenue": "0.30", "expansion_revenue": "0",
                                            "contraction_revenue": "0.10", "churned_revenue": "0.20"}},
    {"evaluate": "mrr", "inputs": {"plan1_period": "quarterly", "plan1_price": "$9.99", "plan1_discount": "",
                                   "plan1_count": "3", "one_time_fees": ""}},
    {"evaluate": "churn_conventions", "inputs": {"customers_at_start": "10", "new_customers": "50",
                                                "customers_lost": "20", "new_customers_lost": "15"}},
    {"evaluate": "churn_conversion", "inputs": {"churn_rate": "40%", "from_period": "annual", "to_period": "monthly"}},
    {"evaluate": "ltv", "inputs": {"arpa": "100", "gross_margin": "80", "monthly_churn_rate": "0", "horizon_months": "36"}},
    {"evaluate": "ltv_to_cac", "inputs": {"ltv": "1600", "cac": "0"}},
    {"evaluate": "cac_payback", "inputs": {"cac": "8k", "arpa": "1,200", "gross_margin": "78"}},
    {"evaluate": "blended_paid_cac", "inputs": {"acquisition_costs": "2000", "paid_acquisition_costs": "0",
                                               "paid_customers": "0", "organic_customers": "40"}},
    {"evaluate": "quick_ratio", "inputs": {"new_revenue": "10k", "expansion_revenue": "2k",
                                          "churned_revenue": "0", "contraction_revenue": "0"}},
]
CASES += [{"call": function, "args": [_encode(arg) for arg in args]} for function, args, _ in ERROR_CASES]


@pytest.fixture(scope="module")
def pyodide_outcomes():
    node = shutil.which("node")
    assert node, "node is required: install Node.js 18 or newer"
    manifest = json.loads((RUNTIME_DIR / "manifest.json").read_text())
    wheel = RUNTIME_DIR / manifest["wheel"]

    completed = subprocess.run(
        [node, str(RUNNER), str(wheel)],
        input=json.dumps(CASES),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout)


def test_same_outcomes_as_cpython(pyodide_outcomes):
    cpython_outcomes = json.loads(run_cases(json.dumps(CASES)))
    for case, cpython, pyodide in zip(CASES, cpython_outcomes, pyodide_outcomes, strict=True):
        assert pyodide == cpython, case


def test_worked_examples_in_pyodide(pyodide_outcomes):
    for (_, _, expected), outcome in zip(WORKED_EXAMPLES, pyodide_outcomes, strict=False):
        results = outcome["evaluation"]["results"]
        assert {name: results[name] for name in expected} == expected


def test_metric_worked_examples_in_pyodide(pyodide_outcomes):
    outcomes = pyodide_outcomes[len(WORKED_EXAMPLES) : len(WORKED_EXAMPLES) + len(METRIC_WORKED_EXAMPLES)]
    for (calculator_id, _, expected), outcome in zip(METRIC_WORKED_EXAMPLES, outcomes, strict=True):
        results = outcome["evaluation"]["results"]
        assert {name: results[name] for name in expected} == expected, calculator_id


def test_errors_in_pyodide(pyodide_outcomes):
    error_outcomes = pyodide_outcomes[-len(ERROR_CASES) :]
    for (function, args, field), outcome in zip(ERROR_CASES, error_outcomes, strict=True):
        assert outcome["error"] == "InvalidInputError", (function, args)
        assert outcome["field"] == field, (function, args)
