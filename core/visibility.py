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

A list (the consultations, a person's involvement) cannot ask object by object, so the owner
also gives the same rule as a filter, `visible_q(user)`: a `Q` on its model, empty for "all
of them". `visible_subjects_q` turns those into one condition on a generic relation.
"""

from collections.abc import Callable, Iterable

from django.db.models import Model, Q

_predicates: dict[type[Model], Callable[[object, Model], bool]] = {}
_filters: dict[type[Model], Callable[[object], Q]] = {}

NOTHING = Q(pk__in=[])


def subject_visibility_register(
    model: type[Model],
    predicate: Callable[[object, Model], bool],
    visible_q: Callable[[object], Q] | None = None,
):
    """`predicate(user, obj)` says whether `user` may see `obj`, an instance of `model`;
    `visible_q(user)` says the same as a filter on `model` (without it, lists show none of
    the model's objects). Registering a model again replaces its rule, so a reloaded app
    stays consistent."""
    concrete = model._meta.concrete_model
    _predicates[concrete] = predicate
    if visible_q is None:
        _filters.pop(concrete, None)
    else:
        _filters[concrete] = visible_q


def subject_visible(user, obj: Model) -> bool:
    """False for a model whose app registered no rule: an object is hidden until its owner
    says who may see it."""
    predicate = _predicates.get(type(obj)._meta.concrete_model)
    return predicate is not None and bool(predicate(user, obj))


def visible_subjects_q(user, models: Iterable[type[Model]], *, prefix: str = "") -> Q:
    """A condition on rows with a generic relation (`content_type` and `object_id`, reached
    through `prefix`) that keeps those whose object, of one of `models`, `user` may see."""
    condition = NOTHING
    for model in models:
        visible_q = _filters.get(model._meta.concrete_model)
        if visible_q is None:
            continue
        rule = visible_q(user)
        if rule == NOTHING:
            continue
        # By natural key, a join on a small table: no query of its own, cache warm or cold.
        opts = model._meta
        same_type = Q(
            **{
                f"{prefix}content_type__app_label": opts.app_label,
                f"{prefix}content_type__model": opts.model_name,
            }
        )
        if rule:
            visible = model._default_manager.filter(rule).values("pk")
            same_type &= Q(**{f"{prefix}object_id__in": visible})
        condition |= same_type
    return condition
