"""Who may do what with dossiers and selection rounds, by role (docs/roles.md)."""

from core.roles import Role, has_role, is_procurement, user_roles, works_here
from core.scoping import active_municipality_ids
from stakeholders.models import Department
from stakeholders.selectors import user_department_id


def can_view_dossiers(user) -> bool:
    """Everyone who works for the municipality, with or without a role."""
    return works_here(user)


def can_create_dossier(user) -> bool:
    return is_procurement(user) or (
        has_role(user, Role.DEPARTMENT_STAFF) and user_department_id(user) is not None
    )


def can_file_for(user, department_id: int | None) -> bool:
    """Procurement files for every department; department staff only for their own."""
    if is_procurement(user):
        return True
    own = user_department_id(user)
    return has_role(user, Role.DEPARTMENT_STAFF) and own is not None and own == department_id


def is_own_dossier(dossier) -> bool:
    """The dossier belongs to the active municipality. A participant of a joint dossier sees
    the lead's dossier, but it is not theirs: they read it and change nothing."""
    return dossier.municipality_id in active_municipality_ids()


def can_edit_dossier(user, dossier) -> bool:
    return is_own_dossier(dossier) and can_file_for(user, dossier.department_id)


def can_see_dossier_internals(user, dossier) -> bool:
    """The owner, the department's willingness, the notes and the change history are the
    lead's internal data: a participant of a joint dossier sees only the procurement itself,
    the lead's name and the participants with their shares."""
    return is_own_dossier(dossier)


def can_manage_participants(user, dossier) -> bool:
    """The lead's procurement roles decide with whom the lead buys together."""
    return is_own_dossier(dossier) and is_procurement(user)


def departments_for_filing(user):
    if is_procurement(user):
        return Department.objects.all()
    if has_role(user, Role.DEPARTMENT_STAFF):
        return Department.objects.filter(pk=user_department_id(user))
    return Department.objects.none()


# --- Selection rounds ----------------------------------------------------------------------


def can_view_selection(user) -> bool:
    """Rounds and rankings are not sensitive: every role sees them, an outsider does not."""
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user)))


def can_run_selection(user) -> bool:
    """Open rounds, set criteria, score, override and decide."""
    return is_procurement(user)


def can_change_round(user, selection_round) -> bool:
    """Criteria, scores, outcomes and the decision change only while the round is open."""
    return can_run_selection(user) and selection_round.is_open


def can_reopen_round(user, selection_round) -> bool:
    return can_run_selection(user) and selection_round.can_be_reopened()


def can_start_programme_from(user, selection_round) -> bool:
    """A decided round's selection becomes a programme's pilots; procurement writes
    programmes (the same group as `pilots.permissions.can_write_programme`)."""
    return can_run_selection(user) and not selection_round.is_open


def can_answer_for(user, invitation) -> bool:
    """Who may file for a department answers for it in a round."""
    return can_file_for(user, invitation.department_id)
