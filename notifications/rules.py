"""How a notification reaches its recipient: pure, no database.

One rule lives here: a decision asked of you is always mailed at once and cannot be turned
off or gathered into the digest. The preferences form, the admin and `services.notify` all
ask this module, so the rule holds in every one of them.
"""

from django.utils.translation import gettext as _

from .models import Delivery, Kind

# Kinds the recipient may not choose for: they always go out immediately.
ALWAYS_IMMEDIATE = frozenset({Kind.DECISION})
DEFAULT_DELIVERY = Delivery.IMMEDIATELY


def may_choose(kind: str) -> bool:
    return kind not in ALWAYS_IMMEDIATE


def choosable_kinds() -> list[Kind]:
    return [kind for kind in Kind if may_choose(kind)]


def delivery_for(kind: str, chosen: str | None) -> str:
    """How a notification of `kind` goes, given the recipient's choice (None: no choice)."""
    if not may_choose(kind) or not chosen:
        return DEFAULT_DELIVERY
    return chosen


def delivery_refusal(kind: str, delivery: str) -> str:
    """Why `delivery` may not be chosen for `kind`; empty when it may."""
    if not may_choose(kind) and delivery != Delivery.IMMEDIATELY:
        return _("A decision asked of you is always mailed at once; this cannot be changed.")
    return ""
