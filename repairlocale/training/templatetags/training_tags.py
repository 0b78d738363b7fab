"""Small helpers for the training charts (server-side SVG bars)."""

from django import template

from repairlocale.training.models import Level

register = template.Library()


@register.simple_tag
def percent_of(value, maximum) -> float:
    """``value`` as a percentage of ``maximum`` (0 when the maximum is 0)."""
    try:
        return round(100 * float(value) / float(maximum), 1) if maximum else 0
    except (TypeError, ValueError):
        return 0


@register.simple_tag
def level_label(level) -> str:
    try:
        return str(Level(int(level)).label)
    except (TypeError, ValueError):
        return ""
