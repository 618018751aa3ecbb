"""Waiting for a value that the page can only compute asynchronously.

Playwright's wait_for_function stops at the first result of a predicate
that returns a promise, whatever the promise resolves to, so it cannot wait
on Cache Storage. page.evaluate awaits promises, so these helpers poll with
it instead.
"""

import time


def wait_for_value(page, expression: str, arg, expected, timeout_s: float = 30.0):
    """Evaluate expression(arg) in the page until it returns expected."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = page.evaluate(expression, arg)
        if value == expected:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout_s:.0f} s the page still returns {value!r}, expected {expected!r}")
        time.sleep(0.1)
