"""Tests of format_value: one rounding rule for every result."""

import pytest

from calc import Unit, format_value


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (5.0, Unit.PERCENT, "5%"),
        (120.0, Unit.PERCENT, "120%"),
        (14.35, Unit.PERCENT, "14.4%"),
        (14.25, Unit.PERCENT, "14.3%"),
        (33.333333, Unit.PERCENT, "33.3%"),
        (-0.04, Unit.PERCENT, "0%"),
        (-12.5, Unit.PERCENT, "-12.5%"),
        (100.0, Unit.MONEY, "$100"),
        (120000.0, Unit.MONEY, "$120,000"),
        (1234.5, Unit.MONEY, "$1,234.50"),
        (0.005, Unit.MONEY, "$0.01"),
        (1e15, Unit.MONEY, "$1,000,000,000,000,000"),
        (1000, Unit.COUNT, "1,000"),
    ],
)
def test_format(value, unit, expected):
    assert format_value(value, unit) == expected


def test_other_currency_sign():
    assert format_value(100, Unit.MONEY, currency="€") == "€100"
