"""Run the shared cases through calc and return the outcomes as JSON.

The same file runs under CPython (imported by the tests) and under Pyodide
(read by run_cases.mjs), so the two outcomes can be compared for equality.
Non-finite floats travel as the strings "nan", "inf" and "-inf" because
JSON has no spelling for them.
"""

import json

import calc


def _decode(value):
    if value in ("nan", "inf", "-inf"):
        return float(value)
    return value


def run_cases(cases_json: str) -> str:
    """Evaluate each case; return a JSON list of results or error details."""
    outcomes = []
    for case in json.loads(cases_json):
        if "evaluate" in case:
            evaluation = calc.evaluate(case["evaluate"], case["inputs"])
            outcomes.append({"evaluation": evaluation.to_dict()})
            continue

        function = getattr(calc, case["call"])
        try:
            result = function(*[_decode(arg) for arg in case["args"]])
        except calc.InvalidInputError as error:
            outcomes.append({"error": type(error).__name__, "field": error.field, "message": str(error)})
        else:
            outcomes.append({"result": repr(result)})
    return json.dumps(outcomes)
