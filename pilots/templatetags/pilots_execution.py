from django import template

register = template.Library()


@register.filter
def of_pilot(by_pilot: dict, pilot):
    """The entry of `pilot` in a dict keyed by pilot id (as the execution selectors return)."""
    return (by_pilot or {}).get(pilot.pk)
