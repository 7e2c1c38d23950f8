"""What django-axes records of a login attempt."""

from django.contrib.auth import get_user_model

# No account has a longer username; axes' column holds 255 characters.
USERNAME_LENGTH = get_user_model()._meta.get_field("username").max_length


def axes_username(request, credentials=None) -> str | None:
    """The username as typed, cut to the longest a user can have (AXES_USERNAME_CALLABLE).

    Django's login form passes a username of any length on to `authenticate` (its length limit
    is only the input's `maxlength`), and axes would store it as it is: on PostgreSQL, which
    enforces the column's length, a long one made the login a 500."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[:USERNAME_LENGTH] if isinstance(username, str) else username
