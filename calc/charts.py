"""Small SVG charts drawn from a calculation's numbers.

The SVG is plain markup with classes and no colours of its own: the site's
stylesheet colours it from the theme, so one chart serves light and dark
mode. Every chart carries a text alternative (``role="img"`` with a
``<title>`` and ``<desc>``) that states the numbers it shows. All text in
the markup is escaped; the numbers come from `calc` itself, never from raw
visitor input.
"""

import math
from html import escape

from .formatting import format_value
from .inputs import Unit

__all__ = ["cumulative_profit_svg", "retention_curve_svg", "revenue_waterfall_svg"]

_WIDTH = 320
_HEIGHT = 180
_LEFT = 40
_RIGHT = 10
_TOP = 12
_BOTTOM = 28

# The waterfall's scale ends at its tallest bar times this, which leaves
# room above the bars for their 10-unit value labels.
_WATERFALL_HEADROOM = 1.12


def _svg(chart_id: str, title: str, description: str, body: list[str]) -> str:
    """Wrap chart elements in an accessible, scalable SVG element."""
    return (
        f'<svg class="calc-chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _y(share: float, top_value: float) -> float:
    """Map a value from 0..top_value to the plot's vertical pixel position."""
    plot_height = _HEIGHT - _TOP - _BOTTOM
    return round(_TOP + plot_height * (1 - share / top_value), 2)


def retention_curve_svg(chart_id: str, monthly_churn_percent: float, months: int = 12) -> str:
    """Draw the share of today's customers left after each month, compounded.

    >>> "54%" in retention_curve_svg("demo", 5.0)
    True
    """
    plot_width = _WIDTH - _LEFT - _RIGHT
    shares = [100 * (1 - monthly_churn_percent / 100) ** month for month in range(months + 1)]
    points = " ".join(
        f"{round(_LEFT + plot_width * month / months, 2)},{_y(share, 100)}" for month, share in enumerate(shares)
    )

    body = [
        f'<line class="calc-chart__axis" x1="{_LEFT}" y1="{_y(0, 100)}" x2="{_WIDTH - _RIGHT}" y2="{_y(0, 100)}"/>',
        f'<line class="calc-chart__axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_y(0, 100)}"/>',
        f'<text class="calc-chart__label" x="{_LEFT - 4}" y="{_y(100, 100) + 4}" text-anchor="end">100%</text>',
        f'<text class="calc-chart__label" x="{_LEFT - 4}" y="{_y(50, 100) + 4}" text-anchor="end">50%</text>',
        f'<text class="calc-chart__label" x="{_LEFT - 4}" y="{_y(0, 100) + 4}" text-anchor="end">0%</text>',
        f'<text class="calc-chart__label" x="{_LEFT}" y="{_HEIGHT - 8}">Month 0</text>',
        f'<text class="calc-chart__label" x="{_WIDTH - _RIGHT}" y="{_HEIGHT - 8}" text-anchor="end">Month {months}</text>',
        f'<polyline class="calc-chart__line" points="{points}"/>',
        f'<text class="calc-chart__value" x="{_WIDTH - _RIGHT}" y="{max(_y(shares[-1], 100) - 6, _TOP + 10)}" '
        f'text-anchor="end">{escape(format_value(shares[-1], Unit.PERCENT))}</text>',
    ]
    half = months // 2
    description = (
        f"Share of today's customers still subscribed: 100% at month 0, "
        f"{format_value(shares[half], Unit.PERCENT)} at month {half}, "
        f"{format_value(shares[-1], Unit.PERCENT)} at month {months}."
    )
    return _svg(chart_id, f"Customers remaining over {months} months", description, body)


def revenue_waterfall_svg(
    chart_id: str, starting: float, expansion: float, contraction: float, churned: float
) -> str:
    """Draw start, expansion, contraction, churn and end revenue as a waterfall.

    >>> "End $1,200,000" in revenue_waterfall_svg("demo", 1_000_000, 200_000, 0, 0)
    True
    """
    ending = starting + expansion - contraction - churned
    top_value = (max(starting + expansion, starting) or 1) * _WATERFALL_HEADROOM
    steps = [
        ("Start", 0, starting, "total", starting),
        ("Expansion", starting, starting + expansion, "gain", expansion),
        ("Contraction", starting + expansion - contraction, starting + expansion, "loss", -contraction),
        ("Churn", ending, starting + expansion - contraction, "loss", -churned),
        ("End", 0, ending, "total", ending),
    ]

    plot_width = _WIDTH - _LEFT - _RIGHT
    slot = plot_width / len(steps)
    bar_width = slot * 0.6
    body = [
        f'<line class="calc-chart__axis" x1="{_LEFT}" y1="{_y(0, top_value)}" '
        f'x2="{_WIDTH - _RIGHT}" y2="{_y(0, top_value)}"/>'
    ]
    for index, (label, low, high, kind, amount) in enumerate(steps):
        x = round(_LEFT + slot * index + (slot - bar_width) / 2, 2)
        y_top = _y(high, top_value)
        height = max(round(_y(low, top_value) - y_top, 2), 0.5)
        body.append(
            f'<rect class="calc-chart__bar calc-chart__bar--{kind}" x="{x}" y="{y_top}" '
            f'width="{round(bar_width, 2)}" height="{height}"/>'
        )
        centre = round(x + bar_width / 2, 2)
        body.append(
            f'<text class="calc-chart__label" x="{centre}" y="{_HEIGHT - 8}" text-anchor="middle">{label}</text>'
        )
        body.append(
            f'<text class="calc-chart__value" x="{centre}" y="{max(y_top - 4, _TOP)}" text-anchor="middle">'
            f"{escape(_short_money(amount))}</text>"
        )

    description = ", ".join(
        f"{label} {format_value(amount, Unit.MONEY)}" for label, _, _, _, amount in steps
    )
    return _svg(chart_id, "Revenue from starting customers, start to end", description + ".", body)


# At most this many line segments per curve, so a 1,200-month horizon stays small markup.
_MAX_SEGMENTS = 60


def cumulative_profit_svg(
    chart_id: str,
    monthly_profit: float,
    monthly_churn_percent: float,
    months: int,
    reference: float,
    reference_label: str,
    description: str,
) -> str:
    """Draw the expected gross profit of one account added up month by month, with a reference line.

    After month m the curve is at ``monthly_profit × Σ (1 − churn)^k`` for k
    from 0 to m − 1, the same sum as `calc.saas.horizon_value`, so with no
    churn it is a straight line. The dashed reference line marks an amount
    to compare against, such as the LTV the curve approaches or the CAC it
    has to repay. ``description`` is the chart's text alternative.

    >>> svg = cumulative_profit_svg("demo", 75, 0, 12, 600, "CAC $600", "Repaid at month 8.")
    >>> "Repaid at month 8." in svg and "CAC $600" in svg
    True
    """
    step = max(1, math.ceil(months / _MAX_SEGMENTS))
    marks = list(range(0, months, step)) + [months]
    retention = 1 - monthly_churn_percent / 100
    totals = [monthly_profit * math.fsum(retention**k for k in range(month)) for month in marks]
    top_value = max(totals[-1], reference) * 1.1 or 1

    plot_width = _WIDTH - _LEFT - _RIGHT
    points = " ".join(
        f"{round(_LEFT + plot_width * month / months, 2)},{_y(total, top_value)}" for month, total in zip(marks, totals)
    )
    reference_y = _y(reference, top_value)
    body = [
        f'<line class="calc-chart__axis" x1="{_LEFT}" y1="{_y(0, top_value)}" x2="{_WIDTH - _RIGHT}" y2="{_y(0, top_value)}"/>',
        f'<line class="calc-chart__axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_y(0, top_value)}"/>',
        f'<text class="calc-chart__label" x="{_LEFT - 4}" y="{_y(0, top_value) + 4}" text-anchor="end">$0</text>',
        f'<text class="calc-chart__label" x="{_LEFT}" y="{_HEIGHT - 8}">Month 0</text>',
        f'<text class="calc-chart__label" x="{_WIDTH - _RIGHT}" y="{_HEIGHT - 8}" text-anchor="end">Month {months}</text>',
        f'<line class="calc-chart__reference" x1="{_LEFT}" y1="{reference_y}" x2="{_WIDTH - _RIGHT}" y2="{reference_y}"/>',
        f'<text class="calc-chart__label" x="{_LEFT + 4}" y="{max(reference_y - 4, _TOP + 8)}">{escape(reference_label)}</text>',
        f'<polyline class="calc-chart__line" points="{points}"/>',
        f'<text class="calc-chart__value" x="{_WIDTH - _RIGHT}" y="{max(_y(totals[-1], top_value) - 6, _TOP + 8)}" '
        f'text-anchor="end">{escape(_short_money(totals[-1]))}</text>',
    ]
    return _svg(chart_id, f"Gross profit from one account over {months} months", description, body)


def _short_money(amount: float) -> str:
    """Write an amount compactly for a bar label: $1.2m, -$30k, $950."""
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    for threshold, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if size >= threshold:
            return f"{sign}${format_value(size / threshold, Unit.PERCENT).rstrip('%')}{suffix}"
    return f"{sign}{format_value(size, Unit.MONEY)}"
