"""The rules of joint procurement, pure: no database, so they read the same in a service, a
form and a test.

A joint dossier is led by one municipality (the dossier's own municipality) on behalf of
participants of the same region, each with its share of the estimated value. The procedure
follows from the value of the whole purchase, so it is the total that counts."""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _


def total_value(*, own_value: Decimal, shares: Iterable[Decimal]) -> Decimal:
    """The value of the whole purchase excl. VAT: the lead's own estimated value plus the
    participants' shares. The procedure suggestion is computed on this value."""
    return own_value + sum(shares, Decimal(0))


def participant_refusal(*, lead, candidate) -> str | None:
    """Why `candidate` (a municipality) may not take part in a dossier led by `lead`, or None
    when it may: the lead never takes part in its own dossier, and only municipalities of the
    lead's region buy together with it."""
    if candidate.pk == lead.pk:
        return _("The lead municipality cannot take part in its own dossier.")
    if lead.region_id is None:
        return _(
            "%(lead)s belongs to no region, so it cannot buy together with other municipalities."
        ) % {"lead": lead}
    if candidate.region_id != lead.region_id:
        return _("%(municipality)s is not a municipality of the region of %(lead)s.") % {
            "municipality": candidate,
            "lead": lead,
        }
    return None


def share_refusal(share: Decimal | None) -> str | None:
    """Why a participant's share is not acceptable, or None."""
    if share is None:
        return _("Enter the participant's share of the estimated value.")
    if share < 0:
        return _("A share cannot be negative.")
    return None
