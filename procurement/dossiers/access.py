"""What a user may see and change in the dossier register, by the policy of
`procurement/access.py`."""

from django.shortcuts import get_object_or_404

from procurement import permissions
from procurement.access import hidden_unless, refused_unless

from .models import Dossier
from .selectors import dossier_queryset


def dossier_register_check(user) -> None:
    refused_unless(permissions.can_create_dossier(user))


def dossier_to_view(user, *, reference: str) -> Dossier:
    hidden_unless(permissions.can_view_dossiers(user))
    return get_object_or_404(dossier_queryset(), reference=reference)


def dossier_to_edit(user, *, reference: str) -> Dossier:
    dossier = dossier_to_view(user, reference=reference)
    refused_unless(permissions.can_edit_dossier(user, dossier))
    return dossier
