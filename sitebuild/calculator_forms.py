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

    fields = _render_fields(form_id, calculator)
    primary = [_render_result(form_id, result, example.results) for result in calculator.results if result.primary]
    secondary = [
        _render_result(form_id, result, example.results) for result in calculator.results if not result.primary
    ]
    secondary_html = (
        f'<div class="calc__secondary"><p class="calc__secondary-title">{escape(calculator.secondary_title)}</p>'
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


def _render_fields(form_id: str, calculator: calc.Calculator) -> list[str]:
    """Render the inputs in order, with grouped inputs as one table of rows where the first of them is."""
    fields = []
    rows_rendered = False
    for spec in calculator.inputs:
        if not spec.group:
            fields.append(_render_field(form_id, spec, calculator.example[spec.name]))
        elif not rows_rendered:
            fields.append(_render_rows(form_id, calculator))
            rows_rendered = True

    fields += [
        _render_choice(form_id, choice, calculator.example[choice.name]) for choice in calculator.choices if not choice.group
    ]
    return fields


def _render_field(form_id: str, spec: calc.Input, example_value: float | str) -> str:
    """Render one labelled text input with its help text and error slot."""
    input_id = f"{form_id}-{spec.name}"
    optional = ' <span class="calc-field__optional">(optional)</span>' if spec.optional else ""
    return (
        f'<div class="calc-field">'
        f'<label for="{input_id}">{escape(spec.label)}{optional}</label>'
        f"{_render_control(input_id, spec, example_value, f'{input_id}-help')}"
        f'<p class="calc-field__help" id="{input_id}-help">{escape(spec.help)}</p>'
        f'<p class="calc-field__error" id="{input_id}-error" data-error-for="{spec.name}" hidden></p>'
        f"</div>"
    )


def _render_control(input_id: str, spec: calc.Input, example_value: float | str, help_id: str) -> str:
    """Render the text input of ``spec`` with its unit sign, described by its help and error slot."""
    if example_value == "":
        value = ""
    else:
        value = format_value(example_value, Unit.COUNT if spec.unit is Unit.COUNT else Unit.MONEY, currency="")
    sign = _UNIT_SIGNS[spec.unit]
    sign_html = f'<span class="calc-field__unit" aria-hidden="true">{sign}</span>' if sign else ""
    required = "" if spec.optional else " required"
    field = (
        f'<input id="{input_id}" name="{spec.name}" type="text" inputmode="decimal" '
        f'autocomplete="off" spellcheck="false"{required} value="{escape(value)}" '
        f'aria-describedby="{help_id} {input_id}-error">'
    )

    # People write a currency sign before the amount and a percent sign after it.
    if spec.unit is Unit.PERCENT:
        return f'<div class="calc-field__control">{field}{sign_html}</div>'
    return f'<div class="calc-field__control">{sign_html}{field}</div>'


def _render_rows(form_id: str, calculator: calc.Calculator) -> str:
    """Render the grouped fields as a grid: one row per group, one column per field.

    Every group must have the same fields, with the same labels, in the
    same order: the column headings and help are written once for all
    rows. The headings are hidden from assistive technology, because each
    field has its own label, visually hidden, that names its row too.
    """
    groups: dict[str, list] = {}
    for choice in calculator.choices:
        if choice.group:
            groups.setdefault(choice.group, []).append(choice)
    for spec in calculator.inputs:
        if spec.group:
            groups.setdefault(spec.group, []).append(spec)

    columns = [field.label for field in next(iter(groups.values()))]
    for group, fields in groups.items():
        if [field.label for field in fields] != columns:
            raise CalculatorFormError(
                f"{calculator.id!r}: the fields of {group!r} differ from the first group's: {columns}"
            )
    help_ids = [f"{form_id}-column{index}-help" for index in range(len(columns))]

    cells = ['<span class="calc-rows__heading" aria-hidden="true"></span>']
    cells += [f'<span class="calc-rows__heading" aria-hidden="true">{escape(label)}</span>' for label in columns]
    for group, fields in groups.items():
        title = group[:1].upper() + group[1:]
        cells.append(f'<span class="calc-rows__name" aria-hidden="true">{escape(title)}</span>')
        for field, help_id in zip(fields, help_ids, strict=True):
            cells.append(_render_cell(form_id, title, field, calculator.example[field.name], help_id))
        for field in fields:
            cells.append(
                f'<p class="calc-field__error calc-rows__error" id="{form_id}-{field.name}-error" '
                f'data-error-for="{field.name}" data-column="{escape(title)}, {escape(field.label)}" hidden></p>'
            )

    notes = "".join(
        f'<li id="{help_id}"><strong>{escape(field.label)}</strong>: {escape(field.help)}</li>'
        for field, help_id in zip(next(iter(groups.values())), help_ids, strict=True)
    )
    # The stylesheet lays out rows of four fields (calc-rows--4); other widths need a rule there first.
    return (
        f'<div class="calc-rows calc-rows--{len(columns)}">{"".join(cells)}</div>'
        f'<div class="calc-rows__help calc-field__help"><p>Fill in one row per plan and price. '
        f"Rows left empty are skipped.</p><ul>{notes}</ul></div>"
    )


def _render_cell(form_id: str, title: str, field, example_value, help_id: str) -> str:
    """Render one grouped field: its label, which names its row too, and its control.

    The stylesheet hides the label on wide screens, where the column heading
    shows it, and shows all of it but the row name on narrow screens, where
    the headings are hidden.
    """
    field_id = f"{form_id}-{field.name}"
    label = (
        f'<label class="calc-rows__label" for="{field_id}">'
        f'<span class="calc-rows__label-row">{escape(title)}, </span>{escape(field.label)}</label>'
    )
    if isinstance(field, calc.Choice):
        options = "".join(
            f'<option value="{escape(value)}"{" selected" if value == example_value else ""}>{escape(text)}</option>'
            for value, text in field.options
        )
        control = (
            f'<div class="calc-field__control"><select id="{field_id}" name="{field.name}" '
            f'aria-describedby="{help_id} {field_id}-error">{options}</select></div>'
        )
    else:
        control = _render_control(field_id, field, example_value, help_id)
    return f'<div class="calc-field calc-rows__cell">{label}{control}</div>'


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
    note = ""
    described = ""
    if result.note:
        note_id = f"{form_id}-{result.name}-note"
        kind += " calc-result--noted"
        note = f'<p class="calc-result__note" id="{note_id}">{escape(result.note)}</p>'
        described = f' aria-describedby="{note_id}"'
    return (
        f'<div class="{kind}"><span class="calc-result__label" id="{label_id}">{escape(result.label)}</span> '
        f'<output name="{result.name}" aria-labelledby="{label_id}"{described}>{escape(results[result.name])}</output>'
        f"{note}</div>"
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
