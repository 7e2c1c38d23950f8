"""What a user may see and change in the dossier register, by the policy of
`procurement/access.py`.

A participant of a joint dossier sees it (`dossier_to_view`, through
`selectors.visible_dossiers`) but every change starts from the scoped own dossiers
(`dossier_queryset`), so the lead's dossier does not exist for the participant's edits: 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from procurement import permissions
from procurement.access import hidden_unless, refused_unless

from .models import Dossier, JointParticipation
from .selectors import dossier_queryset, visible_dossiers


def dossier_register_check(user) -> None:
    refused_unless(permissions.can_create_dossier(user))


def dossier_to_view(user, *, reference: str, lead_id: str | None = None) -> Dossier:
    """The dossier `reference` as the register shows it. References are unique per
    municipality only, so a participant's own 2026-0001 and a lead's 2026-0001 can both be
    visible: the own one comes first, and `lead_id` (the `?lead=` of the register's link to a
    joint dossier) picks the lead's."""
    hidden_unless(permissions.can_view_dossiers(user))
    found = visible_dossiers().filter(reference=reference)
    if lead_id:
        if not str(lead_id).isdigit():
            raise Http404
        found = found.filter(municipality_id=int(lead_id))
    dossier = found.order_by("-is_own", "municipality__name").first()
    if dossier is None:
        raise Http404
    return dossier


def dossier_with_internals(user, pk: int) -> Dossier:
    """The own dossier `pk` for a reader who may see its internal data (its attachments);
    404 otherwise, also for a participant of a joint dossier, who sees only the procurement."""
    hidden_unless(permissions.can_view_dossiers(user))
    dossier = get_object_or_404(dossier_queryset(), pk=pk)
    hidden_unless(permissions.can_see_dossier_internals(user, dossier))
    return dossier


def dossier_to_edit(user, *, reference: str) -> Dossier:
    dossier = get_object_or_404(dossier_queryset(), reference=reference)
    refused_unless(permissions.can_edit_dossier(user, dossier))
    return dossier


def dossier_to_lead(user, *, reference: str) -> Dossier:
    """The own dossier whose participants the user changes; 404 for any other municipality's
    dossier, 403 for a role that may not change them."""
    own_ids = dossier_queryset().filter(reference=reference).values("pk")
    dossier = visible_dossiers().filter(pk__in=own_ids, is_own=True).first()
    if dossier is None:
        raise Http404
    refused_unless(permissions.can_manage_participants(user, dossier))
    return dossier


def participation_to_manage(dossier: Dossier, *, participation_id: int) -> JointParticipation:
    return get_object_or_404(JointParticipation.objects, pk=participation_id, dossier=dossier)
