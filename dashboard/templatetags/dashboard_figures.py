"""The body of a figure's table, written in Python: a unit table of 100 rows is 700 cells, and the template
language's per-cell tags would cost more than the queries behind them."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _value(cell) -> str:
    if isinstance(cell.value, int) and not isinstance(cell.value, bool):
        return number_format(cell.value, force_grouping=True)
    return str(cell.value)


def _cell(cell, *, first: bool, strong: bool = False):
    text = format_html('<a href="{}">{}</a>', cell.url, _value(cell)) if cell.url else _value(cell)
    if cell.percent is not None:
        text = format_html('{} <span class="small text-body-secondary">({}%)</span>', text, cell.percent)
    if first:
        style = "" if strong else mark_safe(' class="fw-normal nt-break"')
        return format_html('<th scope="row"{}>{}</th>', style, text)
    return format_html('<td class="text-end text-nowrap">{}</td>', text)


def _row(row, *, strong: bool = False):
    return format_html_join("", "{}", ((_cell(cell, first=i == 0, strong=strong),) for i, cell in enumerate(row)))


@register.simple_tag
def figure_body(table) -> str:
    """<tbody> (and <tfoot> with the totals) of a :class:`dashboard.figures.Table`."""
    body = format_html_join("", "<tr>{}</tr>", ((_row(row),) for row in table.rows))
    html = format_html("<tbody>{}</tbody>", body)
    if table.footer:
        html = format_html('{}<tfoot><tr class="fw-semibold">{}</tr></tfoot>', html, _row(table.footer, strong=True))
    return html
