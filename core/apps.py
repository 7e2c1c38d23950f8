from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Draagvlak")

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_session_started, dispatch_uid="core.session_started")

        admin.site.site_header = _("Draagvlak administration")
        admin.site.site_title = _("Draagvlak administration")
        admin.site.index_title = _("Configuration")


def _session_started(sender, request, user, **kwargs):
    from .middleware import session_mark_active

    if getattr(request, "session", None) is not None:
        session_mark_active(request.session)
