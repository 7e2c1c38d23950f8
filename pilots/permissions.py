"""Who may do what with pilot programmes, by role (docs/design.md, "Roles"; docs/approval.md).

Deciding is not a page permission but a rule on the pending stage: see
`Programme.decision_refusal` and `pilots.approval.services.decision_record`.
"""

import datetime

from django.db.models import Q

from core.roles import Role, has_role, is_procurement, user_roles

# The order used for substitutes: an absent decider may name someone whose highest role is
# the same or higher than the role they hand over. The MAT is the top of the organisation;
# the financial director sits on it by law (Decreet Lokaal Bestuur), so ranks just below.
ROLE_RANK = {
    Role.DEPARTMENT_STAFF: 1,
    Role.PROCUREMENT_OFFICER: 2,
    Role.HEAD_OF_PROCUREMENT: 3,
    Role.STRATEGIC_CELL: 4,
    Role.FINANCIAL_DIRECTOR: 5,
    Role.MAT_MEMBER: 6,
}

# Roles that decide, advise or co-validate in the default chain, and so may name a substitute.
APPROVAL_ROLES = frozenset(
    {Role.HEAD_OF_PROCUREMENT, Role.FINANCIAL_DIRECTOR, Role.STRATEGIC_CELL, Role.MAT_MEMBER}
)


def rank_of(roles) -> int:
    return max((ROLE_RANK.get(role, 0) for role in roles), default=0)


def can_view_programmes(user) -> bool:
    """Everyone with a role in the organisation; an account without any role sees nothing."""
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user)))


def can_write_programme(user) -> bool:
    return is_procurement(user)


def can_edit_programme(user, programme) -> bool:
    """Procurement writes a programme while it is a draft; afterwards its content is what the
    deciders saw."""
    return programme.is_editable and can_write_programme(user)


def can_submit_programme(user) -> bool:
    return is_procurement(user)


def can_name_substitute(user) -> bool:
    return has_role(user, *APPROVAL_ROLES)


def roles_to_hand_over(user) -> list[str]:
    return [role for role in Role.values if role in APPROVAL_ROLES and has_role(user, role)]


def may_substitute(*, substitute_roles, role: str) -> bool:
    return rank_of(substitute_roles) >= ROLE_RANK.get(role, 99)


def roles_that_may_substitute(roles) -> list[str]:
    """The roles whose holders may stand in for at least one of `roles` (`may_substitute`)."""
    return [
        candidate
        for candidate in ROLE_RANK
        if any(may_substitute(substitute_roles=[candidate], role=role) for role in roles)
    ]


def substitution_active_q(*, today: datetime.date) -> Q:
    """In its period and not ended early (an ended substitution stays in the history)."""
    return Q(starts_on__lte=today, ends_on__gte=today, ended_at__isnull=True)


def can_end_substitution(user, substitution) -> bool:
    """The absent decider ends their own substitution; an administrator ends any."""
    return user.pk == substitution.principal_id or has_role(user, Role.ADMINISTRATOR)


# --- Documents (docs/documents.md) ----------------------------------------------------------

# Drafts of the briefing and the evaluation report show work in progress (open concerns,
# costs): for the roles that write, present, advise on or decide the programme.
DOCUMENT_DRAFT_ROLES = frozenset(
    {
        Role.PROCUREMENT_OFFICER,
        Role.HEAD_OF_PROCUREMENT,
        Role.FINANCIAL_DIRECTOR,
        Role.STRATEGIC_CELL,
        Role.MAT_MEMBER,
    }
)


def can_read_document_drafts(user) -> bool:
    return user.is_authenticated and has_role(user, *DOCUMENT_DRAFT_ROLES)


def can_read_official_documents(user) -> bool:
    """An official version is the organisation's record of what the MAT was shown: everyone
    who may see the programme may read it."""
    return can_view_programmes(user)


def can_freeze_evaluation_report(user) -> bool:
    return is_procurement(user)


# Execution, evaluation and policy (docs/evaluation.md).


def can_record_execution(user) -> bool:
    """Phases, actual dates and market dialogues: the people who run the tender."""
    return is_procurement(user)


def can_record_phases(user, programme) -> bool:
    """Actual dates are recorded once the programme is approved: it is being executed."""
    return programme.is_approved and can_record_execution(user)


def can_record_evaluation(user) -> bool:
    """Evaluation points, measurements and a pilot's evaluation."""
    return is_procurement(user)


def can_record_results(user, programme) -> bool:
    """Measurements and a pilot's evaluation are recorded once the programme is approved."""
    return programme.is_approved and can_record_evaluation(user)


def can_attach_to_pilot(user, pilot) -> bool:
    """A pilot's files (specifications, reports): added and removed by who writes the draft
    programme, and once it is approved by who records its execution."""
    programme = pilot.programme
    return can_edit_programme(user, programme) or can_record_phases(user, programme)


def can_record_programme_evaluation(user) -> bool:
    """The programme's evaluation and what the MAT decided on it, recorded by procurement or
    by the MAT (its secretary)."""
    return is_procurement(user) or has_role(user, Role.MAT_MEMBER)


def can_view_policy(user) -> bool:
    return can_view_programmes(user)


def can_manage_recommendations(user) -> bool:
    return has_role(user, Role.STRATEGIC_CELL)


def can_edit_recommendation(user, recommendation) -> bool:
    """The strategic cell rewrites a recommendation until the MAT has decided on it."""
    return recommendation.is_editable and can_manage_recommendations(user)
