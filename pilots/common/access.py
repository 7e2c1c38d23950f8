"""The one policy for refusing a page or an action.

What a user may not see answers 404, exactly like what does not exist, so a page never tells
an outsider that a programme is there. What they may see but not change answers 403, with the
reason when there is one. Each room's `access.py` builds its helpers on these two."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

T = TypeVar("T")


def found_or_404(load: Callable[[], T]) -> T:
    """What `load` returns; 404 when it finds nothing."""
    try:
        return load()
    except ObjectDoesNotExist as error:
        raise Http404 from error


def visible_or_404(*, allowed: bool, load: Callable[[], T]) -> T:
    """What `load` returns, when the user is `allowed` to see it and it exists; else 404."""
    if not allowed:
        raise Http404
    return found_or_404(load)


def require(allowed: bool, message: str = "") -> None:
    """403 unless `allowed`; the message, when given, is the reason the page shows."""
    if not allowed:
        raise PermissionDenied(message) if message else PermissionDenied
