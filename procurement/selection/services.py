"""Every write on selection rounds that carries a rule.

Each write locks the round row first: a decision and a late edit can then never interleave, and
the "closed after the decision" rule is re-checked under that lock.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Unpack, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import scoping
from core.links import absolute_url
from core.roles import Role, holds_role_q
from notifications.models import Kind
from notifications.services import notify_addresses
from procurement import permissions
from procurement.dossiers import services as dossier_services
from procurement.dossiers.models import CircularStrategy, Dossier, Willingness
from procurement.dossiers.services import DossierFields
from stakeholders.models import Department, Person

from . import scoring
from .models import (
    Candidate,
    Criterion,
    CriterionQuerySet,
    HandScore,
    RoundDepartment,
    SelectionEvent,
    SelectionRound,
)
from .selectors import (
    decision_snapshot,
    round_dependents,
    round_ranking,
    unanswered_before_deadline,
)


class SelectionError(Exception):
    """A selection rule refused the change; the message is translated for the user."""


# The criteria of the seed story: smaller, visible projects with low time pressure, a willing
# department and circular potential, plus what only a person can judge. Copied into every new
# round, where the officer may change them until the decision.
DEFAULT_CRITERIA = [
    (
        gettext_noop("Small"),
        gettext_noop("A smaller contract is a safer first try."),
        Criterion.Source.VALUE,
        Decimal(20),
    ),
    (
        gettext_noop("Visible"),
        gettext_noop("A visible project carries the story further."),
        Criterion.Source.VISIBILITY,
        Decimal(15),
    ),
    (
        gettext_noop("Low time pressure"),
        gettext_noop("A circular tender takes longer: room before the award date is needed."),
        Criterion.Source.DAYS_TO_AWARD,
        Decimal(15),
    ),
    (
        gettext_noop("Willing department"),
        gettext_noop("A pilot needs a department that wants it."),
        Criterion.Source.WILLINGNESS,
        Decimal(20),
    ),
    (
        gettext_noop("Circular potential"),
        gettext_noop("Number of R-strategies and how high they are on the R-ladder."),
        Criterion.Source.STRATEGIES,
        Decimal(15),
    ),
    (
        gettext_noop("Learning value"),
        gettext_noop("What the organisation learns from it for later tenders (judged by hand)."),
        Criterion.Source.HAND,
        Decimal(15),
    ),
]


def direction_for(source: str) -> str:
    return Criterion.DEFAULT_DIRECTIONS.get(source, scoring.HIGHER)


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise SelectionError(message)


def _lock_round(round_id: int) -> SelectionRound:
    return SelectionRound.objects.select_for_update().get(pk=round_id)


def _lock_open_round(round_id: int) -> SelectionRound:
    selection_round = _lock_round(round_id)
    if not selection_round.is_open:
        raise SelectionError(_("This round is decided and closed for edits. Reopen it first."))
    return selection_round


def _event(selection_round, kind, user, detail="", candidate=None, snapshot=None) -> SelectionEvent:
    return SelectionEvent.objects.create(
        round=selection_round,
        candidate=candidate,
        kind=kind,
        user=user,
        detail=detail,
        snapshot=snapshot,
    )


# --- The round -----------------------------------------------------------------------------


@transaction.atomic
def round_open(
    *, user, title: str, question: str, deadline: datetime.date, departments
) -> SelectionRound:
    _refuse_unless(permissions.can_run_selection(user), _("Only procurement opens rounds."))
    departments = list(departments)
    if not title.strip() or not question.strip():
        raise SelectionError(_("A round needs a title and a question."))
    if deadline < timezone.localdate():
        raise SelectionError(_("The deadline cannot lie in the past."))
    if not departments:
        raise SelectionError(_("Ask at least one department."))
    selection_round = SelectionRound.objects.create(
        title=title.strip(), question=question.strip(), deadline=deadline, created_by=user
    )
    RoundDepartment.objects.bulk_create(
        RoundDepartment(round=selection_round, department=d) for d in departments
    )
    criteria_copy_defaults(selection_round=selection_round)
    _event(selection_round, SelectionEvent.Kind.OPENED, user)
    round_id = selection_round.pk
    scoping.on_commit(lambda: mail_request(round_id=round_id))
    return selection_round


def criteria_copy_defaults(*, selection_round) -> None:
    Criterion.objects.bulk_create(
        Criterion(
            round=selection_round,
            name=_(name),
            description=_(description),
            source=source,
            direction=direction_for(source),
            weight=weight,
            position=position,
        )
        for position, (name, description, source, weight) in enumerate(DEFAULT_CRITERIA, 1)
    )


def recipients_for(department_ids) -> dict[int, set[str]]:
    """Per department: its head and its staff users, the people who answer the round."""
    result: dict[int, set[str]] = {pk: set() for pk in department_ids}
    for pk, email in Department.objects.filter(pk__in=department_ids).values_list(
        "pk", "head__email"
    ):
        if email:
            result[pk].add(email)
    staff = Person.objects.filter(
        holds_role_q(Role.DEPARTMENT_STAFF, prefix="user__"), department_id__in=department_ids
    ).values_list("department_id", "user__email")
    for pk, email in staff:
        if email:
            result[pk].add(email)
    return result


def answer_url(selection_round, department_id) -> str:
    path = reverse("selection:answer", args=[selection_round.pk, department_id])
    return absolute_url(path)


def mail_request(*, round_id: int) -> int:
    selection_round = SelectionRound.objects.get(pk=round_id)
    invitations = list(selection_round.invitations.all())
    recipients = recipients_for([i.department_id for i in invitations])
    sent = 0
    for invitation in invitations:
        to = sorted(recipients[invitation.department_id])
        if not to:
            continue
        sent += notify_addresses(
            to,
            kind=Kind.INVENTORY,
            link=reverse("selection:answer", args=[selection_round.pk, invitation.department_id]),
            message=partial(_request_message, selection_round, invitation.department_id),
            about=f"round {round_id}, department {invitation.department_id}",
        )
    return sent


def _request_message(selection_round, department_id) -> tuple[str, str]:
    """The inventory request's subject and body, in the active language."""
    body = _(
        "Procurement asks your department which public procurements it has planned and "
        "whether you are willing to tender them circularly.\n\n%(question)s\n\n"
        "Please answer by %(deadline)s: %(url)s"
    ) % {
        "question": selection_round.question,
        "deadline": selection_round.deadline.strftime("%d/%m/%Y"),
        "url": answer_url(selection_round, department_id),
    }
    return _("Inventory request: %(title)s") % {"title": selection_round.title}, body


@transaction.atomic
def round_decide(
    *,
    user,
    round_id: int,
    rationale: str,
    rest_rationale: str = "",
    decide_without_answers: bool = False,
):
    """Closes the round: at least one candidate selected; the undecided ones are rejected
    with the common rationale; every candidate's total and rank are kept as they were.
    Before the deadline, while departments have not completed their answer, only when the
    decider says so (`decide_without_answers`)."""
    selection_round = _lock_round(round_id)
    _refuse_unless(permissions.can_run_selection(user), _("Only procurement decides."))
    _refuse_unless(selection_round.can_be_decided(), _("This round is already decided."))
    if not rationale.strip():
        raise SelectionError(_("Write the rationale of the decision."))
    candidates = list(selection_round.candidates.select_for_update())
    if not any(c.is_selected for c in candidates):
        raise SelectionError(_("Select at least one candidate before deciding."))
    undecided = [c for c in candidates if not c.has_final_outcome]
    if undecided and not rest_rationale.strip():
        raise SelectionError(
            _("%(count)d candidate(s) have no outcome yet: give the rationale for rejecting them.")
            % {"count": len(undecided)}
        )
    waiting = unanswered_before_deadline(selection_round=selection_round)
    if waiting and not decide_without_answers:
        raise SelectionError(
            _(
                "Not every department has completed its answer yet (%(departments)s), and they "
                "have until %(deadline)s. Tick that you decide without them, or wait for their "
                "answers."
            )
            % {
                "departments": ", ".join(str(i.department) for i in waiting),
                "deadline": selection_round.deadline.strftime("%d/%m/%Y"),
            }
        )
    now = timezone.now()
    ranking = {row.key: row for row in round_ranking(selection_round=selection_round).rows}
    for candidate in candidates:
        row = ranking.get(candidate.pk)
        candidate.total_at_decision = row.total if row else None
        candidate.rank_at_decision = row.position if row else None
        fields = ["total_at_decision", "rank_at_decision"]
        if candidate in undecided:
            candidate.outcome = Candidate.Outcome.REJECTED
            candidate.outcome_rationale = rest_rationale.strip()
            candidate.outcome_by, candidate.outcome_at = user, now
            fields += ["outcome", "outcome_rationale", "outcome_by", "outcome_at"]
        candidate.save(update_fields=fields)
    selection_round.status = SelectionRound.Status.DECIDED
    selection_round.decided_by, selection_round.decided_at = user, now
    selection_round.decision_rationale = rationale.strip()
    selection_round.save(update_fields=["status", "decided_by", "decided_at", "decision_rationale"])
    detail = rationale.strip()
    if waiting:
        detail += "\n" + _("Decided before %(departments)s completed their answer.") % {
            "departments": ", ".join(str(i.department) for i in waiting)
        }
    _event(
        selection_round,
        SelectionEvent.Kind.DECIDED,
        user,
        detail,
        snapshot=decision_snapshot(selection_round=selection_round),
    )
    return selection_round


@transaction.atomic
def round_reopen(*, user, round_id: int, reason: str) -> SelectionRound:
    selection_round = _lock_round(round_id)
    _refuse_unless(permissions.can_run_selection(user), _("Only procurement reopens a round."))
    _refuse_unless(selection_round.can_be_reopened(), _("Only a decided round can be reopened."))
    if not reason.strip():
        raise SelectionError(_("Reopening a decision needs a reason."))
    previous = _("Decision of %(when)s by %(who)s: %(rationale)s") % {
        "when": timezone.localtime(selection_round.decided_at).strftime("%d/%m/%Y %H:%M"),
        "who": selection_round.decided_by or "—",
        "rationale": selection_round.decision_rationale,
    }
    # What was built on the decision keeps it: the event carries the decision as it stood.
    snapshot = decision_snapshot(selection_round=selection_round)
    dependents = round_dependents(selection_round=selection_round)
    if dependents:
        previous += "\n" + _("Built on it: %(programmes)s.") % {
            "programmes": ", ".join(str(item) for item in dependents)
        }
    selection_round.status = SelectionRound.Status.OPEN
    selection_round.decided_by, selection_round.decided_at = None, None
    selection_round.decision_rationale = ""
    selection_round.save(update_fields=["status", "decided_by", "decided_at", "decision_rationale"])
    _event(
        selection_round,
        SelectionEvent.Kind.REOPENED,
        user,
        f"{reason.strip()}\n{previous}",
        snapshot=snapshot,
    )
    return selection_round


# --- The departments' answers --------------------------------------------------------------


def _lock_invitation(selection_round, department_id) -> RoundDepartment:
    invitation = (
        RoundDepartment.objects.select_for_update()
        .filter(round=selection_round, department_id=department_id)
        .first()
    )
    if invitation is None:
        raise SelectionError(_("This department was not asked in this round."))
    return invitation


def _mark_in_progress(invitation) -> None:
    if invitation.answer_status == RoundDepartment.AnswerStatus.NOT_ANSWERED:
        invitation.answer_status = RoundDepartment.AnswerStatus.IN_PROGRESS
        invitation.save(update_fields=["answer_status"])


@transaction.atomic
def candidate_add(
    *,
    user,
    round_id: int,
    department_id: int,
    dossier: Dossier,
    willingness: str | None = None,
    motivation: str | None = None,
    local_preference: bool = False,
) -> Candidate:
    selection_round = _lock_open_round(round_id)
    invitation = _lock_invitation(selection_round, department_id)
    _refuse_unless(
        permissions.can_answer_for(user, invitation),
        _("You may only answer for your own department."),
    )
    if dossier.department_id != department_id:
        raise SelectionError(_("This dossier belongs to another department."))
    if selection_round.candidates.filter(dossier=dossier).exists():
        raise SelectionError(_("This dossier is already part of the answer."))
    candidate = Candidate.objects.create(
        round=selection_round,
        dossier=dossier,
        willingness=willingness or dossier.willingness,
        motivation=dossier.willingness_motivation if motivation is None else motivation,
        local_preference=local_preference,
        added_by=user,
    )
    _mark_in_progress(invitation)
    return candidate


@transaction.atomic
def candidate_register(
    *,
    user,
    round_id: int,
    department_id: int,
    circular_strategies: Iterable[CircularStrategy] = (),
    **fields: Unpack[DossierFields],
) -> Candidate:
    """A new dossier registered as part of the answer (the dossier register's own rules)."""
    _lock_open_round(round_id)
    department = fields.get("department")
    if department is None or department.pk != department_id:
        raise SelectionError(_("Register the dossier for the department that answers."))
    dossier = dossier_services.dossier_create(
        user=user, circular_strategies=circular_strategies, **fields
    )
    return candidate_add(user=user, round_id=round_id, department_id=department_id, dossier=dossier)


def _lock_candidate(candidate_id) -> tuple[SelectionRound, Candidate]:
    round_id = Candidate.objects.values_list("round_id", flat=True).get(pk=candidate_id)
    selection_round = _lock_open_round(round_id)
    candidate = Candidate.objects.select_for_update().select_related("dossier").get(pk=candidate_id)
    return selection_round, candidate


@transaction.atomic
def candidate_answer_update(
    *, user, candidate_id: int, willingness: str, motivation: str, local_preference: bool
) -> Candidate:
    selection_round, candidate = _lock_candidate(candidate_id)
    invitation = _lock_invitation(selection_round, candidate.dossier.department_id)
    _refuse_unless(
        permissions.can_answer_for(user, invitation),
        _("You may only answer for your own department."),
    )
    if willingness not in Willingness.values:
        raise SelectionError(_("Choose yes, maybe or no."))
    candidate.willingness = willingness
    candidate.motivation = motivation.strip()
    candidate.local_preference = local_preference
    candidate.save(update_fields=["willingness", "motivation", "local_preference"])
    _mark_in_progress(invitation)
    return candidate


@transaction.atomic
def candidate_remove(*, user, candidate_id: int) -> None:
    selection_round, candidate = _lock_candidate(candidate_id)
    invitation = _lock_invitation(selection_round, candidate.dossier.department_id)
    _refuse_unless(
        permissions.can_answer_for(user, invitation),
        _("You may only answer for your own department."),
    )
    candidate.delete()


@transaction.atomic
def answer_complete(*, user, round_id: int, department_id: int, note: str = "") -> RoundDepartment:
    selection_round = _lock_open_round(round_id)
    invitation = _lock_invitation(selection_round, department_id)
    _refuse_unless(
        permissions.can_answer_for(user, invitation),
        _("You may only answer for your own department."),
    )
    if invitation.is_complete:
        raise SelectionError(_("This answer is already complete."))
    invitation.answer_status = RoundDepartment.AnswerStatus.COMPLETE
    invitation.answer_note = note.strip()
    invitation.completed_by, invitation.completed_at = user, timezone.now()
    invitation.save(update_fields=["answer_status", "answer_note", "completed_by", "completed_at"])
    _event(selection_round, SelectionEvent.Kind.ANSWER_COMPLETED, user, str(invitation.department))
    return invitation


# --- Criteria, scores, override and outcome --------------------------------------------------


def _weight(value) -> Decimal:
    try:
        weight = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise SelectionError(_("A weight must be a number from 0 to 100.")) from None
    if not weight.is_finite() or weight < 0 or weight > 100:
        raise SelectionError(_("A weight must be a number from 0 to 100."))
    return weight.quantize(Decimal("0.1"))


@transaction.atomic
def criteria_save(*, user, round_id: int, rows: list[dict]) -> list[Criterion]:
    """Saves the whole set of criteria at once, or nothing: rows carry `id` (None for a new
    criterion), `name`, `description`, `source`, `weight`, `position` and `delete`."""
    selection_round = _lock_open_round(round_id)
    _refuse_unless(permissions.can_run_selection(user), _("Only procurement sets the criteria."))
    existing = {c.pk: c for c in selection_round.criteria.select_for_update()}
    kept, deleted = [], []
    for row in rows:
        criterion = existing.get(row["id"]) if row.get("id") else Criterion(round=selection_round)
        if criterion is None:
            raise SelectionError(_("This criterion does not belong to the round."))
        if row.get("delete"):
            if criterion.pk:
                deleted.append(criterion)
            continue
        criterion.name = (row.get("name") or "").strip()
        criterion.description = (row.get("description") or "").strip()
        criterion.source = row.get("source") or ""
        criterion.direction = direction_for(criterion.source)
        criterion.weight = _weight(row.get("weight"))
        criterion.position = row.get("position") or 0
        if not criterion.name:
            raise SelectionError(_("Every criterion needs a name."))
        if criterion.source not in Criterion.Source.values:
            raise SelectionError(_("Choose what the criterion is scored from."))
        kept.append(criterion)
    try:
        scoring.validate_weights(c.weight for c in kept)
    except scoring.ScoringError as error:
        raise SelectionError(str(error)) from None
    for criterion in deleted:
        criterion.delete()
    for criterion in kept:
        try:
            criterion.full_clean(exclude=["round"])
        except ValidationError as error:
            raise SelectionError(" ".join(error.messages)) from None
        criterion.save()
    _event(
        selection_round,
        SelectionEvent.Kind.CRITERIA_CHANGED,
        user,
        "; ".join(f"{c.name} ({c.weight})" for c in kept),
    )
    return kept


@transaction.atomic
def hand_scores_save(*, user, candidate_id: int, scores: dict) -> None:
    """`scores` maps a hand criterion's id to (score or None, comment); None clears it."""
    selection_round, candidate = _lock_candidate(candidate_id)
    _refuse_unless(permissions.can_run_selection(user), _("Only procurement scores."))
    criteria = cast("CriterionQuerySet", selection_round.criteria.all())
    hand = {c.pk: c for c in criteria.hand()}
    for criterion_id, (score, _comment) in scores.items():
        if criterion_id not in hand:
            raise SelectionError(_("This criterion is not scored by hand in this round."))
        if score is not None and (
            not isinstance(score, int) or not 0 <= score <= scoring.HAND_SCALE_MAX
        ):
            raise SelectionError(_("A hand score is a whole number from 0 to 5."))
    for criterion_id, (score, comment) in scores.items():
        if score is None:
            HandScore.objects.filter(candidate=candidate, criterion_id=criterion_id).delete()
            continue
        HandScore.objects.update_or_create(
            candidate=candidate,
            criterion_id=criterion_id,
            defaults={"score": score, "comment": (comment or "").strip(), "scored_by": user},
        )


@transaction.atomic
def candidate_override(*, user, candidate_id: int, total, rationale: str) -> Candidate:
    selection_round, candidate = _lock_candidate(candidate_id)
    _refuse_unless(permissions.can_run_selection(user), _("Only procurement overrides a total."))
    if total is None:
        candidate.override_total, candidate.override_rationale = None, ""
        detail = _("override removed")
    else:
        total = Decimal(str(total))
        if not total.is_finite() or not 0 <= total <= 100:
            raise SelectionError(_("An overridden total lies between 0 and 100."))
        if not rationale.strip():
            raise SelectionError(_("Overriding the total needs a written rationale."))
        candidate.override_total = total.quantize(Decimal("0.01"))
        candidate.override_rationale = rationale.strip()
        detail = f"{candidate.override_total}: {candidate.override_rationale}"
    candidate.save(update_fields=["override_total", "override_rationale"])
    _event(selection_round, SelectionEvent.Kind.OVERRIDE, user, detail, candidate)
    return candidate


@transaction.atomic
def candidate_outcome_set(*, user, candidate_id: int, outcome: str, rationale: str) -> Candidate:
    selection_round, candidate = _lock_candidate(candidate_id)
    _refuse_unless(permissions.can_run_selection(user), _("Only procurement selects."))
    if outcome not in Candidate.Outcome.values:
        raise SelectionError(_("Choose an outcome."))
    if outcome in Candidate.FINAL_OUTCOMES and not rationale.strip():
        raise SelectionError(_("Selecting or rejecting a candidate needs a rationale."))
    candidate.outcome = outcome
    candidate.outcome_rationale = rationale.strip()
    candidate.outcome_by, candidate.outcome_at = user, timezone.now()
    candidate.save(update_fields=["outcome", "outcome_rationale", "outcome_by", "outcome_at"])
    _event(
        selection_round,
        SelectionEvent.Kind.OUTCOME,
        user,
        f"{candidate.get_outcome_display()}: {candidate.outcome_rationale}",
        candidate,
    )
    return candidate
