"""The types that describe a calculator: its choices, its explanation and itself.

They live apart from `calc.calculators`, which contains the registry and
`evaluate`, so that every module of calculator descriptions can import them
without importing the registry.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import InvalidInputError
from .inputs import Input, Result

__all__ = ["Calculator", "Choice", "Explanation"]


@dataclass(frozen=True)
class Choice:
    """A parameter picked from a fixed list, such as the churn period.

    ``group`` ties the choice to a group of optional inputs (see `Input`):
    the choice is skipped whenever its group is. A choice never fills a
    group on its own, because a select always has a value.
    """

    name: str
    label: str
    options: tuple[tuple[str, str], ...]
    default: str
    help: str = ""
    group: str = ""

    def check(self, raw: object) -> str:
        """Return the chosen option value; an empty value means the default."""
        if raw is None or raw == "":
            return self.default
        values = [value for value, _ in self.options]
        if raw not in values:
            raise InvalidInputError(self.name, raw, "one of " + ", ".join(values))
        return raw


@dataclass(frozen=True)
class Explanation:
    """The reading of a result: the formula with the visitor's numbers, a sentence,
    warnings about likely mistakes, and an optional SVG chart."""

    formula: tuple[str, ...]
    sentence: str
    warnings: tuple[str, ...] = ()
    chart: str = ""


@dataclass(frozen=True)
class Calculator:
    """One calculator: its inputs, its results and the functions that compute them.

    ``compute`` takes the checked values of the fields that were not skipped
    as keyword arguments. It returns each result by name: a number, or the
    text to show when a result has no number, such as an LTV at zero churn.
    ``explain`` takes the same values and the returned results.
    ``secondary_title`` heads the secondary results, if there are any.
    """

    id: str
    title: str
    inputs: tuple[Input, ...]
    results: tuple[Result, ...]
    formula: tuple[str, ...]
    example: Mapping[str, float | str]
    compute: Callable[..., Mapping[str, float | str]]
    explain: Callable[[Mapping, Mapping[str, float | str]], Explanation]
    choices: tuple[Choice, ...] = ()
    secondary_title: str = ""

    def input_named(self, name: str) -> Input:
        """Return the input called ``name``; raise `KeyError` if there is none."""
        for spec in self.inputs:
            if spec.name == name:
                return spec
        raise KeyError(name)
