from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core.mail import language_register
        from core.membership import workplace_figure_register

        from .selectors import UNREAD, language_chosen, unread_expression

        language_register(language_chosen)
        workplace_figure_register(UNREAD, unread_expression)
