"""The charts' template filters (pilots/documents/charts.py)."""

from django import template

from pilots.documents.charts import fit_label

register = template.Library()


@register.filter
def fit(text, width):
    """The label shortened with "…" to fit its column of `width` SVG units (at font size 10,
    6 units from the axis)."""
    return fit_label(str(text), float(width) - 6)


@register.filter
def fit_bold(text, width):
    return fit_label(str(text), float(width) - 6, bold=True)
