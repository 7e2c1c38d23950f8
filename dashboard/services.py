"""The calendar feed's private address: made, replaced and revoked by its owner."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django_scopes import scopes_disabled

from .models import CalendarFeed


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user) -> str:
    """A new private address for `user` in the active municipality, replacing the one they
    had. Returns the token: it is shown once and never stored."""
    # The user's row lock keeps two clicks at once from tripping over the unique constraint.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    CalendarFeed.objects.filter(user=user).delete()
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(user=user, token_digest=token_digest(token))
    return token


@transaction.atomic
def calendar_feed_revoke(*, user) -> bool:
    """Ends `user`'s calendar address in the active municipality; False when there was none."""
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def calendar_feed_for_token(token: str) -> CalendarFeed | None:
    """The feed a token opens, whichever municipality it is of: the request that brings it
    has no session and so no scope yet. The caller works in the feed's municipality."""
    if not token or len(token) > 100:
        return None
    with scopes_disabled():
        return (
            CalendarFeed.objects.select_related("user", "municipality")
            .filter(token_digest=token_digest(token))
            .first()
        )
