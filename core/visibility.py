"""Who may see an object that one app shows on behalf of another.

The stakeholder register shows programmes, pilots and dossiers as its subjects, but may not
import the apps that own them (the dependencies point `pilots → procurement → stakeholders
→ core`). So the owning app registers, in its `AppConfig.ready()`, the rule that decides
whether a user may see an object of its model, and the register asks here::

    # pilots/apps.py
    def ready(self):
        from core.visibility import subject_visibility_register
        from pilots import permissions
        from pilots.models import Programme

        subject_visibility_register(
            Programme, lambda user, obj: permissions.can_view_programmes(user)
        )

    # stakeholders: a subject nobody registered is seen by nobody
    if not subject_visible(user, subject):
        raise Http404
"""

from collections.abc import Callable

from django.db.models import Model

_predicates: dict[type[Model], Callable[[object, Model], bool]] = {}


def subject_visibility_register(model: type[Model], predicate: Callable[[object, Model], bool]):
    """`predicate(user, obj)` says whether `user` may see `obj`, an instance of `model`.
    Registering a model again replaces its rule, so a reloaded app stays consistent."""
    _predicates[model._meta.concrete_model] = predicate


def subject_visible(user, obj: Model) -> bool:
    """False for a model whose app registered no rule: an object is hidden until its owner
    says who may see it."""
    predicate = _predicates.get(type(obj)._meta.concrete_model)
    return predicate is not None and bool(predicate(user, obj))
