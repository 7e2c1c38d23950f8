"""How an amount of money reads: one format throughout the application and its documents.

`€ 120.000,00` in Dutch and `€ 120,000.00` in English: the euro sign first, a no-break space,
thousands grouped and always two decimals (config/formats/). An evaluation point measured in
euros reads the same way (`quantity`), so a table never shows `120.000 €` beside `€ 25.000,00`.
"""

from decimal import Decimal, InvalidOperation

from django.utils import formats

# Units that mean euros, as people type them in an evaluation point (compared in lower case).
# A unit of up to this many characters is a symbol, kept on the line of its number.
SYMBOL_LENGTH = 3
EURO_UNITS = {"€", "eur", "euro", "euros", "eur excl. btw", "€ excl. btw"}


def euro(value) -> str:
    """The amount as money; empty for a missing amount, the value itself when it is none."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"€\u00a0{number}"


def is_euro(unit: str) -> bool:
    return (unit or "").strip().lower() in EURO_UNITS


def number(value: Decimal) -> str:
    """12 for a whole number, 12,50 otherwise (in the reader's language), thousands grouped."""
    if value == value.to_integral():
        return formats.number_format(value.to_integral(), 0, use_l10n=True, force_grouping=True)
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


def quantity(value, unit: str = "") -> str:
    """A measured value with its unit: `12.500 kg`, `34 %`; money as money (`€ 90.000,00`).
    A no-break space keeps the number and a unit symbol together."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if is_euro(unit):
        return euro(amount)
    if not unit:
        return number(amount)
    # A symbol (%, kg, m²) stays with its number; a unit that is a word ("werkdagen") may
    # go to the next line in a narrow column.
    space = "\u00a0" if len(unit) <= SYMBOL_LENGTH else " "
    return f"{number(amount)}{space}{unit}"
