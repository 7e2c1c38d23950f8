"""Personal data (GDPR): everything held about a person, and erasing it.

Erasure anonymises rather than deletes: consultations, decisions, action items, concerns and
support levels stay, so the history of a programme still adds up, but nothing in them says
who the person was any more. The login records of their account (django-axes: username,
address, browser) are deleted. Frozen official documents are not changed: they are the
record of a public decision; the erasure report names those that still carry the name.
"""

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import user_roles

from . import permissions
from .models import (
    ActionItem,
    Concern,
    Consultation,
    ConsultationDecision,
    ErasureRecord,
    Person,
    SupportAssessment,
)
from .services import StakeholderError


def _day(value):
    return value.isoformat() if value else None


def person_export(*, person: Person) -> dict:
    """Everything the application holds about one person, as JSON-ready data."""
    user = person.user
    involvements = list(
        person.involvements.select_related("content_type").prefetch_related(
            "assessments", "concerns"
        )
    )
    data = {
        "person": {
            "id": person.pk,
            "full_name": person.full_name,
            "job_title": person.job_title,
            "email": person.email,
            "phone": person.phone,
            "notes": person.notes,
            "department": str(person.department) if person.department_id else None,
            "organisation": str(person.organisation) if person.organisation_id else None,
            "erased_at": _day(person.erased_at),
        },
        "user_account": None,
        "involvements": [
            {
                "subject": f"{involvement.content_type.app_label}.{involvement.content_type.model}"
                f" #{involvement.object_id}",
                "role": involvement.role,
                "influence": involvement.influence,
                "interest": involvement.interest,
                "support_assessments": [
                    {"date": _day(a.assessed_on), "level": a.level, "note": a.note}
                    for a in involvement.assessments.all()
                ],
                "concerns": [
                    {
                        "category": c.category,
                        "description": c.description,
                        "raised_on": _day(c.raised_on),
                        "status": c.status,
                    }
                    for c in involvement.concerns.all()
                ],
            }
            for involvement in involvements
        ],
        "consultations": [
            {"date": _day(c.held_on), "title": c.title}
            for c in person.consultations.order_by("held_on")
        ],
        "action_items": [
            {"description": a.description, "due_on": _day(a.due_on), "done": a.is_done}
            for a in person.action_items.order_by("due_on")
        ],
        "mitigations_owned": [
            {"category": c.category, "mitigation": c.mitigation, "due_on": _day(c.due_on)}
            for c in person.owned_concerns.order_by("raised_on")
        ],
        "other_references": _other_references(person),
    }
    if user is not None:
        data["user_account"] = {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "is_active": user.is_active,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user_roles(user)),
        }
    return data


OWN_RELATIONS = {
    "involvements",
    "consultations",
    "action_items",
    "owned_concerns",
    "erasure",
    "people",
}


def _other_references(person: Person) -> list[dict]:
    """Rows of other apps that point at the person (e.g. dossiers they own), found through
    the model's relations so that this app does not import those apps."""
    references = []
    for relation in Person._meta.related_objects:
        accessor = relation.get_accessor_name()
        if accessor in OWN_RELATIONS or relation.one_to_one or accessor is None:
            continue
        if relation.related_name == "+":
            continue
        rows = getattr(person, accessor).all()[:500]
        references += [
            {"kind": str(relation.related_model._meta.verbose_name), "item": str(row)}
            for row in rows
        ]
    return references


@dataclass(frozen=True)
class ArchivedCopy:
    """A record that keeps the person's name on purpose, and why."""

    label: str
    url: str
    reason: str


@dataclass
class ErasureReport:
    person: Person
    login_records_removed: int = 0
    archived_copies: list[ArchivedCopy] = dataclasses.field(default_factory=list)


# Apps above this one (the official documents of pilots) tell which of their frozen records
# still carry a name: finder(names) -> [ArchivedCopy]. Registered in their AppConfig.ready.
_archive_finders: list[Callable[[list[str]], list[ArchivedCopy]]] = []


def archived_copies_register(finder: Callable[[list[str]], list[ArchivedCopy]]) -> None:
    if finder not in _archive_finders:
        _archive_finders.append(finder)


def _login_records_purge(username: str) -> int:
    """The login-attempt log keeps username, client address and browser of every attempt."""
    removed = 0
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        removed += model.objects.filter(username__iexact=username).delete()[0]
    return removed


@transaction.atomic
def person_erase(*, user, person_id: int) -> ErasureReport:
    if not permissions.can_administer_personal_data(user):
        raise PermissionDenied(_("Only an administrator may erase a person."))
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person_id)
    if person.is_erased:
        raise StakeholderError(_("This person has already been erased."))
    old_name = person.full_name.strip()
    account = person.user
    names = [old_name]
    if account is not None:
        names.append(account.get_full_name().strip())
    names = [name for name in dict.fromkeys(names) if name]
    report = ErasureReport(person=person)
    for finder in _archive_finders:
        report.archived_copies += finder(names)
    person.erased_at = timezone.now()
    label = str(person)
    if old_name:
        _replace_name_in_texts(person=person, old_name=old_name, label=label)
    person.full_name = ""
    person.job_title = person.email = person.phone = person.notes = ""
    person.save(update_fields=["full_name", "job_title", "email", "phone", "notes", "erased_at"])
    # Opinions about the person go; the support levels stay so the barometer still adds up.
    SupportAssessment.objects.filter(involvement__person=person).update(note="")
    if account is not None:
        report.login_records_removed = _login_records_purge(account.get_username())
        account.username = f"erased-{account.pk}"
        account.first_name = account.last_name = account.email = ""
        account.is_active = False
        account.set_unusable_password()
        account.save()
    ErasureRecord.objects.create(person=person, erased_by=user)
    return report


def _replace_name_in_texts(*, person: Person, old_name: str, label: str):
    """Minutes, decisions, actions and concerns keep their meaning, with the name replaced."""
    targets = [
        (Consultation.objects.filter(minutes__icontains=old_name), ["minutes", "title"]),
        (ConsultationDecision.objects.filter(text__icontains=old_name), ["text"]),
        (ActionItem.objects.filter(description__icontains=old_name), ["description"]),
        (
            Concern.objects.filter(
                Q(description__icontains=old_name) | Q(mitigation__icontains=old_name)
            ),
            ["description", "mitigation"],
        ),
        (SupportAssessment.objects.filter(note__icontains=old_name), ["note"]),
    ]
    for queryset, fields in targets:
        for row in queryset.select_for_update():
            for field in fields:
                setattr(row, field, _replace(getattr(row, field), old_name, label))
            row.save(update_fields=fields)


def _replace(text: str, old: str, new: str) -> str:
    return re.sub(re.escape(old), new, text, flags=re.IGNORECASE)
