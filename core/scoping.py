"""Organisation isolation with django-scopes.

Every organisation-owned model's default manager is `owned_manager(...)`: outside an active
scope a query on it raises `ScopeError`, inside one it only sees the active municipality's
rows. The middleware activates the scope of the user's municipality for each request;
commands, reminders and the demo activate one explicitly with `municipality_scope`.

Two dimensions: `municipality` (the ids whose internal data may be read) and `region` (the
ids whose shared cases may be read). A value is always a list, so that an empty list means
"nothing" and never, as None would, "everything".
"""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, ScopeError, get_scope, scope, scopes_disabled
from django_scopes.manager import DisabledQuerySet

__all__ = [
    "ScopeError",
    "active_municipality_id",
    "active_municipality_ids",
    "active_region_ids",
    "municipality_scope",
    "no_scope",
    "on_commit",
    "owned_manager",
    "region_manager",
    "scopes_disabled",
]


class _UnscopedQuerySet(DisabledQuerySet):
    """What an owned model's manager gives outside a scope: every query raises.

    One exception: an unfiltered `all()` taken at import time, such as the queryset Django
    gives a model form's choice field, is taken again under the scope that is active when
    it is copied for a form or a filter (Django copies it with `all()` every time). A
    filtered one raises at once, so a choice list can never carry another scope's rows."""

    # django-scopes leaves these open; they would tell whether any municipality has a row.
    exists = contains = explain = DisabledQuerySet.error

    def all(self):
        if self.query.has_filters() or self.query.is_sliced:
            return self.error()
        current = get_scope()
        if current.get("_enabled", True) and "municipality" not in current:
            return self._chain()
        return self.model._default_manager.db_manager(self._db).all()


def _raising_outside_a_scope(found):
    """django-scopes' queryset outside a scope, with `exists()` and the import-time `all()`
    of `_UnscopedQuerySet`; any other queryset as it is."""
    if isinstance(found, DisabledQuerySet):
        found.__class__ = _UnscopedQuerySet
    return found


class _ScopeBound:
    """Remembers the municipalities a queryset was built for.

    A queryset kept beyond its request, such as a form's or a filter's choices built when its
    module was first imported during a request, is copied with `all()` for every form. In
    another scope, a plain one (the scope's own condition and at most an ordering) is taken
    again in that scope, as if it had been built there; any other one raises, and so does
    reading it, rather than showing the first scope's rows."""

    _bound_to: tuple | None = None
    _scope_conditions = 0

    def _clone(self):
        clone = super()._clone()  # type: ignore[misc]
        clone._bound_to = self._bound_to
        clone._scope_conditions = self._scope_conditions
        return clone

    def _in_another_scope(self) -> bool:
        current = get_scope()
        return (
            self._bound_to is not None
            and current.get("_enabled", True)
            and tuple(current.get("municipality") or ()) != self._bound_to
        )

    def _refuse(self):
        raise ScopeError(
            f"A queryset of {self.model.__name__} built in the scope {self._bound_to} is used"
            " in another."
        )

    def all(self):
        if not self._in_another_scope():
            return super().all()  # type: ignore[misc]
        plain = (
            len(self.query.where.children) == self._scope_conditions
            and not self.query.is_sliced
            and not self.query.annotations
        )
        if not plain:
            self._refuse()
        again = self.model._default_manager.db_manager(self._db).all()
        return again.order_by(*self.query.order_by) if self.query.order_by else again

    def _fetch_all(self):
        if self._result_cache is None and self._in_another_scope():
            self._refuse()
        super()._fetch_all()  # type: ignore[misc]


def owned_manager(path: str = "municipality", queryset: type[models.QuerySet] | None = None):
    """The default manager of a model owned through `path` (a field lookup ending in the
    municipality, e.g. "programme__municipality")."""
    base = queryset or models.QuerySet
    bound = type(f"ScopeBound{base.__name__}", (_ScopeBound, base), {})
    manager_class = models.Manager.from_queryset(bound)
    scoped_class = type(ScopedManager(municipality=path, _manager_class=manager_class))

    class OwnedManager(scoped_class):  # type: ignore[valid-type, misc]
        def get_queryset(self):
            found = _raising_outside_a_scope(super().get_queryset())
            if not isinstance(found, DisabledQuerySet) and get_scope().get("_enabled", True):
                found._bound_to = tuple(get_scope().get("municipality") or ())
                found._scope_conditions = len(found.query.where.children)
            return found

    return OwnedManager()


def on_commit(func) -> None:
    """`transaction.on_commit` that runs `func` in the scope active now: a transaction may
    commit after the scope that wrote it has ended (a command that seeds several
    municipalities in one transaction, a worker), and a mail must read its own
    municipality's rows."""
    captured = dict(get_scope())

    def run():
        with scope(**captured):
            func()

    run.__wrapped__ = func  # type: ignore[attr-defined]
    transaction.on_commit(run)


def region_manager(path: str = "region"):
    """The default manager of a model shared within a region through `path`: as a plain
    django-scopes manager, but outside a scope `exists()` raises too."""
    scoped_class = type(ScopedManager(region=path))

    class RegionManager(scoped_class):  # type: ignore[valid-type, misc]
        def get_queryset(self):
            return _raising_outside_a_scope(super().get_queryset())

    return RegionManager()


def import_outside_any_scope(load) -> None:
    """Runs `load` (which imports modules) in an empty context, so that no queryset a module
    builds when it is imported is bound to the scope of whichever request came first."""
    contextvars.Context().run(load)


def active_municipality_ids() -> list[int]:
    return list(get_scope().get("municipality") or [])


def active_region_ids() -> list[int]:
    return list(get_scope().get("region") or [])


def active_municipality_id() -> int | None:
    """The one municipality new rows belong to; None when no single one is active (saving
    then fails on the database's NOT NULL, never silently in another municipality)."""
    ids = active_municipality_ids()
    return ids[0] if len(ids) == 1 else None


def municipality_field(**kwargs):
    """The owner of a row: taken from the active scope by the service that creates it, never
    from a form."""
    kwargs.setdefault("verbose_name", _("municipality"))
    return models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        default=active_municipality_id,
        editable=False,
        related_name="+",
        **kwargs,
    )


@contextmanager
def municipality_scope(municipality) -> Iterator[None]:
    """Work as `municipality` (a Municipality, or None for none at all)."""
    if municipality is None:
        with scope(municipality=[], region=[]):
            yield
        return
    regions = [municipality.region_id] if municipality.region_id else []
    with scope(municipality=[municipality.pk], region=regions):
        yield


@contextmanager
def no_scope() -> Iterator[None]:
    """No organisation data at all: anonymous pages, and what outsiders see."""
    with scope(municipality=[], region=[]):
        yield
