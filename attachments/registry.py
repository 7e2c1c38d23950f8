"""What attachments may be attached to, and who may see and change them: said by the app that
owns the object, in its `AppConfig.ready()`, with its own access rules::

    # pilots/apps.py
    attachments_register(
        "programme",
        Programme,
        load=lambda user, pk: access.programme_for_viewer(user, pk),
        may_change=permissions.can_edit_programme,
        page=lambda programme: programme.get_absolute_url(),
        annexable=True,
    )

`load(user, pk)` is the owner's own "fetch for viewing" (Http404 for whoever may not see the
object, exactly as its page answers); `may_change(user, obj)` the owner's rule for editing it:
who may edit the object may attach files to it and remove them. `page(obj)` is the page that
lists them, where the forms return to. `annexable`: its attachments
can be listed in the annexes of the programme's documents.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class Holder:
    key: str
    model: type[Model]
    load: Callable[[object, int], Model]
    may_change: Callable[[object, Model], bool]
    page: Callable[[Model], str]
    annexable: bool = False


_by_key: dict[str, Holder] = {}
_by_model: dict[type[Model], Holder] = {}


def attachments_register(
    key: str,
    model: type[Model],
    *,
    load: Callable[[object, int], Model],
    may_change: Callable[[object, Model], bool],
    page: Callable[[Model], str],
    annexable: bool = False,
) -> None:
    holder = Holder(key, model._meta.concrete_model, load, may_change, page, annexable)
    _by_key[key] = holder
    _by_model[holder.model] = holder


def holder_named(key: str) -> Holder | None:
    return _by_key.get(key)


def holder_of(model: type[Model]) -> Holder | None:
    return _by_model.get(model._meta.concrete_model)
