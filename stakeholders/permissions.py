"""Who may see and change what in the stakeholder register, by role."""

from core.roles import Role, has_role, is_procurement, works_here

# Support assessments, concerns and personal notes are sensitive (docs/design.md, "Roles").
SENSITIVE_READERS = (Role.PROCUREMENT_OFFICER, Role.HEAD_OF_PROCUREMENT, Role.STRATEGIC_CELL)


def can_see_sensitive(user) -> bool:
    return has_role(user, *SENSITIVE_READERS)


def can_view_register(user) -> bool:
    """Everybody who works for the municipality sees the register, without what is
    sensitive."""
    return works_here(user)


def can_manage_stakeholders(user) -> bool:
    """Procurement manages the register, involvement, concerns and consultations."""
    return is_procurement(user)


def can_change_person(user, person) -> bool:
    """An erased person stays erased: nobody fills their record in again."""
    return can_manage_stakeholders(user) and not person.is_erased


def can_record_sensitive(user) -> bool:
    """Recording support and concerns takes both: managing the register and seeing what is
    sensitive (the strategic cell sees support but does not record it)."""
    return can_manage_stakeholders(user) and can_see_sensitive(user)


def can_complete_action_item(user, action_item) -> bool:
    """Its owner ticks an action item off, or whoever manages stakeholders."""
    if can_manage_stakeholders(user):
        return True
    owner_user_id = action_item.owner.user_id if action_item.owner_id else None
    return owner_user_id is not None and owner_user_id == user.pk


def can_administer_personal_data(user) -> bool:
    """Exporting and erasing everything about a person (GDPR) is an administrator's task."""
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))
