import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from core.idempotency import once_per_token
from core.listing import FilteredList, page_of

from . import access, gdpr, permissions, selectors, services
from .exports import CONSULTATION_COLUMNS, ORGANISATION_COLUMNS, person_columns
from .forms import (
    ActionItemForm,
    ConcernForm,
    ConsultationForm,
    DecisionForm,
    InvolvementForm,
    OrganisationForm,
    PersonForm,
    SupportAssessmentForm,
)
from .models import Involvement

PEOPLE = FilteredList(
    filterset=lambda request: selectors.person_filter(params=request.GET),
    template="stakeholders/person_list.html",
    results_template="stakeholders/_person_results.html",
    target="person-results",
    export_name="personen",
    sheet_title=gettext_lazy("People"),
)
ORGANISATIONS = FilteredList(
    filterset=lambda request: selectors.organisation_filter(params=request.GET),
    template="stakeholders/organisation_list.html",
    results_template="stakeholders/_organisation_results.html",
    target="organisation-results",
    export_name="organisaties",
    sheet_title=gettext_lazy("Organisations"),
)
CONSULTATIONS = FilteredList(
    filterset=lambda request: selectors.consultation_filter(params=request.GET, user=request.user),
    template="stakeholders/consultation_list.html",
    results_template="stakeholders/_consultation_results.html",
    target="consultation-results",
    export_name="overleg",
    sheet_title=gettext_lazy("Consultations"),
)


def _list_context(user) -> dict:
    return {"can_manage": permissions.can_manage_stakeholders(user)}


def _saved(request, form, action: Callable[[], object], *, success: str) -> bool:
    """Runs `action` for a POST whose form is valid, and says whether it went through: the
    user reads `success`, or finds what the register's rules refused on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action()
    except services.StakeholderError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, success)
    return True


def _form_page(request, form, *, title, cancel_url, intro=""):
    return render(
        request,
        "stakeholders/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro},
    )


# --- People --------------------------------------------------------------------------------


@login_required
def person_list(request):
    access.register_view(request.user)
    return PEOPLE.render(request, context=_list_context(request.user))


@login_required
def person_export(request, file_format: str):
    access.register_view(request.user)
    columns = person_columns(sensitive=permissions.can_see_sensitive(request.user))
    return PEOPLE.export(request, file_format=file_format, columns=columns)


@login_required
def person_detail(request, pk: int):
    person = access.person_for_view(request.user, pk)
    sensitive = permissions.can_see_sensitive(request.user)
    return render(
        request,
        "stakeholders/person_detail.html",
        {
            "person": person,
            "sensitive": sensitive,
            "involvements": selectors.person_involvements(
                person=person, user=request.user, sensitive=sensitive
            ),
            "consultations": selectors.person_consultations(person=person, user=request.user),
            "open_action_items": selectors.action_items_open(person=person, user=request.user),
            "can_manage": permissions.can_change_person(request.user, person),
            "can_administer": permissions.can_administer_personal_data(request.user),
        },
    )


@login_required
@once_per_token
def person_create(request):
    access.register_change(request.user)
    return _person_form(request, person=None)


@login_required
def person_update(request, pk: int):
    return _person_form(request, person=access.person_for_change(request.user, pk))


def _person_form(request, *, person):
    sensitive = permissions.can_see_sensitive(request.user)
    form = PersonForm(request.POST or None, instance=person, sensitive=sensitive)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.person_save(
                user=request.user, person_id=person.pk if person else None, **form.cleaned_data
            )
        except services.StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s saved.") % {"name": saved})
            return redirect(saved)
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": person} if person else _("New person"),
        cancel_url=person.get_absolute_url() if person else reverse("stakeholders:person_list"),
    )


@login_required
def person_data_export(request, pk: int):
    person = access.person_for_administration(request.user, pk)
    response = HttpResponse(
        json.dumps(gdpr.person_export(person=person), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="persoon-{person.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request, pk: int):
    person = access.person_for_administration(request.user, pk)
    if request.method == "POST":
        try:
            report = gdpr.person_erase(user=request.user, person_id=person.pk)
        except services.StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The personal data of this person have been erased, with %(count)d login "
                    "record of their account.",
                    "The personal data of this person have been erased, with %(count)d login "
                    "records of their account.",
                    report.login_records_removed,
                )
                % {"count": report.login_records_removed},
            )
            for copy in report.archived_copies:
                messages.warning(
                    request,
                    _("%(document)s still carries the name: %(reason)s.")
                    % {"document": copy.label, "reason": copy.reason},
                )
        return redirect(person)
    return render(request, "stakeholders/person_erase.html", {"person": person})


# --- Organisations -------------------------------------------------------------------------


@login_required
def organisation_list(request):
    access.register_view(request.user)
    return ORGANISATIONS.render(request, context=_list_context(request.user))


@login_required
def organisation_export(request, file_format: str):
    access.register_view(request.user)
    return ORGANISATIONS.export(request, file_format=file_format, columns=ORGANISATION_COLUMNS)


@login_required
def organisation_detail(request, pk: int):
    organisation = access.organisation_for_view(request.user, pk)
    return render(
        request,
        "stakeholders/organisation_detail.html",
        {
            "organisation": organisation,
            "people": organisation.people.filter(erased_at__isnull=True),
            "involvements": selectors.organisation_involvements(
                organisation=organisation, user=request.user
            ),
            "consultations": selectors.organisation_consultations(
                organisation=organisation, user=request.user
            ),
            "can_manage": permissions.can_manage_stakeholders(request.user),
        },
    )


@login_required
@once_per_token
def organisation_create(request):
    access.register_change(request.user)
    return _organisation_form(request, organisation=None)


@login_required
def organisation_update(request, pk: int):
    organisation = access.organisation_for_change(request.user, pk)
    return _organisation_form(request, organisation=organisation)


def _organisation_form(request, *, organisation):
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.organisation_save(
                user=request.user,
                organisation_id=organisation.pk if organisation else None,
                **form.cleaned_data,
            )
        except services.StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s saved.") % {"name": saved})
            return redirect(saved)
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": organisation}
        if organisation
        else _("New organisation"),
        cancel_url=organisation.get_absolute_url()
        if organisation
        else reverse("stakeholders:organisation_list"),
    )


# --- Subjects: involvement, support, concerns ----------------------------------------------


@login_required
def subject_list(request):
    access.register_view(request.user)
    page = page_of(request, selectors.subjects_with_support(user=request.user))
    return render(
        request,
        "stakeholders/subject_list.html",
        {"page": page, "subjects": selectors.subjects_resolve(list(page.object_list))},
    )


@login_required
def subject_support(request, content_type_id: int, object_id: int):
    subject = access.subject_for_view(
        request.user, content_type_id=content_type_id, object_id=object_id
    )
    return render(
        request,
        "stakeholders/subject_support.html",
        {
            "support": selectors.subject_support(subject=subject, user=request.user),
            "can_manage": permissions.can_manage_stakeholders(request.user),
            "can_record_sensitive": permissions.can_record_sensitive(request.user),
        },
    )


@login_required
@once_per_token
def involvement_create(request, content_type_id: int, object_id: int):
    subject = access.subject_for_change(
        request.user, content_type_id=content_type_id, object_id=object_id
    )
    form = InvolvementForm(request.POST or None)
    back = selectors.subject_url(subject)
    if _saved(
        request,
        form,
        lambda: services.involvement_create(
            user=request.user, subject=subject, **form.cleaned_data
        ),
        success=_("Stakeholder added."),
    ):
        return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Add a stakeholder to %(subject)s") % {"subject": subject},
        cancel_url=back,
    )


@login_required
def involvement_update(request, pk: int):
    involvement = access.involvement_for_change(request.user, pk)
    form = InvolvementForm(request.POST or None, instance=involvement)
    back = selectors.subject_url(involvement.subject)
    if request.method == "POST" and form.is_valid():
        services.involvement_update(
            user=request.user, involvement_id=involvement.pk, **form.cleaned_data
        )
        messages.success(request, _("Involvement saved."))
        return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Involvement of %(name)s") % {"name": involvement.stakeholder},
        cancel_url=back,
    )


@login_required
@once_per_token
def support_assess(request, pk: int):
    involvement = access.involvement_for_assessment(request.user, pk)
    form = SupportAssessmentForm(
        request.POST or None, initial={"assessed_on": timezone.localdate()}
    )
    back = selectors.subject_url(involvement.subject)
    if _saved(
        request,
        form,
        lambda: services.support_assess(
            user=request.user, involvement_id=involvement.pk, **form.cleaned_data
        ),
        success=_("Support recorded."),
    ):
        return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Support of %(name)s") % {"name": involvement.stakeholder},
        cancel_url=back,
    )


@login_required
@once_per_token
def concern_create(request, content_type_id: int, object_id: int):
    subject = access.subject_for_sensitive_change(
        request.user, content_type_id=content_type_id, object_id=object_id
    )
    involvements = Involvement.objects.for_subject(subject).select_related("person", "organisation")
    form = ConcernForm(
        request.POST or None,
        involvements=involvements,
        initial={"raised_on": timezone.localdate()},
    )
    back = selectors.subject_url(subject)
    if _saved(
        request,
        form,
        lambda: services.concern_save(user=request.user, **form.cleaned_data),
        success=_("Concern recorded."),
    ):
        return redirect(back)
    return _form_page(
        request,
        form,
        title=_("A concern about %(subject)s") % {"subject": subject},
        cancel_url=back,
    )


@login_required
def concern_update(request, pk: int):
    concern = access.concern_for_change(request.user, pk)
    form = ConcernForm(
        request.POST or None, instance=concern, involvements=Involvement.objects.none()
    )
    back = selectors.subject_url(concern.involvement.subject)
    if _saved(
        request,
        form,
        lambda: services.concern_save(
            user=request.user, concern_id=concern.pk, **form.cleaned_data
        ),
        success=_("Concern saved."),
    ):
        return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Concern of %(name)s") % {"name": concern.involvement.stakeholder},
        cancel_url=back,
    )


# --- Consultations -------------------------------------------------------------------------


@login_required
def consultation_list(request):
    access.register_view(request.user)
    return CONSULTATIONS.render(request, context=_list_context(request.user))


@login_required
def consultation_export(request, file_format: str):
    access.register_view(request.user)
    return CONSULTATIONS.export(request, file_format=file_format, columns=CONSULTATION_COLUMNS)


@login_required
def consultation_detail(request, pk: int):
    consultation = access.consultation_for_view(request.user, pk)
    can_manage = permissions.can_manage_stakeholders(request.user)
    return render(
        request,
        "stakeholders/consultation_detail.html",
        {
            "consultation": consultation,
            "subject_url": selectors.subject_url(consultation.subject)
            if consultation.subject
            else "",
            "can_manage": can_manage,
            "decision_form": DecisionForm() if can_manage else None,
            "action_form": ActionItemForm() if can_manage else None,
        },
    )


@login_required
@once_per_token
def consultation_create(request, content_type_id: int, object_id: int):
    subject = access.subject_for_change(
        request.user, content_type_id=content_type_id, object_id=object_id
    )
    return _consultation_form(request, subject=subject, consultation=None)


@login_required
def consultation_update(request, pk: int):
    consultation = access.consultation_for_change(request.user, pk)
    return _consultation_form(request, subject=consultation.subject, consultation=consultation)


def _consultation_form(request, *, subject, consultation):
    form = ConsultationForm(
        request.POST or None,
        instance=consultation,
        initial=None if consultation else {"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        saved = services.consultation_save(
            user=request.user,
            subject=subject,
            consultation_id=consultation.pk if consultation else None,
            **form.cleaned_data,
        )
        messages.success(request, _("Consultation saved."))
        return redirect(saved)
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": consultation}
        if consultation
        else _("New consultation about %(subject)s") % {"subject": subject},
        cancel_url=consultation.get_absolute_url()
        if consultation
        else selectors.subject_url(subject),
    )


@login_required
@once_per_token
def decision_add(request, pk: int):
    consultation = access.consultation_for_change(request.user, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.decision_add(
            user=request.user, consultation_id=consultation.pk, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Decision added."))
        return redirect(consultation)
    return _form_page(
        request,
        form,
        title=_("A decision of %(name)s") % {"name": consultation},
        cancel_url=consultation.get_absolute_url(),
    )


@login_required
@once_per_token
def action_item_add(request, pk: int):
    consultation = access.consultation_for_change(request.user, pk)
    form = ActionItemForm(request.POST or None)
    if _saved(
        request,
        form,
        lambda: services.action_item_add(
            user=request.user, consultation_id=consultation.pk, **form.cleaned_data
        ),
        success=_("Action item added."),
    ):
        return redirect(consultation)
    return _form_page(
        request,
        form,
        title=_("An action item of %(name)s") % {"name": consultation},
        cancel_url=consultation.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_complete(request, pk: int):
    item = access.action_item_for_completion(request.user, pk)
    if request.method == "POST":
        try:
            services.action_item_complete(user=request.user, action_item_id=item.pk)
        except services.StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Action item marked as done."))
        return redirect(item.consultation)
    return render(request, "stakeholders/action_item_complete.html", {"item": item})
