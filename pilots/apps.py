from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilot programmes")

    def ready(self):
        # The programme and pilot pages are approval's; execution and evaluation add their
        # sections to them from here, so that approval never imports the rooms built on it; advice
        # adds the programme's advisors.
        from .advice import views as advice_views
        from .approval import pages
        from .evaluation import views as evaluation_views
        from .execution import views as execution_views

        pages.page_sections_register(
            pilot=[execution_views.pilot_section, evaluation_views.pilot_section],
            programme=[
                execution_views.programme_section,
                evaluation_views.programme_section,
                advice_views.programme_section,
            ],
        )
        from .evaluation.selectors import points_content

        pages.pilot_extras_register(points_content)

        from procurement.selection.selectors import round_dependents_register

        from .approval.selectors import programmes_with_dossiers

        # Reopening a selection round names the programmes built on its selection.
        round_dependents_register(programmes_with_dossiers)

        from django.db.models import Q

        from core.visibility import NOTHING, subject_visibility_register
        from pilots.permissions import can_view_programmes

        def may_see(user, obj) -> bool:
            return can_view_programmes(user)

        # The stakeholder pages of a programme or pilot show its title: only to whoever may
        # see the programme itself.
        def visible_q(user) -> Q:
            return Q() if can_view_programmes(user) else NOTHING

        for model_name in ("Programme", "Pilot"):
            subject_visibility_register(self.get_model(model_name), may_see, visible_q)

        from stakeholders.gdpr import archived_copies_register

        from .approval.archive import decisions_carrying
        from .documents.archive import documents_carrying

        # The erasure of a person reports the official documents and decisions that keep
        # their name.
        archived_copies_register(documents_carrying)
        archived_copies_register(decisions_carrying)

        from attachments.registry import attachments_register
        from pilots import permissions

        from .approval.access import pilot_for_reader, programme_for_viewer
        from .execution.access import market_dialogue_for_viewer

        # Presentations, specifications and market-dialogue reports, seen by who sees the
        # programme; a programme's and a pilot's can be listed in the documents' annexes.
        attachments_register(
            "programme",
            self.get_model("Programme"),
            load=programme_for_viewer,
            may_change=permissions.can_edit_programme,
            page=lambda programme: programme.get_absolute_url(),
            annexable=True,
        )
        attachments_register(
            "pilot",
            self.get_model("Pilot"),
            load=pilot_for_reader,
            may_change=permissions.can_attach_to_pilot,
            page=lambda pilot: pilot.get_absolute_url(),
            annexable=True,
        )
        attachments_register(
            "market-dialogue",
            self.get_model("MarketDialogue"),
            load=market_dialogue_for_viewer,
            may_change=lambda user, dialogue: permissions.can_record_execution(user),
            page=lambda dialogue: dialogue.pilot.get_absolute_url(),
        )
