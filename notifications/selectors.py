"""Reads of the notifications, each a constant number of queries."""

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import Notification, NotificationPreference, UserLanguage


def language_chosen(user) -> str | None:
    """The language `user` chose, None when they never chose one."""
    if user is None or not getattr(user, "pk", None):
        return None
    return UserLanguage.objects.filter(user=user).values_list("language", flat=True).first()


UNREAD = "notifications_unread"


def unread_expression(user):
    """Per municipality (the outer query's row), how many of `user`'s notifications there are
    unread: annotated on the workplace's query (core.membership), so the navigation's count
    costs no query of its own."""
    unread = (
        Notification._base_manager.filter(
            recipient_id=user.pk, municipality_id=OuterRef("pk"), read_at__isnull=True
        )
        .order_by()
        .values("municipality_id")
        .annotate(count=Count("pk"))
        .values("count")[:1]
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)


def unread_in_navigation(request) -> int:
    """The unread count of the municipality the request works in, as read with the workplace."""
    workplace = getattr(request, "workplace", None)
    municipality = workplace.municipality if workplace is not None else None
    if municipality is None:
        return 0
    counted = getattr(municipality, UNREAD, None)
    return counted if counted is not None else unread_count(user=request.user)


def accounts_by_address(addresses) -> dict[str, object]:
    """The active account behind each address (lowercased) that belongs to exactly one."""
    wanted = {address.lower() for address in addresses if address}
    if not wanted:
        return {}
    matches = Q()
    for address in sorted(wanted):
        matches |= Q(email__iexact=address)
    found: dict[str, list] = {}
    for user in get_user_model().objects.filter(matches, is_active=True):
        found.setdefault(user.email.lower(), []).append(user)
    return {address: users[0] for address, users in found.items() if len(users) == 1}


def unread_count(*, user) -> int:
    """How many of the user's notifications in the active municipality are unread: one query."""
    return Notification.objects.unread().filter(recipient=user).count()


def notifications_of(*, user) -> QuerySet[Notification]:
    """The user's notifications in the active municipality, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def preferences_of(*, user) -> dict[str, str]:
    """Per kind the delivery the user chose (kinds without a choice are absent)."""
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))


def pending_digests() -> QuerySet[Notification]:
    """Notifications of the active municipality waiting for their recipient's summary."""
    return (
        Notification.objects.filter(in_digest=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
