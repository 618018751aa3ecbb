"""Tests of parse_input: the rules people type by."""

import pytest

from calc import Input, InvalidInputError, Unit, parse_input

COUNT = Input("customers", "Customers", Unit.COUNT)
MONEY = Input("costs", "Costs", Unit.MONEY)
PERCENT = Input("margin", "Margin", Unit.PERCENT)


@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        ("1000", COUNT, 1000),
        ("  1000 ", COUNT, 1000),
        ("1,000", COUNT, 1000),
        ("1 000", COUNT, 1000),
        ("1\u00a0000", COUNT, 1000),
        ("1,234,567", COUNT, 1_234_567),
        ("10k", COUNT, 10_000),
        ("1.5K", COUNT, 1500),
        ("1e3", COUNT, 1000),
        ("$10,000", MONEY, 10_000),
        ("€10,000", MONEY, 10_000),
        ("£250", MONEY, 250),
        ("10 000 €", MONEY, 10_000),
        ("$1.2m", MONEY, 1_200_000),
        ("$1.2M", MONEY, 1_200_000),
        ("0.125", MONEY, 0.125),
        (".5", MONEY, 0.5),
        ("-$5", MONEY, -5),
        ("$-5", MONEY, -5),
        ("12.5%", PERCENT, 12.5),
        ("80", PERCENT, 80),
    ],
)
def test_accepted(text, spec, expected):
    assert parse_input(text, spec) == expected


@pytest.mark.parametrize(
    ("text", "spec", "allowed"),
    [
        ("", COUNT, "filled in with a whole number"),
        ("   ", COUNT, "filled in with a whole number"),
        ("abc", COUNT, "a whole number written like 1000, 1,000 or 1.5k"),
        ("1,00", COUNT, "a whole number written like"),
        ("1,5", MONEY, "an amount written like"),
        ("1.000", COUNT, "unambiguous: write 1000 or 1,000 for thousands, or 1.0 for a decimal"),
        ("$1.500", MONEY, "unambiguous: write 1500 or 1,500 for thousands, or 1.5 for a decimal"),
        ("1.000.000", COUNT, "a whole number written like"),
        ("$10", COUNT, "without a currency sign"),
        ("5%", MONEY, "without a percent sign"),
        ("$$10", MONEY, "an amount written like"),
        ("10kk", COUNT, "a whole number written like"),
        ("1e999999", COUNT, "a whole number written like"),
        ("nan", MONEY, "an amount written like"),
        ("inf", MONEY, "an amount written like"),
    ],
)
def test_rejected(text, spec, allowed):
    with pytest.raises(InvalidInputError) as raised:
        parse_input(text, spec)
    assert raised.value.field == spec.name
    assert allowed in raised.value.allowed


def test_rejection_quotes_typed_text():
    with pytest.raises(InvalidInputError) as raised:
        parse_input(" 1,00 ", COUNT)
    assert raised.value.describe() == "Must be a whole number written like 1000, 1,000 or 1.5k. You entered “1,00”."
