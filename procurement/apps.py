from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Procurement")

    def ready(self):
        from django.db.models import Q

        from core.visibility import NOTHING, subject_visibility_register
        from procurement.permissions import can_view_dossiers

        def may_see(user, obj) -> bool:
            return can_view_dossiers(user)

        # The stakeholder pages of a dossier show its title: to whoever may see the dossier.
        def visible_q(user) -> Q:
            return Q() if can_view_dossiers(user) else NOTHING

        subject_visibility_register(self.get_model("Dossier"), may_see, visible_q)

        from attachments.registry import attachments_register
        from procurement import permissions
        from procurement.dossiers.access import dossier_with_internals

        # Specifications and reports: the lead's internal data, changed by who edits it.
        attachments_register(
            "dossier",
            self.get_model("Dossier"),
            load=dossier_with_internals,
            may_change=permissions.can_edit_dossier,
            page=lambda dossier: dossier.get_absolute_url(),
        )
