"""Who may see and change what in the stakeholder register, by role.

The rule on sensitive data, for every page, partial, export, document, mail and the admin
(docs/roles.md):

- **Sensitive**: support assessments (level, note, history, who assessed), personal notes
  about people, and who raised a concern (also who owns its mitigation, often the same
  person). Only `SENSITIVE_READERS` see them (`can_see_sensitive`).
- **Not sensitive**: a concern itself (category, what is feared, the mitigation, its status
  and due date) is for whoever may see its subject, so that a decision document can put it
  before the MAT (`selectors.concerns_of`).
- **Small groups are not anonymous**: whoever may not see assessments sees support only as
  counts and averages over 3 or more assessed people (`disclosure`). A decision document
  is read by every role that may see the programme, so it always follows that rule.
"""

from core.roles import Role, has_role, is_procurement, works_here

SENSITIVE_READERS = (Role.PROCUREMENT_OFFICER, Role.HEAD_OF_PROCUREMENT, Role.STRATEGIC_CELL)


def can_see_sensitive(user) -> bool:
    """Individual support, personal notes and who raised a concern."""
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
