"""Who may see and change what in the stakeholder register, by role."""

from core.roles import Role, has_role

# Support assessments and personal notes are sensitive (DESIGN.md, "Roles").
SENSITIVE_READERS = (Role.PROCUREMENT_OFFICER, Role.HEAD_OF_PROCUREMENT, Role.STRATEGIC_CELL)


def can_see_sensitive(user) -> bool:
    return has_role(user, *SENSITIVE_READERS)
