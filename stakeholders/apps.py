from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "stakeholders"
    verbose_name = _("Stakeholders")

    def ready(self):
        from attachments.registry import attachments_register

        from . import access, permissions

        # A consultation's presentations and minutes: for who may see the consultation.
        attachments_register(
            "consultation",
            self.get_model("Consultation"),
            load=access.consultation_for_view,
            may_change=lambda user, consultation: permissions.can_manage_stakeholders(user),
            page=lambda consultation: consultation.get_absolute_url(),
        )
