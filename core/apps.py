from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Draagvlak")

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, pre_save

        from .models import Municipality
        from .uploads import deleted_files_remove, replaced_files_remove

        user_logged_in.connect(_session_started, dispatch_uid="core.session_started")
        pre_save.connect(replaced_files_remove, sender=Municipality, dispatch_uid="core.logo")
        post_delete.connect(deleted_files_remove, sender=Municipality, dispatch_uid="core.logo")

        from . import lockout  # noqa: F401  (connects the lockout mail)

        admin.site.site_header = _("Draagvlak administration")
        admin.site.site_title = _("Draagvlak administration")
        admin.site.index_title = _("Configuration")


def _session_started(sender, request, user, **kwargs):
    from .middleware import session_mark_active

    if getattr(request, "session", None) is not None:
        session_mark_active(request.session)
