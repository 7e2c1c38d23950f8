"""Every write in the stakeholder register that carries a rule."""

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import (
    SUBJECT_MODELS,
    ActionItem,
    Concern,
    Consultation,
    ConsultationDecision,
    Department,
    Involvement,
    Organisation,
    Person,
    SupportAssessment,
)


class PersonFields(TypedDict, total=False):
    full_name: str
    job_title: str
    department: Department | None
    organisation: Organisation | None
    email: str
    phone: str
    notes: str


class OrganisationFields(TypedDict, total=False):
    name: str
    kind: str
    description: str
    email: str
    phone: str
    website: str
    address: str


class ConcernFields(TypedDict, total=False):
    category: str
    description: str
    raised_on: datetime.date
    mitigation: str
    owner: Person | None
    due_on: datetime.date | None
    status: str


class StakeholderError(Exception):
    """A rule of the register refused the change; the message is for the user."""


def _require_manager(user):
    if not permissions.can_manage_stakeholders(user):
        raise PermissionDenied(_("You may not manage stakeholders."))


def _require_sensitive(user):
    if not permissions.can_record_sensitive(user):
        raise PermissionDenied(_("You may not record support or concerns."))


def subject_is_allowed(subject) -> bool:
    meta = subject._meta
    return f"{meta.app_label}.{meta.model_name}" in SUBJECT_MODELS


def _check_subject(subject):
    if subject is None or not subject_is_allowed(subject):
        raise StakeholderError(
            _("Stakeholders can only be linked to a programme, pilot or dossier.")
        )


def _full_clean(instance, **kwargs):
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise StakeholderError(" ".join(error.messages)) from error


# --- Register ------------------------------------------------------------------------------


@transaction.atomic
def person_save(*, user, person_id: int | None = None, **fields: Unpack[PersonFields]) -> Person:
    """Registers a person, or changes the fields given of `person_id`. The notes are kept
    from who may not see them."""
    _require_manager(user)
    if person_id is None:
        person = Person()
    else:
        person = Person.objects.select_for_update().get(pk=person_id)
        if person.is_erased:
            raise StakeholderError(_("An erased person can no longer be changed."))
    if not permissions.can_see_sensitive(user):
        fields.pop("notes", None)
    for name, value in fields.items():
        setattr(person, name, value)
    _full_clean(person)
    person.save()
    return person


@transaction.atomic
def organisation_save(
    *, user, organisation_id: int | None = None, **fields: Unpack[OrganisationFields]
) -> Organisation:
    _require_manager(user)
    organisation = (
        Organisation()
        if organisation_id is None
        else Organisation.objects.select_for_update().get(pk=organisation_id)
    )
    for name, value in fields.items():
        setattr(organisation, name, value)
    _full_clean(organisation)
    organisation.save()
    return organisation


# --- Involvement and support ---------------------------------------------------------------


@transaction.atomic
def involvement_create(
    *, user, subject, person=None, organisation=None, role="", influence, interest
) -> Involvement:
    _require_manager(user)
    _check_subject(subject)
    if (person is None) == (organisation is None):
        raise StakeholderError(_("Choose either a person or an organisation."))
    if person is not None and person.is_erased:
        raise StakeholderError(_("An erased person cannot be involved any more."))
    involvement = Involvement(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        person=person,
        organisation=organisation,
        role=role,
        influence=influence,
        interest=interest,
    )
    _full_clean(involvement, validate_constraints=False)
    if Involvement.objects.for_subject(subject).filter(person=person, organisation=organisation):
        raise StakeholderError(_("This stakeholder is already involved."))
    try:
        with transaction.atomic():
            involvement.save()
    except IntegrityError as error:
        # Two people adding the same stakeholder at once: the unique constraint decides.
        raise StakeholderError(_("This stakeholder is already involved.")) from error
    return involvement


@transaction.atomic
def involvement_update(*, user, involvement_id: int, role: str, influence: int, interest: int):
    _require_manager(user)
    involvement = Involvement.objects.select_for_update().get(pk=involvement_id)
    involvement.role, involvement.influence, involvement.interest = role, influence, interest
    _full_clean(involvement, validate_constraints=False)
    involvement.save(update_fields=["role", "influence", "interest"])
    return involvement


@transaction.atomic
def support_assess(*, user, involvement_id: int, assessed_on, level: int, note: str = ""):
    _require_sensitive(user)
    involvement = Involvement.objects.get(pk=involvement_id)
    if assessed_on > timezone.localdate():
        raise StakeholderError(_("Support cannot be assessed on a future date."))
    assessment = SupportAssessment(
        involvement=involvement, assessed_on=assessed_on, level=level, note=note, assessed_by=user
    )
    _full_clean(assessment)
    assessment.save()
    return assessment


@transaction.atomic
def concern_save(
    *,
    user,
    involvement: Involvement | None = None,
    concern_id: int | None = None,
    **fields: Unpack[ConcernFields],
) -> Concern:
    """Records a concern of `involvement`, or changes the fields given of `concern_id`."""
    _require_sensitive(user)
    if concern_id is None:
        concern = Concern(involvement=involvement)
    else:
        concern = Concern.objects.select_for_update().get(pk=concern_id)
    for name, value in fields.items():
        setattr(concern, name, value)
    if concern.owner is not None and concern.owner.is_erased:
        raise StakeholderError(_("An erased person cannot own a mitigation."))
    _full_clean(concern)
    concern.save()
    return concern


# --- Consultations -------------------------------------------------------------------------


@transaction.atomic
def consultation_save(
    *,
    user,
    held_on: datetime.date,
    title: str,
    minutes: str = "",
    participants: Iterable[Person] = (),
    organisations: Iterable[Organisation] = (),
    subject=None,
    consultation_id: int | None = None,
) -> Consultation:
    _require_manager(user)
    if consultation_id is None:
        _check_subject(subject)
        consultation = Consultation(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            created_by=user,
        )
    else:
        consultation = Consultation.objects.select_for_update().get(pk=consultation_id)
    consultation.held_on, consultation.title, consultation.minutes = held_on, title, minutes
    _full_clean(consultation)
    consultation.save()
    consultation.participants.set(participants)
    consultation.organisations.set(organisations)
    return consultation


@transaction.atomic
def decision_add(*, user, consultation_id: int, text: str) -> ConsultationDecision:
    _require_manager(user)
    consultation = Consultation.objects.get(pk=consultation_id)
    decision = ConsultationDecision(consultation=consultation, text=text.strip())
    _full_clean(decision)
    decision.save()
    return decision


@transaction.atomic
def action_item_add(*, user, consultation_id: int, description: str, owner, due_on) -> ActionItem:
    _require_manager(user)
    consultation = Consultation.objects.get(pk=consultation_id)
    if owner.is_erased:
        raise StakeholderError(_("An erased person cannot own an action item."))
    item = ActionItem(
        consultation=consultation, description=description.strip(), owner=owner, due_on=due_on
    )
    _full_clean(item)
    item.save()
    return item


@transaction.atomic
def action_item_complete(*, user, action_item_id: int) -> ActionItem:
    item = ActionItem.objects.select_for_update().select_related("owner").get(pk=action_item_id)
    if not permissions.can_complete_action_item(user, item):
        raise PermissionDenied(_("Only the owner or procurement can complete this action item."))
    if item.is_done:
        raise StakeholderError(_("This action item is already done."))
    item.done_at, item.done_by = timezone.now(), user
    item.save(update_fields=["done_at", "done_by"])
    return item
