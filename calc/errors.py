"""The one exception type that every `calc` function raises for bad input."""

__all__ = ["InvalidInputError"]


class InvalidInputError(ValueError):
    """Raised when a calculator input is missing, malformed or out of bounds.

    ``field`` is the parameter name (``customers_lost``), ``value`` the value
    as it was given, and ``allowed`` a phrase that completes "must be ..."
    (``a whole number from 0 to customers_at_start (1,000)``). The message
    names all three, so it reads on its own in a log or a traceback; the
    site shows ``describe()`` beside the field instead, because there the
    field's label is already on screen.
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field} must be {allowed}; got {value!r}")

    def describe(self) -> str:
        """Return the visitor-facing sentence: the rule, then what was given."""
        shown = "nothing" if self.value in (None, "") else repr(self.value)
        if isinstance(self.value, str) and self.value.strip():
            shown = f"“{self.value.strip()}”"
        return f"Must be {self.allowed}. You entered {shown}."
