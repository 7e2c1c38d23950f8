import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exports import export_response
from core.listing import list_render

from . import gdpr, permissions, selectors, services
from .exports import CONSULTATION_COLUMNS, ORGANISATION_COLUMNS, person_columns
from .filters import ConsultationFilter, OrganisationFilter, PersonFilter
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
from .models import ActionItem, Concern, Involvement, Organisation, Person

PAGE_SIZE = 25


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _view_register(user):
    _require(permissions.can_view_register(user))


def _person_or_404(pk: int) -> Person:
    return get_object_or_404(selectors.person_queryset(), pk=pk)


def _listing(request, filterset, template, results_template, target, extra=None):
    return list_render(
        request,
        filterset=filterset,
        template=template,
        results_template=results_template,
        target=target,
        context={"can_manage": permissions.can_manage_stakeholders(request.user), **(extra or {})},
    )


def _form_page(request, form, *, title, cancel_url, intro=""):
    return render(
        request,
        "stakeholders/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro},
    )


def _stamp():
    return timezone.localdate().strftime("%Y%m%d")


# --- People --------------------------------------------------------------------------------


@login_required
def person_list(request):
    _view_register(request.user)
    return _listing(
        request,
        PersonFilter(request.GET, queryset=selectors.person_queryset()),
        "stakeholders/person_list.html",
        "stakeholders/_person_results.html",
        "person-results",
    )


@login_required
def person_export(request, file_format: str):
    _view_register(request.user)
    people = PersonFilter(request.GET, queryset=selectors.person_queryset()).qs
    return export_response(
        file_format=file_format,
        filename=f"personen-{_stamp()}",
        sheet_title=_("People"),
        columns=person_columns(sensitive=permissions.can_see_sensitive(request.user)),
        rows=people,
    )


@login_required
def person_detail(request, pk: int):
    _view_register(request.user)
    person = _person_or_404(pk)
    sensitive = permissions.can_see_sensitive(request.user)
    return render(
        request,
        "stakeholders/person_detail.html",
        {
            "person": person,
            "sensitive": sensitive,
            "involvements": selectors.person_involvements(person=person, sensitive=sensitive),
            "consultations": selectors.person_consultations(person=person),
            "open_action_items": selectors.action_items_open(person=person),
            "can_manage": permissions.can_manage_stakeholders(request.user)
            and not person.is_erased,
            "can_administer": permissions.can_administer_personal_data(request.user),
        },
    )


@login_required
def person_create(request):
    return _person_form(request, person=None)


@login_required
def person_update(request, pk: int):
    person = _person_or_404(pk)
    if person.is_erased:
        raise PermissionDenied
    return _person_form(request, person=person)


def _person_form(request, *, person):
    _require(permissions.can_manage_stakeholders(request.user))
    sensitive = permissions.can_see_sensitive(request.user)
    form = PersonForm(request.POST or None, instance=person, sensitive=sensitive)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.person_save(
                user=request.user,
                fields=form.cleaned_data,
                person_id=person.pk if person else None,
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
    _require(permissions.can_administer_personal_data(request.user))
    person = _person_or_404(pk)
    response = HttpResponse(
        json.dumps(gdpr.person_export(person=person), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="persoon-{person.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request, pk: int):
    _require(permissions.can_administer_personal_data(request.user))
    person = _person_or_404(pk)
    if request.method == "POST":
        try:
            gdpr.person_erase(user=request.user, person_id=person.pk)
        except services.StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The personal data of this person have been erased."))
        return redirect(person)
    return render(request, "stakeholders/person_erase.html", {"person": person})


# --- Organisations -------------------------------------------------------------------------


@login_required
def organisation_list(request):
    _view_register(request.user)
    return _listing(
        request,
        OrganisationFilter(request.GET, queryset=selectors.organisation_queryset()),
        "stakeholders/organisation_list.html",
        "stakeholders/_organisation_results.html",
        "organisation-results",
    )


@login_required
def organisation_export(request, file_format: str):
    _view_register(request.user)
    rows = OrganisationFilter(request.GET, queryset=selectors.organisation_queryset()).qs
    return export_response(
        file_format=file_format,
        filename=f"organisaties-{_stamp()}",
        sheet_title=_("Organisations"),
        columns=ORGANISATION_COLUMNS,
        rows=rows,
    )


@login_required
def organisation_detail(request, pk: int):
    _view_register(request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    return render(
        request,
        "stakeholders/organisation_detail.html",
        {
            "organisation": organisation,
            "people": organisation.people.filter(erased_at__isnull=True),
            "involvements": organisation.involvements.select_related(
                "content_type"
            ).prefetch_related("subject"),
            "consultations": organisation.consultations.prefetch_related("subject")[:50],
            "can_manage": permissions.can_manage_stakeholders(request.user),
        },
    )


@login_required
def organisation_create(request):
    return _organisation_form(request, organisation=None)


@login_required
def organisation_update(request, pk: int):
    return _organisation_form(request, organisation=get_object_or_404(Organisation, pk=pk))


def _organisation_form(request, *, organisation):
    _require(permissions.can_manage_stakeholders(request.user))
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.organisation_save(
                user=request.user,
                fields=form.cleaned_data,
                organisation_id=organisation.pk if organisation else None,
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
    _view_register(request.user)
    page = Paginator(selectors.subjects_with_support(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "stakeholders/subject_list.html",
        {"page": page, "subjects": selectors.subjects_resolve(list(page.object_list))},
    )


@login_required
def subject_support(request, content_type_id: int, object_id: int):
    _view_register(request.user)
    subject = selectors.subject_or_404(content_type_id=content_type_id, object_id=object_id)
    return render(
        request,
        "stakeholders/subject_support.html",
        {
            "support": selectors.subject_support(subject=subject, user=request.user),
            "can_manage": permissions.can_manage_stakeholders(request.user),
            "can_record_sensitive": permissions.can_manage_stakeholders(request.user)
            and permissions.can_see_sensitive(request.user),
        },
    )


@login_required
def involvement_create(request, content_type_id: int, object_id: int):
    _view_register(request.user)
    subject = selectors.subject_or_404(content_type_id=content_type_id, object_id=object_id)
    _require(permissions.can_manage_stakeholders(request.user))
    form = InvolvementForm(request.POST or None)
    back = selectors.subject_url(subject)
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_create(user=request.user, subject=subject, **form.cleaned_data)
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Stakeholder added."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Add a stakeholder to %(subject)s") % {"subject": subject},
        cancel_url=back,
    )


def _involvement_or_404(pk: int) -> Involvement:
    return get_object_or_404(
        Involvement.objects.select_related("person", "organisation", "content_type"), pk=pk
    )


@login_required
def involvement_update(request, pk: int):
    _view_register(request.user)
    involvement = _involvement_or_404(pk)
    _require(permissions.can_manage_stakeholders(request.user))
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
def support_assess(request, pk: int):
    involvement = _involvement_or_404(pk)
    # Support is sensitive: who may not see it cannot tell this page exists.
    if not permissions.can_see_sensitive(request.user):
        raise PermissionDenied
    _require(permissions.can_manage_stakeholders(request.user))
    form = SupportAssessmentForm(
        request.POST or None, initial={"assessed_on": timezone.localdate()}
    )
    back = selectors.subject_url(involvement.subject)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_assess(
                user=request.user, involvement_id=involvement.pk, **form.cleaned_data
            )
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Support recorded."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Support of %(name)s") % {"name": involvement.stakeholder},
        cancel_url=back,
    )


@login_required
def concern_create(request, content_type_id: int, object_id: int):
    _require(permissions.can_see_sensitive(request.user))
    subject = selectors.subject_or_404(content_type_id=content_type_id, object_id=object_id)
    _require(permissions.can_manage_stakeholders(request.user))
    involvements = Involvement.objects.for_subject(subject).select_related("person", "organisation")
    form = ConcernForm(
        request.POST or None,
        involvements=involvements,
        initial={"raised_on": timezone.localdate()},
    )
    back = selectors.subject_url(subject)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        involvement = fields.pop("involvement")
        try:
            services.concern_save(user=request.user, fields=fields, involvement=involvement)
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Concern recorded."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("A concern about %(subject)s") % {"subject": subject},
        cancel_url=back,
    )


@login_required
def concern_update(request, pk: int):
    _require(permissions.can_see_sensitive(request.user))
    concern = get_object_or_404(Concern.objects.select_related("involvement"), pk=pk)
    _require(permissions.can_manage_stakeholders(request.user))
    form = ConcernForm(
        request.POST or None, instance=concern, involvements=Involvement.objects.none()
    )
    back = selectors.subject_url(concern.involvement.subject)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_save(
                user=request.user, fields=form.cleaned_data, concern_id=concern.pk
            )
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Concern saved."))
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
    _view_register(request.user)
    return _listing(
        request,
        ConsultationFilter(request.GET, queryset=selectors.consultation_queryset()),
        "stakeholders/consultation_list.html",
        "stakeholders/_consultation_results.html",
        "consultation-results",
    )


@login_required
def consultation_export(request, file_format: str):
    _view_register(request.user)
    rows = ConsultationFilter(request.GET, queryset=selectors.consultation_queryset()).qs
    return export_response(
        file_format=file_format,
        filename=f"overleg-{_stamp()}",
        sheet_title=_("Consultations"),
        columns=CONSULTATION_COLUMNS,
        rows=rows,
    )


@login_required
def consultation_detail(request, pk: int):
    _view_register(request.user)
    consultation = selectors.consultation_detail(consultation_id=pk)
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
            "today": timezone.localdate(),
        },
    )


@login_required
def consultation_create(request, content_type_id: int, object_id: int):
    _view_register(request.user)
    subject = selectors.subject_or_404(content_type_id=content_type_id, object_id=object_id)
    return _consultation_form(request, subject=subject, consultation=None)


@login_required
def consultation_update(request, pk: int):
    _view_register(request.user)
    consultation = selectors.consultation_detail(consultation_id=pk)
    return _consultation_form(request, subject=consultation.subject, consultation=consultation)


def _consultation_form(request, *, subject, consultation):
    _require(permissions.can_manage_stakeholders(request.user))
    form = ConsultationForm(
        request.POST or None,
        instance=consultation,
        initial=None if consultation else {"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        saved = services.consultation_save(
            user=request.user,
            fields=form.service_fields(),
            participants=form.cleaned_data["participants"],
            organisations=form.cleaned_data["organisations"],
            subject=subject,
            consultation_id=consultation.pk if consultation else None,
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
def decision_add(request, pk: int):
    _view_register(request.user)
    consultation = selectors.consultation_detail(consultation_id=pk)
    _require(permissions.can_manage_stakeholders(request.user))
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
def action_item_add(request, pk: int):
    _view_register(request.user)
    consultation = selectors.consultation_detail(consultation_id=pk)
    _require(permissions.can_manage_stakeholders(request.user))
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_add(
                user=request.user, consultation_id=consultation.pk, **form.cleaned_data
            )
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Action item added."))
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
    _view_register(request.user)
    item = get_object_or_404(ActionItem.objects.select_related("owner", "consultation"), pk=pk)
    _require(permissions.can_complete_action_item(request.user, item))
    if request.method == "POST":
        try:
            services.action_item_complete(user=request.user, action_item_id=item.pk)
        except services.StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Action item marked as done."))
        return redirect(item.consultation)
    return render(request, "stakeholders/action_item_complete.html", {"item": item})
