"""The advisor's pages (`/advice/`) and the officers' pages to invite advisors and answer
them, plus the Advisors section of the programme page (see `pilots.approval.pages`).

An advisor works for no municipality. Their invitation is checked on every request
(`access.invitation_for_advisor`), and only then is the programme's municipality made the
scope, for that one response, with no role of any municipality in it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.idempotency import once_per_token
from core.scoping import municipality_scope
from pilots.approval.models import Programme
from pilots.common.errors import PilotError
from pilots.common.forms import apply_error
from pilots.documents.selectors import StoredFileUnavailable, official_document_pdf
from pilots.documents.views import document_unavailable

from . import access, selectors, services
from .forms import CommentForm, InvitationForm
from .models import Invitation
from .permissions import can_manage_advisors


@contextmanager
def _as_advisor(request, invitation: Invitation) -> Iterator[None]:
    """The scope of the invitation's programme, and no roles: an advisor who also works for
    another municipality does not bring its roles (or its navigation) into this one."""
    user = request.user
    roles = getattr(user, "_draagvlak_roles", None)
    user._draagvlak_roles = frozenset()
    try:
        with municipality_scope(invitation.programme.municipality):
            yield
    finally:
        user._draagvlak_roles = roles


# --- The advisor ------------------------------------------------------------------------------


@login_required
@require_GET
def advice_list(request):
    invitations = selectors.advisor_invitations(user=request.user)
    services.accesses_record(invitations=invitations, user=request.user, path=request.path)
    return render(request, "pilots/advice/advice_list.html", {"invitations": invitations})


@login_required
@require_http_methods(["GET", "POST"])
def advice_detail(request, pk: int):
    invitation = access.invitation_for_advisor(request.user, pk)
    with _as_advisor(request, invitation):
        form = CommentForm(request.POST or None, submit=_("Send comment"))
        if request.method == "POST":
            if form.is_valid():
                try:
                    _comment, created = services.comment_add(
                        user=request.user,
                        invitation_id=invitation.pk,
                        text=form.cleaned_data["text"],
                        client_token=form.cleaned_data["client_token"],
                    )
                except PilotError as error:
                    apply_error(form, error)
                else:
                    if created:
                        messages.success(
                            request, _("Your comment was sent to the programme's officers.")
                        )
                    else:
                        messages.info(request, _("This comment had already been sent."))
                    return redirect("pilots:advice_detail", invitation.pk)
        else:
            services.access_record(
                invitation=invitation, user=request.user, path=request.get_full_path()
            )
        programme = selectors.advisor_programme(programme_id=invitation.programme_id)
        return render(
            request,
            "pilots/advice/advice_detail.html",
            {
                "invitation": invitation,
                "programme": programme,
                "comments": selectors.invitation_comments(invitation=invitation),
                "form": form,
            },
        )


@login_required
@require_GET
def advice_document(request, pk: int, document_id: int):
    invitation = access.invitation_for_advisor(request.user, pk)
    with _as_advisor(request, invitation):
        document = selectors.official_document_of(
            programme=invitation.programme, document_id=document_id
        )
        if document is None:
            raise Http404
        services.access_record(invitation=invitation, user=request.user, path=request.path)
        try:
            pdf = official_document_pdf(document)
        except StoredFileUnavailable:
            pdf = None
    if pdf is None:
        return document_unavailable(
            request,
            message=_("This document cannot be opened right now; the municipality has been told."),
            back_url=reverse("pilots:advice_detail", args=[invitation.pk]),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    return response


# --- The programme's officers -----------------------------------------------------------------


def programme_section(*, user, programme: Programme) -> dict:
    """The programme page's Advisors section, for the programme's officers only."""
    if not can_manage_advisors(user, programme):
        return {"advice": None}
    today = timezone.localdate()
    invitations = selectors.programme_invitations(programme=programme)
    for invitation in invitations:
        invitation.running = invitation.is_running(today=today)
        invitation.reply_form = (
            CommentForm(submit=_("Reply"), form_tag=False, auto_id=f"id_reply{invitation.pk}_%s")
            if invitation.running
            else None
        )
    return {"advice": {"invitations": invitations}}


@login_required
@require_http_methods(["GET", "POST"])
@once_per_token
def invitation_create(request, pk: int):
    programme = access.programme_for_advisor_manager(request.user, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                user=request.user, programme_id=programme.pk, **form.cleaned_data
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is invited; the invitation is on its way by e-mail.")
                % {"name": invitation.advisor.get_full_name() or invitation.advisor.email},
            )
            return redirect(programme.get_absolute_url() + "#advisors-title")
    return render(
        request, "pilots/advice/invitation_form.html", {"programme": programme, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_end(request, pk: int, invitation_id: int):
    invitation = access.invitation_for_manager(request.user, pk, invitation_id)
    programme = invitation.programme
    if request.method == "POST":
        try:
            services.invitation_end(user=request.user, invitation_id=invitation.pk)
        except PilotError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The invitation has ended: the advisor sees nothing more."))
        return redirect(programme.get_absolute_url() + "#advisors-title")
    return render(
        request,
        "pilots/advice/invitation_end.html",
        {"programme": programme, "invitation": invitation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def advisor_thread(request, pk: int, invitation_id: int):
    """The thread of one invitation for the programme's officers: the comments, a reply and
    the advisor's accesses."""
    invitation = access.invitation_for_manager(request.user, pk, invitation_id)
    programme = invitation.programme
    running = invitation.running = invitation.is_running(today=timezone.localdate())
    form = CommentForm(request.POST or None, submit=_("Reply")) if running else None
    if request.method == "POST":
        if form is None:
            messages.error(
                request, _("This invitation has ended: the advisor can no longer read a reply.")
            )
            return redirect(request.path)
        if form.is_valid():
            try:
                _comment, created = services.comment_add(
                    user=request.user,
                    invitation_id=invitation.pk,
                    text=form.cleaned_data["text"],
                    client_token=form.cleaned_data["client_token"],
                )
            except PilotError as error:
                apply_error(form, error)
            else:
                if created:
                    messages.success(request, _("Your reply was sent to the advisor."))
                else:
                    messages.info(request, _("This reply had already been sent."))
                if request.POST.get("back") == "programme":
                    return redirect(programme.get_absolute_url() + "#advisors-title")
                return redirect(request.path)
    return render(
        request,
        "pilots/advice/advisor_thread.html",
        {
            "programme": programme,
            "invitation": invitation,
            "running": running,
            "comments": selectors.invitation_comments(invitation=invitation),
            "accesses": selectors.invitation_accesses(invitation=invitation),
            "form": form,
        },
    )
