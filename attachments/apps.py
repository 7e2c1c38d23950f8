from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "attachments"
    verbose_name = _("Attachments")

    def ready(self):
        from django.db.models.signals import post_delete

        from core.uploads import deleted_files_remove

        from .models import Attachment

        post_delete.connect(
            deleted_files_remove, sender=Attachment, dispatch_uid="attachments.file"
        )
