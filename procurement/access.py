"""How procurement answers a user who may not do something, on every page of the app.

* An object the user may not see does not exist for them: 404, so a page never confirms that
  a dossier or a round is there.
* A page or an object the user may see but not use is refused: 403.

Each room holds one helper per entity on top of these two (`dossiers/access.py`,
`selection/access.py`), next to the models it reads: the register may not import the
selection room, so one module for both rooms would tie them together. Every view fetches its
object through those helpers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def hidden_unless(allowed: bool) -> None:
    if not allowed:
        raise Http404


def refused_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
