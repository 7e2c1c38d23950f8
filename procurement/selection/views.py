from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.idempotency import once_per_token
from core.listing import export_render, page_of
from procurement import permissions
from procurement.dossiers.forms import DossierForm
from stakeholders.models import Department
from stakeholders.selectors import user_department_id

from . import access, selectors, services
from .exports import ranking_columns
from .forms import (
    CandidateAnswerForm,
    CompleteAnswerForm,
    CriterionFormSet,
    DecideForm,
    HandScoresForm,
    LinkDossierForm,
    OutcomeForm,
    OverrideForm,
    ReopenForm,
    RoundForm,
)
from .models import Candidate

RANKING_PAGE_SIZE = 50


def _submitted(request, form, action: Callable[[], object], *, success: str) -> bool:
    """Runs `action` for a POST whose form is valid, and says whether it went through: the
    user reads `success`, or what the selection rules refused."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action()
    except services.SelectionError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True


# --- Rounds --------------------------------------------------------------------------------


@login_required
def round_list(request):
    access.round_list_check(request.user)
    round_filter = selectors.round_filter(params=request.GET)
    page = page_of(request, round_filter.qs)
    return render(
        request,
        "procurement/selection/round_list.html",
        {
            "filter": round_filter,
            "page": page,
            "can_run": permissions.can_run_selection(request.user),
            "my_requests": selectors.open_requests_for(user=request.user),
        },
    )


@login_required
@once_per_token
def round_create(request):
    access.round_open_check(request.user)
    form = RoundForm(request.POST or None, initial={"departments": Department.objects.all()})
    if request.method == "POST" and form.is_valid():
        try:
            selection_round = services.round_open(user=request.user, **form.cleaned_data)
        except services.SelectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Round opened; the departments are asked by e-mail."))
            return redirect(selection_round)
    return render(
        request,
        "procurement/selection/form.html",
        {"form": form, "heading": _("Open an inventory round")},
    )


@login_required
def round_detail(request, pk: int):
    selection_round = access.round_to_view(request.user, round_id=pk)
    invitations = selectors.round_invitations(selection_round=selection_round)
    own = user_department_id(request.user)
    return render(
        request,
        "procurement/selection/round_detail.html",
        {
            "round": selection_round,
            "invitations": invitations,
            "criteria": list(selection_round.criteria.all()),
            "selected": selectors.selected_candidates(selection_round=selection_round),
            "events": selectors.round_events(selection_round=selection_round),
            "can_change": permissions.can_change_round(request.user, selection_round),
            "can_reopen": permissions.can_reopen_round(request.user, selection_round),
            "can_start_programme": permissions.can_start_programme_from(
                request.user, selection_round
            ),
            "answerable": [i for i in invitations if permissions.can_answer_for(request.user, i)],
            "own_department_id": own,
        },
    )


@login_required
def round_decide(request, pk: int):
    selection_round = access.round_to_run(request.user, round_id=pk)
    waiting = selectors.unanswered_before_deadline(selection_round=selection_round)
    form = DecideForm(request.POST or None, waiting=waiting)
    if _submitted(
        request,
        form,
        lambda: services.round_decide(user=request.user, round_id=pk, **form.cleaned_data),
        success=_("The selection is decided and the round is closed."),
    ):
        return redirect(selection_round)
    return render(
        request,
        "procurement/selection/decide.html",
        {
            "form": form,
            "round": selection_round,
            "candidates": selectors.round_outcomes(selection_round=selection_round),
            "waiting": waiting,
        },
    )


@login_required
def round_reopen(request, pk: int):
    selection_round = access.round_to_run(request.user, round_id=pk)
    form = ReopenForm(request.POST or None)
    if _submitted(
        request,
        form,
        lambda: services.round_reopen(user=request.user, round_id=pk, **form.cleaned_data),
        success=_("The decision is reopened; the history is kept."),
    ):
        return redirect(selection_round)
    return render(
        request,
        "procurement/selection/form.html",
        {
            "form": form,
            "round": selection_round,
            "heading": _("Reopen the decision"),
            "dependents": selectors.round_dependents(selection_round=selection_round),
        },
    )


# --- A department's answer -------------------------------------------------------------------


@login_required
@once_per_token
def answer(request, pk: int, department_id: int):
    invitation = access.invitation_to_answer(request.user, round_id=pk, department_id=department_id)
    selection_round = invitation.round
    form = LinkDossierForm(
        request.POST or None,
        dossiers=selectors.linkable_dossiers(
            selection_round=selection_round, department_id=department_id
        ),
    )
    if _submitted(
        request,
        form,
        lambda: services.candidate_add(
            user=request.user, round_id=pk, department_id=department_id, **form.cleaned_data
        ),
        success=_("Dossier added to the answer."),
    ):
        return redirect("selection:answer", pk, department_id)
    return render(
        request,
        "procurement/selection/answer.html",
        {
            "invitation": invitation,
            "round": selection_round,
            "candidates": selectors.department_candidates(
                selection_round=selection_round, department_id=department_id
            ),
            "form": form,
        },
    )


@login_required
@once_per_token
def answer_register(request, pk: int, department_id: int):
    invitation = access.invitation_to_answer(request.user, round_id=pk, department_id=department_id)
    form = DossierForm(
        request.POST or None,
        user=request.user,
        initial={"department": invitation.department},
    )
    form.fields["department"].queryset = Department.objects.filter(pk=department_id)
    if _submitted(
        request,
        form,
        lambda: services.candidate_register(
            user=request.user,
            round_id=pk,
            department_id=department_id,
            circular_strategies=form.cleaned_data["circular_strategies"],
            **form.service_fields(),
        ),
        success=_("Dossier registered and added to the answer."),
    ):
        return redirect("selection:answer", pk, department_id)
    return render(
        request,
        "procurement/selection/form.html",
        {
            "form": form,
            "round": invitation.round,
            "heading": _("Register a new dossier for %(department)s")
            % {"department": invitation.department},
            "suggestion": None,
        },
    )


@login_required
def answer_complete(request, pk: int, department_id: int):
    invitation = access.invitation_to_answer(request.user, round_id=pk, department_id=department_id)
    form = CompleteAnswerForm(request.POST or None)
    if _submitted(
        request,
        form,
        lambda: services.answer_complete(
            user=request.user, round_id=pk, department_id=department_id, **form.cleaned_data
        ),
        success=_("Thank you: the answer is complete."),
    ):
        return redirect("selection:answer", pk, department_id)
    return render(
        request,
        "procurement/selection/form.html",
        {
            "form": form,
            "round": invitation.round,
            "heading": _("Mark the answer of %(department)s complete")
            % {"department": invitation.department},
            "intro": _(
                "Procurement then knows your department has put forward all it wants to. "
                "You can still add dossiers while the round is open."
            ),
        },
    )


@login_required
def candidate_answer(request, pk: int, candidate_id: int):
    candidate = access.candidate_to_answer(request.user, round_id=pk, candidate_id=candidate_id)
    form = CandidateAnswerForm(request.POST or None, instance=candidate)
    if _submitted(
        request,
        form,
        lambda: services.candidate_answer_update(
            user=request.user, candidate_id=candidate.pk, **form.cleaned_data
        ),
        success=_("Answer saved."),
    ):
        return redirect("selection:answer", pk, candidate.dossier.department_id)
    return render(
        request,
        "procurement/selection/form.html",
        {"form": form, "round": candidate.round, "heading": str(candidate.dossier)},
    )


@login_required
def candidate_remove(request, pk: int, candidate_id: int):
    candidate = access.candidate_to_answer(request.user, round_id=pk, candidate_id=candidate_id)
    if request.method == "POST":
        try:
            services.candidate_remove(user=request.user, candidate_id=candidate.pk)
        except services.SelectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Dossier removed from the answer."))
        return redirect("selection:answer", pk, candidate.dossier.department_id)
    return render(
        request,
        "procurement/selection/confirm.html",
        {
            "round": candidate.round,
            "heading": _("Remove %(dossier)s from the answer?") % {"dossier": candidate.dossier},
            "submit": _("Remove"),
        },
    )


# --- Criteria, scores, ranking ---------------------------------------------------------------


@login_required
def criteria_edit(request, pk: int):
    selection_round = access.round_to_run(request.user, round_id=pk)
    initial = [
        {
            "id": c.pk,
            "name": c.name,
            "description": c.description,
            "source": c.source,
            "weight": c.weight,
        }
        for c in selection_round.criteria.all()
    ]
    formset = CriterionFormSet(request.POST or None, initial=initial, prefix="criteria")
    if _submitted(
        request,
        formset,
        lambda: services.criteria_save(user=request.user, round_id=pk, rows=formset.rows()),
        success=_("Criteria saved."),
    ):
        return redirect("selection:ranking", pk)
    return render(
        request,
        "procurement/selection/criteria.html",
        {"round": selection_round, "formset": formset},
    )


@login_required
def ranking(request, pk: int):
    selection_round = access.round_to_view(request.user, round_id=pk)
    result = selectors.round_ranking(selection_round=selection_round)
    department_id = _int_or_none(request.GET.get("department"))
    outcome = request.GET.get("outcome", "")
    rows = selectors.ranking_rows_filtered(
        ranking=result,
        department_id=department_id,
        outcome=outcome if outcome in Candidate.Outcome.values else "",
        q=request.GET.get("q", ""),
    )
    page = page_of(request, rows, per_page=RANKING_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "procurement/selection/ranking.html",
        {
            "round": selection_round,
            "ranking": result,
            "page": page,
            "query": query.urlencode(),
            "departments": selectors.round_departments(selection_round=selection_round),
            "outcomes": Candidate.Outcome.choices,
            "current": {
                "department": department_id,
                "outcome": outcome,
                "q": request.GET.get("q", ""),
            },
            "can_run": permissions.can_run_selection(request.user),
            "can_change": permissions.can_change_round(request.user, selection_round),
        },
    )


@login_required
def ranking_export(request, pk: int, file_format: str):
    selection_round = access.round_to_view(request.user, round_id=pk)
    result = selectors.round_ranking(selection_round=selection_round)
    return export_render(
        file_format=file_format,
        name=f"ranking-{selection_round.pk}",
        sheet_title=_("Ranking"),
        columns=ranking_columns(result.criteria),
        rows=result.rows,
    )


@login_required
def candidate_score(request, pk: int, candidate_id: int):
    candidate = access.candidate_to_score(request.user, round_id=pk, candidate_id=candidate_id)
    hand = list(candidate.round.criteria.hand())
    scores = {s.criterion_id: s for s in candidate.hand_scores.all()}
    scores_form = HandScoresForm(
        request.POST if "save-scores" in request.POST else None, criteria=hand, scores=scores
    )
    override_form = OverrideForm(
        request.POST if "save-override" in request.POST else None,
        prefix="override",
        initial={"total": candidate.override_total, "rationale": candidate.override_rationale},
    )
    outcome_form = OutcomeForm(
        request.POST if "save-outcome" in request.POST else None,
        prefix="outcome",
        initial={"outcome": candidate.outcome, "rationale": candidate.outcome_rationale},
    )
    # Each form has its own submit button; the one that was pressed is bound, the others not.
    submissions = [
        (
            scores_form,
            lambda: services.hand_scores_save(
                user=request.user, candidate_id=candidate.pk, scores=scores_form.scores()
            ),
            _("Scores saved."),
        ),
        (
            override_form,
            lambda: services.candidate_override(
                user=request.user, candidate_id=candidate.pk, **override_form.cleaned_data
            ),
            _("Override saved."),
        ),
        (
            outcome_form,
            lambda: services.candidate_outcome_set(
                user=request.user, candidate_id=candidate.pk, **outcome_form.cleaned_data
            ),
            _("Outcome recorded."),
        ),
    ]
    for form, action, success in submissions:
        if form.is_bound and _submitted(request, form, action, success=success):
            return redirect("selection:candidate_score", pk, candidate.pk)
    return render(
        request,
        "procurement/selection/candidate_score.html",
        {
            "round": candidate.round,
            "candidate": candidate,
            "scores_form": scores_form,
            "override_form": override_form,
            "outcome_form": outcome_form,
            "events": candidate.events.select_related("user")[:20],
        },
    )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
