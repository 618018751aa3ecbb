"""Descriptions of calculator inputs and results, and the checks they imply.

An `Input` is the single source of truth for one parameter: its name (part
of the public URL contract), its label and unit for the form, and its
bounds. The metric functions call `Input.check` on every argument, so the
rules a visitor sees in the browser are the rules the tests exercise.
"""

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass

from .errors import InvalidInputError

__all__ = ["Input", "Result", "Unit", "MAX_COUNT", "MAX_MONEY"]

# Generous ceilings that keep every product and sum far from float overflow:
# a trillion customers and a quadrillion in currency are beyond any company.
MAX_COUNT = 10**12
MAX_MONEY = 10**15


class Unit(enum.Enum):
    """What a number measures, which decides how it is parsed and formatted."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"


@dataclass(frozen=True)
class Input:
    """One calculator parameter: name, label, unit and inclusive bounds.

    An ``optional`` input may be left empty: `calc.evaluate` then skips it,
    leaving it out of the calculation, instead of reporting it as missing.
    Optional inputs that share a ``group``, such as the fields of one plan
    row, are filled in together: an entirely empty group is skipped, and in
    a partly filled group each empty input is an error.
    """

    name: str
    label: str
    unit: Unit
    minimum: float = 0
    maximum: float | None = None
    help: str = ""
    optional: bool = False
    group: str = ""

    def __post_init__(self) -> None:
        if self.group and not self.optional:
            raise ValueError(f"input {self.name!r} is in group {self.group!r}, so it must be optional")

    @property
    def upper_bound(self) -> float:
        """The effective maximum: the declared one, or the unit's ceiling."""
        if self.maximum is not None:
            return self.maximum
        return MAX_COUNT if self.unit is Unit.COUNT else MAX_MONEY

    def allowed(self) -> str:
        """Describe the allowed values as a phrase completing "must be ..."."""
        kind = "a whole number" if self.unit is Unit.COUNT else "a number"
        low = _plain(self.minimum)
        high = _plain(self.upper_bound)
        return f"{kind} from {low} to {high}"

    def check(self, value: object) -> int | float:
        """Validate ``value`` against this input's unit and bounds.

        Returns the value as an ``int`` for counts and a ``float`` otherwise.
        Raises `InvalidInputError` for booleans, non-numbers, NaN, infinities,
        fractional counts and values outside the bounds.
        """
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInputError(self.name, value, self.allowed())

        # Python ints are exact and always finite; math.isfinite would overflow on huge ones.
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidInputError(self.name, value, f"a finite number ({self.allowed()})")

        if self.unit is Unit.COUNT and isinstance(value, float) and not value.is_integer():
            raise InvalidInputError(self.name, value, self.allowed())

        if not self.minimum <= value <= self.upper_bound:
            raise InvalidInputError(self.name, value, self.allowed())

        return int(value) if self.unit is Unit.COUNT else float(value)


@dataclass(frozen=True)
class Result:
    """One calculator output: the name of its ``<output>`` element, label, unit.

    Secondary results (``primary=False``) are shown smaller, below the main
    ones. ``note`` is a short line shown under the result, and ``formatter``
    writes numbers that have no unit of their own, such as ratios, in place
    of `calc.formatting.format_value`.
    """

    name: str
    label: str
    unit: Unit
    primary: bool = True
    note: str = ""
    formatter: Callable[[float], str] | None = None


def _plain(number: float) -> str:
    """Write a bound with thousands separators and no trailing ".0"."""
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,}"
