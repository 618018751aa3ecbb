"""Python-Markdown extension that renders ``[[calculator <id>]]`` as a form.

The form is generated from the calculator's description in `calc`, and its
fields and results are prefilled with the description's worked example,
computed now by the same `calc` code that runs in the browser. A page with
JavaScript disabled therefore still shows a correct, complete example.

It is a Markdown extension rather than an MkDocs plugin so that any builder
that runs Python-Markdown with the configured extensions (MkDocs, Zensical)
renders the same forms. An unknown calculator id fails the build.
"""

import re
from html import escape

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

import calc
from calc.formatting import format_value
from calc.inputs import Unit

_DIRECTIVE = re.compile(r"^\s*\[\[calculator\s+(?P<id>[^\]\s]+)\s*\]\]\s*$")

_UNIT_HINTS = {Unit.COUNT: "", Unit.MONEY: "$", Unit.PERCENT: "%"}


class CalculatorFormError(ValueError):
    """Raised when a page names a calculator that `calc` does not describe."""


def render_form(calculator: calc.Calculator) -> str:
    """Render the HTML form for one calculator, showing its worked example."""
    example = calc.evaluate(calculator.id, calculator.example)
    if example.errors:
        raise CalculatorFormError(f"the worked example of {calculator.id!r} is invalid: {example.errors}")

    form_id = f"{calculator.id.replace('_', '-')}-calculator"
    fields = "\n".join(_render_field(form_id, spec, calculator.example[spec.name]) for spec in calculator.inputs)
    results = "\n".join(
        f'<div class="calc-result"><span class="calc-result__label" id="{form_id}-{result.name}-label">'
        f"{escape(result.label)}</span> "
        f'<output name="{result.name}" aria-labelledby="{form_id}-{result.name}-label">'
        f"{escape(example.results[result.name])}</output></div>"
        for result in calculator.results
    )
    formula = "".join(f"<code>{escape(line)}</code><br>" for line in calculator.formula).removesuffix("<br>")

    return (
        f'<form class="calc" id="{form_id}" data-calculator="{calculator.id}" novalidate '
        f'aria-labelledby="{form_id}-title">\n'
        f'<p class="calc__title" id="{form_id}-title">{escape(calculator.title)}</p>\n'
        f'<div class="calc__fields">\n{fields}\n</div>\n'
        f'<div class="calc__results" aria-live="polite">\n{results}\n</div>\n'
        f'<p class="calc__formula">{formula}</p>\n'
        f'<p class="calc__status" data-calc-status>'
        f"Showing the worked example. Change a number to recalculate.</p>\n"
        f"</form>"
    )


def _render_field(form_id: str, spec: calc.Input, example_value: float) -> str:
    """Render one labelled text input with its help text and error slot."""
    input_id = f"{form_id}-{spec.name}"
    value = format_value(example_value, Unit.COUNT if spec.unit is Unit.COUNT else Unit.MONEY, currency="")
    unit = _UNIT_HINTS[spec.unit]
    unit_html = f'<span class="calc-field__unit" aria-hidden="true">{unit}</span>' if unit else ""
    return (
        f'<div class="calc-field">'
        f'<label for="{input_id}">{escape(spec.label)}</label>'
        f'<div class="calc-field__control">{unit_html}'
        f'<input id="{input_id}" name="{spec.name}" type="text" inputmode="decimal" '
        f'autocomplete="off" spellcheck="false" required value="{escape(value)}" '
        f'aria-describedby="{input_id}-help {input_id}-error"></div>'
        f'<p class="calc-field__help" id="{input_id}-help">{escape(spec.help)}</p>'
        f'<p class="calc-field__error" id="{input_id}-error" data-error-for="{spec.name}" hidden></p>'
        f"</div>"
    )


class CalculatorPreprocessor(Preprocessor):
    """Replace each ``[[calculator <id>]]`` line with a stashed HTML form."""

    def run(self, lines: list[str]) -> list[str]:
        output = []
        for line in lines:
            match = _DIRECTIVE.match(line)
            if not match:
                output.append(line)
                continue

            calculator_id = match["id"]
            try:
                calculator = calc.get_calculator(calculator_id)
            except ValueError as error:
                raise CalculatorFormError(f"[[calculator {calculator_id}]]: {error}") from None

            # Blank lines around the placeholder keep it a block of its own.
            output.extend(["", self.md.htmlStash.store(render_form(calculator)), ""])
        return output


class CalculatorFormsExtension(Extension):
    """Register the calculator preprocessor before Markdown sees raw HTML."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(CalculatorPreprocessor(md), "calculator_forms", 30)


def makeExtension(**kwargs) -> CalculatorFormsExtension:
    """Return the extension; Python-Markdown calls this by convention."""
    return CalculatorFormsExtension(**kwargs)
