from .kinds import kinds_for


def search_box(request):
    """The navigation's search box, for whoever may search at least one kind."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"search_box": bool(kinds_for(user))}
