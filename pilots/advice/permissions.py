"""Who may invite advisors to a programme, by role (docs/advice.md).

Being an advisor is no role of a membership: it is holding a live invitation, which
`rules.invitation_is_live` decides on every request.
"""

from core.roles import is_procurement


def can_manage_advisors(user, programme) -> bool:
    """The programme's officers: procurement of the programme's municipality (the active one:
    the programme was found in its scope), or whoever created the programme. In every status:
    advice is asked for a draft as much as for an approved programme being executed."""
    if not user.is_authenticated:
        return False
    return is_procurement(user) or (
        programme.created_by_id is not None and programme.created_by_id == user.pk
    )
