def svg_number(value: float) -> str:
    """A number for an SVG attribute: always a dot decimal, whatever the page's language."""
    return f"{value:.1f}"
