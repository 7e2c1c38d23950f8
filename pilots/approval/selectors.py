"""Reads of programmes and pilots, shaped so a page costs the same queries at any size."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
)
from django.utils import timezone

from core.roles import Role, holds_role_q, user_roles
from core.scoping import active_municipality_id, active_municipality_ids
from pilots import permissions
from procurement.models import CircularStrategy

from . import changes, pages
from .filters import PilotFilter, ProgrammeFilter
from .models import (
    ApprovalChain,
    ApprovalStage,
    Decision,
    Outcome,
    Phase,
    PhaseType,
    Pilot,
    Programme,
    Revision,
    RevisionStage,
    Substitution,
)
from .rules import (
    fingerprint_of,
    mat_briefing_refusal,
    second_stage_refusal,
    substitution_use_refusal,
)

# `pilots.documents.models.DocumentKind.BRIEFING`: the documents are a room above this one.
BRIEFING = "briefing"


def acting_roles(*, user, today: datetime.date | None = None) -> dict[str, AbstractBaseUser | None]:
    """The roles `user` acts in today, each mapped to the absent decider they stand in for
    (None for their own roles). Own roles win over a substitution for the same role; a
    substitution the rule no longer lets count (`rules.substitution_use_refusal`) is left
    out."""
    usable, _refused = substitutions_in_force(user=user, today=today)
    roles: dict[str, AbstractBaseUser | None] = dict(usable)
    roles.update({role: None for role in user_roles(user)})
    return roles


def substitutions_in_force(*, user, today: datetime.date | None = None):
    """The substitutions `user` holds today, checked as they are used: (role → absent
    decider) for those that count, and (role → why not) for those that no longer do."""
    today = today or timezone.localdate()
    usable: dict[str, AbstractBaseUser] = {}
    refused: dict[str, str] = {}
    substitutions = (
        Substitution.objects.filter(permissions.substitution_active_q(today=today), substitute=user)
        .select_related("principal__person")
        .order_by("starts_on", "pk")
    )
    for substitution in substitutions:
        principal = substitution.principal
        refusal = substitution_use_refusal(
            role=substitution.role,
            principal_roles=user_roles(principal),
            principal_is_active=principal.is_active,
            substitute_roles=user_roles(user),
        )
        if refusal:
            refused.setdefault(substitution.role, refusal)
        else:
            usable.setdefault(substitution.role, principal)
    return usable, refused


def mat_briefing_frozen(*, stage: RevisionStage) -> bool:
    """Whether the briefing the MAT decides on at `stage` has been frozen (by a worker)."""
    return stage.official_documents.filter(kind=BRIEFING).exists()


def decision_refusal(
    *, programme: Programme, user, today: datetime.date | None = None, briefing: bool = True
):
    """Why `user` may not decide the programme's pending stage (None when they may), and the
    roles they act in. The one check behind the programme page, the decision page and
    `services.decision_record` (which checks the briefing itself, `briefing=False`, to ask for
    it when it is missing)."""
    usable, refused = substitutions_in_force(user=user, today=today)
    roles: dict[str, AbstractBaseUser | None] = {**usable, **dict.fromkeys(user_roles(user))}
    refusal = programme.decision_refusal(
        user=user, roles=roles, submitter_ids=submitter_ids(programme=programme)
    )
    stage = programme.pending_stage
    if refusal and stage is not None and stage.role in refused:
        # The stage would be theirs through a substitution that no longer counts: say why.
        refusal = refused[stage.role]
    if refusal is None and stage is not None:
        principal = roles[stage.role]
        refusal = second_stage_refusal(
            person_ids={user.pk, principal.pk if principal is not None else user.pk},
            decider_ids=revision_decider_ids(revision_id=stage.revision_id),
        )
    if refusal is None and stage is not None and briefing:
        refusal = mat_briefing_refusal_at(stage=stage)
    return refusal, roles


def mat_briefing_refusal_at(*, stage: RevisionStage) -> str | None:
    """`rules.mat_briefing_refusal` for the stage: the MAT's waits for its frozen briefing."""
    if not stage.is_mat:
        return None
    return mat_briefing_refusal(is_mat=True, briefing_frozen=mat_briefing_frozen(stage=stage))


def revision_decider_ids(*, revision_id: int) -> set[int]:
    """Who decided a stage of the revision: who recorded it, and for whom."""
    ids: set[int] = set()
    for recorded_by, on_behalf_of in Decision.objects.filter(revision_id=revision_id).values_list(
        "recorded_by", "on_behalf_of"
    ):
        ids.add(recorded_by)
        if on_behalf_of is not None:
            ids.add(on_behalf_of)
    return ids


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
    own = user_roles(user)
    # The same test as `rules.substitution_use_refusal`, in SQL so that the navigation's
    # count stays one query: the principal still holds the role here and is active, and the
    # substitute still ranks high enough for it.
    substituted = Substitution.objects.filter(
        permissions.substitution_active_q(today=today),
        substitute=user,
        role__in=[
            role
            for role in permissions.ROLE_RANK
            if permissions.may_substitute(substitute_roles=own, role=role)
        ],
        principal__is_active=True,
        principal__memberships__is_active=True,
        principal__memberships__municipality_id__in=active_municipality_ids(),
        principal__memberships__roles__name=F("role"),
    ).values("role")
    # The MAT's stage awaits its decision once its briefing is frozen (rules.mat_briefing_refusal).
    briefing_frozen = RevisionStage.objects.filter(
        pk=OuterRef("pending_stage"), official_documents__kind=BRIEFING
    )
    return (
        Programme.objects.in_approval()
        .filter(Q(pending_stage__role__in=list(own)) | Q(pending_stage__role__in=substituted))
        .exclude(Exists(_submitted_by(user)))
        .exclude(Q(pending_stage__role=Role.MAT_MEMBER) & ~Exists(briefing_frozen))
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


def programme_legacy_fingerprint(*, programme: Programme) -> str:
    """The fingerprint as it was computed before it covered the dossier fields the programme
    shows: what a revision or decision recorded before then carries."""
    return fingerprint_of(programme.content(pilots=programme.pilots.all(), legacy=True))


def _matches(stored: str, fingerprint: str, legacy: str | None) -> bool:
    # A decision recorded before the fingerprint covered the dossier fields carries the
    # older one: it matches on what it covered then.
    return stored == fingerprint or (legacy is not None and stored == legacy)


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


def timeline(
    *, programme: Programme, fingerprint: str, legacy_fingerprint: str | None = None
) -> list[dict]:
    """Per revision, newest first: its submission, then each decision or advice in order."""
    entries = []
    for revision in programme.revisions.all():
        stages = {stage.pk: stage for stage in revision.stages.all()}
        entries.append(
            {
                "revision": revision,
                "matches": _matches(revision.fingerprint, fingerprint, legacy_fingerprint),
                "decisions": [
                    {
                        "decision": decision,
                        "stage": stages.get(decision.stage_id),
                        "matches": _matches(decision.fingerprint, fingerprint, legacy_fingerprint),
                    }
                    for decision in revision.decisions.all()
                ],
            }
        )
    return entries


def approval_match(
    *, programme: Programme, fingerprint: str, legacy_fingerprint: str | None = None
) -> dict | None:
    """Whether the current content is what the last approving decision saw."""
    for revision in programme.revisions.all():
        approvals = [d for d in revision.decisions.all() if d.outcome == Outcome.APPROVED]
        if approvals:
            last = approvals[-1]
            return {
                "decision": last,
                "matches": _matches(last.fingerprint, fingerprint, legacy_fingerprint),
            }
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
    substitutes = [
        substitution.substitute_id
        for substitution in Substitution.objects.filter(
            permissions.substitution_active_q(today=today), role=stage.role
        ).select_related("principal", "substitute")
        if substitution_use_refusal(
            role=stage.role,
            principal_roles=user_roles(substitution.principal),
            principal_is_active=substitution.principal.is_active,
            substitute_roles=user_roles(substitution.substitute),
        )
        is None
    ]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(holds_role_q(stage.role) | Q(pk__in=substitutes))
        .exclude(pk__in=list(exclude_ids))
        .distinct()
    )


def substitute_candidates(*, user):
    """Who `user` can name as a substitute: active people here holding a role that may stand in
    for one of the roles `user` hands over. Whoever never qualifies is not offered."""
    roles = permissions.roles_that_may_substitute(permissions.roles_to_hand_over(user))
    return (
        get_user_model()
        .objects.filter(holds_role_q(*roles), is_active=True)
        .exclude(pk=user.pk)
        .select_related("person")
        .distinct()
        .order_by("last_name", "first_name")
    )


def substitutions_of(*, user, today: datetime.date | None = None):
    """The substitutions `user` gave or received, those in force now first (`in_force`)."""
    in_force = permissions.substitution_active_q(today=today or timezone.localdate())
    return (
        Substitution.objects.filter(Q(principal=user) | Q(substitute=user))
        .annotate(in_force=ExpressionWrapper(in_force, output_field=BooleanField()))
        .select_related("principal__person", "substitute__person")
        .order_by("-in_force", "-starts_on", "-pk")
    )


def _revision(*, programme: Programme, number: int) -> Revision:
    """The programme's revision `number`, from the revisions prefetched for its page when
    they are."""
    for revision in programme.revisions.all():
        if revision.number == number:
            return revision
    raise Revision.DoesNotExist(number)


def _version_content(*, programme: Programme, number: int | None) -> tuple[dict, dict | None]:
    """The content of version `number` and what it also showed (None: not recorded); for
    None, what the programme holds now."""
    if number is not None:
        try:
            revision = _revision(programme=programme, number=number)
        except Revision.DoesNotExist:
            # The draft of the next version has no revision yet: it is what the programme
            # holds now.
            if not (programme.is_editable and number == programme.revision_number):
                raise
        else:
            return revision.content, revision.extra_content
    pilots = list(
        Programme.objects.prefetch_related(pilots_prefetch()).get(pk=programme.pk).pilots.all()
    )
    return programme.content(pilots=pilots), pages.pilot_extras(pilots=pilots)


def changes_between(
    *, programme: Programme, from_version: int, to_version: int | None = None
) -> list[dict]:
    """What differs between version `from_version` of the programme and `to_version` (None:
    the content it holds now), side by side: per row its pilot (None for the programme's own
    fields), the field's label, the value before and after and whether it was changed, added
    or removed. See `changes.content_changes`."""
    before, before_extra = _version_content(programme=programme, number=from_version)
    after, after_extra = _version_content(programme=programme, number=to_version)

    def compare(phase_names=None) -> list[dict]:
        return changes.content_changes(
            before=before,
            after=after,
            before_extra=before_extra,
            after_extra=after_extra,
            phase_names=phase_names,
        )

    rows = compare()
    if any(row["key"] == "phases" for row in rows):
        # The phases' names cost a query: only when planned phases changed.
        rows = compare({phase.code: str(phase) for phase in PhaseType.objects.all()})
    return rows


def changes_summary(
    *, programme: Programme, from_version: int, to_version: int | None = None
) -> str:
    """`changes_between` as one line: "Changed since version 1: budget, purpose, …"."""
    rows = changes_between(programme=programme, from_version=from_version, to_version=to_version)
    return changes.summary_of(rows, from_version=from_version)


def changes_since_previous_version(*, programme: Programme) -> dict | None:
    """What the current version changed against the one before it — the submitted revision
    under decision, or the draft being prepared after changes were requested — or None for a
    first version. {"from": number, "to": number, "rows": [...], "summary": str}."""
    current = programme.revision_number
    if current < 2:
        return None
    previous = current - 1
    rows = changes_between(
        programme=programme,
        from_version=previous,
        to_version=None if programme.is_editable else current,
    )
    return {
        "from": previous,
        "to": current,
        "rows": rows,
        "summary": changes.summary_of(rows, from_version=previous),
    }


def changes_requested_decision(*, programme: Programme) -> Decision | None:
    """The decision that sent the programme back for changes, while the draft of its next
    version is being prepared (what its writer has to act on); else None."""
    if not programme.is_editable or programme.revision_number < 2:
        return None
    try:
        revision = _revision(programme=programme, number=programme.revision_number - 1)
    except Revision.DoesNotExist:
        return None
    for decision in revision.decisions.all():
        if decision.outcome == Outcome.CHANGES_REQUESTED:
            return decision
    return None


def programmes_with_dossiers(*, dossier_ids) -> list[Programme]:
    """The programmes that have a pilot on one of `dossier_ids`: what a selection round's
    reopening names (registered with `procurement.selection.selectors.round_dependents`)."""
    return list(
        Programme.objects.filter(pilots__dossier_id__in=list(dossier_ids))
        .distinct()
        .order_by("title", "pk")
    )
