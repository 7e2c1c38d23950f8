from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scoping import municipality_field, owned_manager


class CalendarFeed(models.Model):
    """A person's private calendar address in one municipality. Only the SHA-256 of its
    random token is kept: a copy of the database opens nobody's calendar. A new address
    replaces the old one, which then answers 404, as a revoked one does."""

    municipality = municipality_field()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token_digest = models.CharField(_("digest of the token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], name="calendar_feed_one_per_user"
            )
        ]

    def __str__(self):
        return str(self.user)
