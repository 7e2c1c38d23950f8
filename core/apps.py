from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Draagvlak")

    def ready(self):
        from django.contrib import admin

        from . import lockout  # noqa: F401  (connects the lockout mail)

        admin.site.site_header = _("Draagvlak administration")
        admin.site.site_title = _("Draagvlak administration")
        admin.site.index_title = _("Configuration")
