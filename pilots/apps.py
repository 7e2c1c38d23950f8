from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilot programmes")

    def ready(self):
        # The programme and pilot pages are approval's; execution and evaluation add their
        # sections to them from here, so that approval never imports the rooms built on it.
        from .approval import pages
        from .evaluation import views as evaluation_views
        from .execution import views as execution_views

        pages.page_sections_register(
            pilot=[execution_views.pilot_section, evaluation_views.pilot_section],
            programme=[evaluation_views.programme_section],
        )
