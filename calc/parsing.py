"""Read numbers the way people type them into a calculator field.

The rules, which the site's "Entering numbers" page also documents:

* Surrounding spaces are ignored.
* Thousands may be grouped with commas (``1,000``) or spaces (``1 000``),
  in groups of exactly three digits. The decimal separator is a dot.
* Money fields accept one currency sign, ``$``, ``€`` or ``£``, before or
  after the number (``$10,000``, ``10 000 €``).
* Percent fields accept a trailing ``%``.
* A ``k`` or ``m`` suffix multiplies by a thousand or a million
  (``$1.2m``, ``10k``); exponent notation (``1e3``) is read too.
* An empty field is missing, never zero.

Anything else is rejected rather than guessed at. In particular ``1.000``
is rejected, because half the world writes one thousand that way and the
other half writes one; it is never silently read as either.
"""

import re
from decimal import Decimal, InvalidOperation

from .errors import InvalidInputError
from .inputs import Input, Unit

__all__ = ["parse_input"]

CURRENCY_SIGNS = "$€£"
_SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000)}
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_MINUS_SIGNS = ("-", "\u2212")

_PLAIN = re.compile(r"(?:\d+(?:\.\d+)?|\.\d+)")
_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:\.\d+)?")
_EXPONENT = re.compile(r"\d+(?:\.\d+)?[eE][+-]?\d{1,3}")
_AMBIGUOUS_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")

_EXAMPLES = {
    Unit.COUNT: "a whole number written like 1000, 1,000 or 1.5k",
    Unit.MONEY: "an amount written like 10000, 10,000, $10,000 or $1.2m",
    Unit.PERCENT: "a percentage written like 5, 5.5 or 5%",
}


def parse_input(text: str | None, spec: Input) -> float:
    """Parse the text of one field into a number, before bounds are checked.

    Raises `InvalidInputError` naming ``spec.name`` when the text is empty,
    malformed or ambiguous. Bounds and whole-number rules are the metric
    functions' job, through `Input.check`.

    >>> from calc.inputs import Input, Unit
    >>> parse_input(" $1.2m ", Input("mrr", "MRR", Unit.MONEY))
    1200000.0
    """
    if text is None or not text.strip():
        raise InvalidInputError(spec.name, text or "", f"filled in with {spec.allowed()}")

    body = text.strip().translate(_SPACES)

    negative = body.startswith(_MINUS_SIGNS)
    if negative:
        body = body[1:].lstrip()

    body = _strip_unit_sign(body, text, spec)
    if body.startswith(_MINUS_SIGNS) and not negative:
        negative = True
        body = body[1:].lstrip()

    multiplier = Decimal(1)
    if body[-1:].lower() in _SUFFIXES:
        multiplier = _SUFFIXES[body[-1].lower()]
        body = body[:-1].rstrip()

    number = _parse_digits(body, text, spec) * multiplier
    if negative:
        number = -number
    return float(number)


def _strip_unit_sign(body: str, text: str, spec: Input) -> str:
    """Remove one currency sign (money) or a trailing percent sign (percent)."""
    if body[:1] in CURRENCY_SIGNS or body[-1:] in CURRENCY_SIGNS:
        if spec.unit is not Unit.MONEY:
            raise InvalidInputError(spec.name, text, f"{_EXAMPLES[spec.unit]}, without a currency sign")
        body = body[1:] if body[:1] in CURRENCY_SIGNS else body[:-1]
        body = body.strip()

    if body.endswith("%"):
        if spec.unit is not Unit.PERCENT:
            raise InvalidInputError(spec.name, text, f"{_EXAMPLES[spec.unit]}, without a percent sign")
        body = body[:-1].rstrip()

    return body


def _parse_digits(body: str, text: str, spec: Input) -> Decimal:
    """Turn the bare digits, separators and decimal point into a Decimal."""
    if _AMBIGUOUS_THOUSANDS.fullmatch(body):
        whole, fraction = body.split(".")
        raise InvalidInputError(
            spec.name,
            text,
            f"unambiguous: write {whole}{fraction} or {whole},{fraction} for thousands,"
            f" or {whole}.{fraction.rstrip('0') or '0'} for a decimal",
        )

    if _PLAIN.fullmatch(body) or _EXPONENT.fullmatch(body):
        digits = body
    elif _COMMA_GROUPED.fullmatch(body):
        digits = body.replace(",", "")
    elif _SPACE_GROUPED.fullmatch(body):
        digits = body.replace(" ", "")
    else:
        raise InvalidInputError(spec.name, text, _EXAMPLES[spec.unit])

    try:
        return Decimal(digits)
    except InvalidOperation:
        raise InvalidInputError(spec.name, text, _EXAMPLES[spec.unit]) from None
