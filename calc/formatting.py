"""Write numbers for people, with one rounding rule everywhere.

Percentages are rounded to one decimal place and money to the cent, half
away from zero, starting from the shortest decimal that represents the
float (so 14.35 rounds to 14.4 even though its binary value is a hair
below). A trailing ``.0`` or ``.00`` is dropped, thousands are grouped with
commas, and a result that rounds to zero never shows a minus sign. The same
function writes the build-time results into the HTML and the live results
in the browser, so both read the same.
"""

from decimal import ROUND_HALF_UP, Decimal

from .inputs import Unit

__all__ = ["format_months", "format_ratio", "format_value"]

_PLACES = {Unit.COUNT: Decimal(1), Unit.MONEY: Decimal("0.01"), Unit.PERCENT: Decimal("0.1")}


def format_value(value: float, unit: Unit, currency: str = "$") -> str:
    """Format a number of ``unit`` for display.

    >>> format_value(5.0, Unit.PERCENT)
    '5%'
    >>> format_value(120000, Unit.MONEY)
    '$120,000'
    >>> format_value(-1234.5, Unit.MONEY)
    '-$1,234.50'
    """
    rounded = Decimal(repr(float(value))).quantize(_PLACES[unit], rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)

    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):,f}"
    if text.endswith((".0", ".00")):
        text = text.split(".")[0]

    if unit is Unit.MONEY:
        return f"{sign}{currency}{text}"
    if unit is Unit.PERCENT:
        return f"{sign}{text}%"
    return f"{sign}{text}"


def format_ratio(value: float) -> str:
    """Format a ratio, such as LTV:CAC or the quick ratio, to at most two decimal places.

    Rounding is half away from zero, as for `format_value`, and trailing
    zeros are dropped.

    >>> format_ratio(4.9166), format_ratio(3.5), format_ratio(6.0)
    ('4.92', '3.5', '6')
    """
    return _trimmed(value, Decimal("0.01"))


def format_months(value: float) -> str:
    """Format a duration in months to one decimal place, with its unit.

    >>> format_months(8.547), format_months(15.0), format_months(1.0)
    ('8.5 months', '15 months', '1 month')
    """
    text = _trimmed(value, Decimal("0.1"))
    return f"{text} month" if text == "1" else f"{text} months"


def _trimmed(value: float, places: Decimal) -> str:
    """Round ``value`` half away from zero to ``places``, group thousands, drop trailing zeros."""
    rounded = Decimal(repr(float(value))).quantize(places, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)

    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
