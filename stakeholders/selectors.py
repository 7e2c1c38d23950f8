from .models import Person


def person_for_user(user) -> Person | None:
    """The person record of a logged-in user, read once per request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_draagvlak_person"):
        user._draagvlak_person = (
            Person.objects.select_related("department").filter(user=user).first()
        )
    return user._draagvlak_person


def user_department_id(user) -> int | None:
    person = person_for_user(user)
    return person.department_id if person else None
