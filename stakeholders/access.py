"""What a user may see and change in the stakeholder register: every view fetches its object
through one of these helpers, so a page never decides access itself.

One policy, for every entity:

- **can't see → 404.** An object that does not exist and one the user may not see answer
  the same, so a page never tells an outsider that something exists. The register is open to
  everyone who logs in; a subject (a programme, pilot or dossier) is seen by whoever its own
  app lets see it (`core.visibility`, registered in the owning app's `ready()`).
- **can see, can't change → 403.** The object is looked up first (404 when it is not there
  or not visible), then the change is refused. Recording support or a concern is a change of
  an involvement or a subject that the user may see, so it is a 403 as well.

`<entity>_for_view` returns what the user may see, `<entity>_for_change` what they may change.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.visibility import subject_visible

from . import permissions, selectors
from .models import (
    SUBJECT_MODELS,
    ActionItem,
    Concern,
    Consultation,
    Involvement,
    Organisation,
    Person,
)


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- The register as a whole ---------------------------------------------------------------


def register_view(user) -> None:
    """The lists and exports of the register."""
    if not permissions.can_view_register(user):
        raise Http404


def register_change(user) -> None:
    """Adding a person or an organisation."""
    register_view(user)
    _refuse_unless(permissions.can_manage_stakeholders(user))


# --- People and organisations --------------------------------------------------------------


def person_for_view(user, pk: int) -> Person:
    register_view(user)
    return get_object_or_404(selectors.person_queryset(), pk=pk)


def person_for_change(user, pk: int) -> Person:
    person = person_for_view(user, pk)
    _refuse_unless(permissions.can_change_person(user, person))
    return person


def person_for_administration(user, pk: int) -> Person:
    """Exporting or erasing everything about a person (GDPR)."""
    person = person_for_view(user, pk)
    _refuse_unless(permissions.can_administer_personal_data(user))
    return person


def organisation_for_view(user, pk: int) -> Organisation:
    register_view(user)
    return get_object_or_404(Organisation, pk=pk)


def organisation_for_change(user, pk: int) -> Organisation:
    organisation = organisation_for_view(user, pk)
    _refuse_unless(permissions.can_manage_stakeholders(user))
    return organisation


# --- Subjects and what hangs from them -----------------------------------------------------


def subject_for_view(user, *, content_type_id: int, object_id: int):
    """A programme, pilot or dossier, when its own app lets the user see it."""
    register_view(user)
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    model = content_type.model_class()
    if model is None or f"{content_type.app_label}.{content_type.model}" not in SUBJECT_MODELS:
        raise Http404
    subject = get_object_or_404(model, pk=object_id)
    if not subject_visible(user, subject):
        raise Http404
    return subject


def subject_for_change(user, *, content_type_id: int, object_id: int):
    """Linking a stakeholder or a consultation to a subject."""
    subject = subject_for_view(user, content_type_id=content_type_id, object_id=object_id)
    _refuse_unless(permissions.can_manage_stakeholders(user))
    return subject


def subject_for_sensitive_change(user, *, content_type_id: int, object_id: int):
    """Recording a concern about a subject."""
    subject = subject_for_view(user, content_type_id=content_type_id, object_id=object_id)
    _refuse_unless(permissions.can_record_sensitive(user))
    return subject


def _involvement_for_view(user, pk: int) -> Involvement:
    register_view(user)
    return get_object_or_404(
        Involvement.objects.select_related("person", "organisation", "content_type"), pk=pk
    )


def involvement_for_change(user, pk: int) -> Involvement:
    involvement = _involvement_for_view(user, pk)
    _refuse_unless(permissions.can_manage_stakeholders(user))
    return involvement


def involvement_for_assessment(user, pk: int) -> Involvement:
    """Recording the support of an involved stakeholder."""
    involvement = _involvement_for_view(user, pk)
    _refuse_unless(permissions.can_record_sensitive(user))
    return involvement


def concern_for_change(user, pk: int) -> Concern:
    register_view(user)
    concern = get_object_or_404(Concern.objects.select_related("involvement"), pk=pk)
    _refuse_unless(permissions.can_record_sensitive(user))
    return concern


# --- Consultations and action items --------------------------------------------------------


def consultation_for_view(user, pk: int) -> Consultation:
    register_view(user)
    return selectors.consultation_detail(consultation_id=pk, user=user)


def consultation_for_change(user, pk: int) -> Consultation:
    """Editing a consultation, adding a decision or an action item."""
    consultation = consultation_for_view(user, pk)
    _refuse_unless(permissions.can_manage_stakeholders(user))
    return consultation


def action_item_for_completion(user, pk: int) -> ActionItem:
    register_view(user)
    item = get_object_or_404(ActionItem.objects.select_related("owner", "consultation"), pk=pk)
    _refuse_unless(permissions.can_complete_action_item(user, item))
    return item
