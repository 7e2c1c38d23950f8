"""Reads of programmes and pilots, shaped so a page costs the same queries at any size."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from core.roles import holds_role_q, user_roles
from core.scoping import active_municipality_id
from pilots import permissions
from procurement.models import CircularStrategy

from .filters import PilotFilter, ProgrammeFilter
from .models import (
    ApprovalChain,
    ApprovalStage,
    Decision,
    Outcome,
    Phase,
    Pilot,
    Programme,
    Revision,
    RevisionStage,
    Substitution,
)
from .rules import fingerprint_of


def acting_roles(*, user, today: datetime.date | None = None) -> dict[str, AbstractBaseUser | None]:
    """The roles `user` acts in today, each mapped to the absent decider they stand in for
    (None for their own roles). Own roles win over a substitution for the same role."""
    today = today or timezone.localdate()
    roles: dict[str, AbstractBaseUser | None] = {}
    substitutions = (
        Substitution.objects.filter(permissions.substitution_active_q(today=today), substitute=user)
        .select_related("principal__person")
        .order_by("starts_on", "pk")
    )
    for substitution in substitutions:
        roles.setdefault(substitution.role, substitution.principal)
    roles.update({role: None for role in user_roles(user)})
    return roles


def submitter_ids(*, programme: Programme) -> set[int]:
    """Who submitted any revision of the programme: they may not decide on it. Reads the
    revisions prefetched for the programme's page when they are."""
    return {revision.submitted_by_id for revision in programme.revisions.all()}


def _submitted_by(user):
    return Revision.objects.filter(programme=OuterRef("pk"), submitted_by=user)


def awaiting_queryset(*, user, today: datetime.date | None = None):
    """Programmes whose pending stage the user may decide, in their own role or as a
    substitute, and that they did not submit. One query, whatever the number of programmes."""
    today = today or timezone.localdate()
    substituted = Substitution.objects.filter(
        permissions.substitution_active_q(today=today), substitute=user
    ).values("role")
    return (
        Programme.objects.in_approval()
        .filter(
            Q(pending_stage__role__in=list(user_roles(user)))
            | Q(pending_stage__role__in=substituted)
        )
        .exclude(Exists(_submitted_by(user)))
    )


def awaiting_count(*, user) -> int:
    return awaiting_queryset(user=user).count()


def awaiting_programmes(*, user, limit: int = 8):
    return (
        awaiting_queryset(user=user)
        .select_related("pending_stage")
        .order_by("pending_stage__opened_at", "pk")[:limit]
    )


def programme_queryset():
    return (
        Programme.objects.select_related("pending_stage")
        .annotate(pilot_count=Count("pilots", distinct=True))
        .order_by("-updated_at", "-pk")
    )


def programme_filter(*, params, user) -> ProgrammeFilter:
    return ProgrammeFilter(
        params, queryset=programme_queryset(), awaiting=awaiting_queryset(user=user)
    )


def pilots_prefetch(queryset=None):
    return Prefetch(
        "pilots",
        queryset=(queryset or Pilot.objects.all())
        .select_related("dossier", "dossier__department")
        .prefetch_related(
            Prefetch("circular_strategies", queryset=CircularStrategy.objects.order_by("code")),
            Prefetch("phases", queryset=Phase.objects.select_related("phase_type")),
        ),
    )


def programme_for_detail(*, pk: int) -> Programme:
    """The programme with everything its page shows, in a fixed number of queries."""
    user_model = get_user_model()
    people = user_model.objects.select_related("person")
    decisions = Decision.objects.select_related("recorded_by__person").prefetch_related(
        Prefetch("co_validator", queryset=people), Prefetch("on_behalf_of", queryset=people)
    )
    return (
        Programme.objects.select_related("pending_stage", "created_by")
        .prefetch_related(
            pilots_prefetch(),
            Prefetch(
                "revisions",
                queryset=Revision.objects.select_related("submitted_by__person").prefetch_related(
                    Prefetch("stages", queryset=RevisionStage.objects.order_by("position")),
                    Prefetch("decisions", queryset=decisions),
                ),
            ),
        )
        .get(pk=pk)
    )


def programme_fingerprint(*, programme: Programme) -> str:
    return fingerprint_of(programme.content(pilots=programme.pilots.all()))


def programme_fingerprint_fresh(*, programme_id: int) -> str:
    programme = Programme.objects.prefetch_related(pilots_prefetch()).get(pk=programme_id)
    return programme_fingerprint(programme=programme)


def default_chain_stages() -> list[ApprovalStage]:
    """The stages of the active municipality's default chain in order, each with its chain;
    empty when no default chain is configured."""
    chains = ApprovalChain.objects.default_for(active_municipality_id())
    return list(
        ApprovalStage.objects.filter(chain__in=chains).select_related("chain").order_by("position")
    )


def default_steps() -> list[dict]:
    """The default chain as a submission would start it: every stage still waiting."""
    return [{"stage": stage, "state": "waiting"} for stage in default_chain_stages()]


def steps(*, programme: Programme) -> list[dict]:
    """The chain of the current revision (or the default chain for a draft never submitted),
    each stage with its state: done, current, refused, returned, waiting or skipped."""
    revisions = list(programme.revisions.all())
    if not revisions:
        return default_steps()
    current = revisions[0]
    decided = {decision.stage_id: decision for decision in current.decisions.all()}
    result = []
    for stage in current.stages.all():
        decision = decided.get(stage.pk)
        if decision is None:
            if programme.pending_stage_id == stage.pk:
                state = "current"
            elif current.is_pending:
                state = "waiting"
            else:
                state = "skipped"
        elif decision.outcome == Outcome.REJECTED:
            state = "refused"
        elif decision.outcome == Outcome.CHANGES_REQUESTED:
            state = "returned"
        else:
            state = "done"
        result.append({"stage": stage, "state": state, "decision": decision})
    return result


def timeline(*, programme: Programme, fingerprint: str) -> list[dict]:
    """Per revision, newest first: its submission, then each decision or advice in order."""
    entries = []
    for revision in programme.revisions.all():
        stages = {stage.pk: stage for stage in revision.stages.all()}
        entries.append(
            {
                "revision": revision,
                "matches": revision.fingerprint == fingerprint,
                "decisions": [
                    {
                        "decision": decision,
                        "stage": stages.get(decision.stage_id),
                        "matches": decision.fingerprint == fingerprint,
                    }
                    for decision in revision.decisions.all()
                ],
            }
        )
    return entries


def approval_match(*, programme: Programme, fingerprint: str) -> dict | None:
    """Whether the current content is what the last approving decision saw."""
    for revision in programme.revisions.all():
        approvals = [d for d in revision.decisions.all() if d.outcome == Outcome.APPROVED]
        if approvals:
            last = approvals[-1]
            return {"decision": last, "matches": last.fingerprint == fingerprint}
    return None


def pilot_queryset():
    return Pilot.objects.select_related(
        "programme", "dossier", "dossier__department"
    ).prefetch_related(
        Prefetch("circular_strategies", queryset=CircularStrategy.objects.order_by("code"))
    )


def pilot_filter(*, params) -> PilotFilter:
    return PilotFilter(params, queryset=pilot_queryset())


def pilot_for_detail(*, pk: int) -> Pilot:
    """The pilot with what its page shows, its dossier's procedures included (the execution
    section compares the lead time with the effective procedure's reference)."""
    return (
        pilot_queryset()
        .select_related("dossier__procedure", "dossier__suggested_procedure")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.select_related("phase_type")))
        .get(pk=pk)
    )


def stage_deciders(*, stage: RevisionStage, exclude_ids=(), today=None):
    """Who can decide `stage` today: the role's members and their active substitutes."""
    today = today or timezone.localdate()
    substitutes = Substitution.objects.filter(
        permissions.substitution_active_q(today=today), role=stage.role
    ).values("substitute")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(holds_role_q(stage.role) | Q(pk__in=substitutes))
        .exclude(pk__in=list(exclude_ids))
        .distinct()
    )


def substitutions_of(*, user):
    return Substitution.objects.filter(Q(principal=user) | Q(substitute=user)).select_related(
        "principal__person", "substitute__person"
    )
