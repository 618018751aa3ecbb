"""Python-Markdown extension that renders ``[[calculator <id>]]`` as a form.

The form is generated from the calculator's description in `calc`, and is
filled with the description's worked example: its fields, results, formula
with numbers, reading sentence and chart are computed now by the same
`calc` code that runs in the browser. A page with JavaScript disabled
therefore still shows a correct, complete example.

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

_UNIT_SIGNS = {Unit.COUNT: "", Unit.MONEY: "$", Unit.PERCENT: "%"}


class CalculatorFormError(ValueError):
    """Raised when a page names a calculator that `calc` does not describe."""


def render_form(calculator: calc.Calculator) -> str:
    """Render the HTML form for one calculator, showing its worked example."""
    example = calc.evaluate(calculator.id, calculator.example)
    if example.errors:
        raise CalculatorFormError(f"the worked example of {calculator.id!r} is invalid: {example.errors}")
    explanation = example.explanation
    form_id = f"{calculator.id.replace('_', '-')}-calculator"

    fields = [_render_field(form_id, spec, calculator.example[spec.name]) for spec in calculator.inputs]
    fields += [_render_choice(form_id, choice, calculator.example[choice.name]) for choice in calculator.choices]
    primary = [_render_result(form_id, result, example.results) for result in calculator.results if result.primary]
    secondary = [
        _render_result(form_id, result, example.results) for result in calculator.results if not result.primary
    ]
    secondary_html = (
        f'<div class="calc__secondary"><p class="calc__secondary-title">Equivalent rates, compounded</p>'
        f'{"".join(secondary)}</div>'
        if secondary
        else ""
    )
    general_formula = "<br>".join(escape(line) for line in calculator.formula)

    return "\n".join(
        [
            f'<form class="calc" id="{form_id}" data-calculator="{calculator.id}" novalidate '
            f'aria-labelledby="{form_id}-title">',
            f'<p class="calc__title" id="{form_id}-title">{escape(calculator.title)}</p>',
            f'<div class="calc__fields">{"".join(fields)}</div>',
            f'<div class="calc__results">{"".join(primary)}</div>',
            secondary_html,
            f'<p class="calc__formula" data-calc-formula>{_render_formula(explanation.formula)}</p>',
            f'<p class="calc__sentence" data-calc-sentence>{escape(explanation.sentence)}</p>',
            f'<div class="calc__warnings" data-calc-warnings>{_render_warnings(explanation.warnings)}</div>',
            f'<div class="calc__chart" data-calc-chart>{explanation.chart}</div>',
            f'<p class="calc__general">Formula: {general_formula}</p>',
            '<div class="calc__actions" data-calc-actions hidden>'
            '<button type="button" class="md-button" data-calc-copy>Copy link</button> '
            '<span class="calc__copied" data-calc-copied role="status"></span></div>',
            '<p class="calc__status" data-calc-status>'
            "Showing the worked example. Turn on JavaScript to calculate with your own numbers.</p>",
            '<p class="calc__announce" aria-live="polite" data-calc-announce></p>',
            "</form>",
        ]
    )


def _render_field(form_id: str, spec: calc.Input, example_value: float) -> str:
    """Render one labelled text input with its help text and error slot."""
    input_id = f"{form_id}-{spec.name}"
    value = format_value(example_value, Unit.COUNT if spec.unit is Unit.COUNT else Unit.MONEY, currency="")
    sign = _UNIT_SIGNS[spec.unit]
    sign_html = f'<span class="calc-field__unit" aria-hidden="true">{sign}</span>' if sign else ""
    return (
        f'<div class="calc-field">'
        f'<label for="{input_id}">{escape(spec.label)}</label>'
        f'<div class="calc-field__control">{sign_html}'
        f'<input id="{input_id}" name="{spec.name}" type="text" inputmode="decimal" '
        f'autocomplete="off" spellcheck="false" required value="{escape(value)}" '
        f'aria-describedby="{input_id}-help {input_id}-error"></div>'
        f'<p class="calc-field__help" id="{input_id}-help">{escape(spec.help)}</p>'
        f'<p class="calc-field__error" id="{input_id}-error" data-error-for="{spec.name}" hidden></p>'
        f"</div>"
    )


def _render_choice(form_id: str, choice: calc.Choice, selected: str) -> str:
    """Render a labelled select for a fixed list of options."""
    select_id = f"{form_id}-{choice.name}"
    options = "".join(
        f'<option value="{escape(value)}"{" selected" if value == selected else ""}>{escape(label)}</option>'
        for value, label in choice.options
    )
    return (
        f'<div class="calc-field">'
        f'<label for="{select_id}">{escape(choice.label)}</label>'
        f'<div class="calc-field__control">'
        f'<select id="{select_id}" name="{choice.name}" aria-describedby="{select_id}-error">{options}</select></div>'
        f'<p class="calc-field__error" id="{select_id}-error" data-error-for="{choice.name}" hidden></p>'
        f"</div>"
    )


def _render_result(form_id: str, result: calc.Result, results: dict[str, str]) -> str:
    label_id = f"{form_id}-{result.name}-label"
    kind = "calc-result" if result.primary else "calc-result calc-result--secondary"
    return (
        f'<div class="{kind}"><span class="calc-result__label" id="{label_id}">{escape(result.label)}</span> '
        f'<output name="{result.name}" aria-labelledby="{label_id}">{escape(results[result.name])}</output></div>'
    )


def _render_formula(lines) -> str:
    return "<br>".join(f"<code>{escape(line)}</code>" for line in lines)


def _render_warnings(warnings) -> str:
    return "".join(f'<p class="calc__warning">{escape(warning)}</p>' for warning in warnings)


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
