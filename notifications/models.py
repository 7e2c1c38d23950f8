"""What Draagvlak told a user, how they want to hear of each kind, and their language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scoping import municipality_field, owned_manager


class Kind(models.TextChoices):
    DECISION = "decision", _("A decision is asked of you")
    OUTCOME = "outcome", _("The outcome of your programme's approval")
    ADVICE = "advice", _("Advice: invitations and comments")
    INVENTORY = "inventory", _("Inventory rounds: requests and reminders")
    ACTION_ITEM = "action_item", _("Action items that are due")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Mail me at once")
    DIGEST = "digest", _("Once a day, in a summary")
    OFF = "off", _("No mail, only here")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing a user was told, in the municipality it happened in. It is always kept for
    the in-app list, whatever the user chose for its mail."""

    municipality = municipality_field()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Waiting for the recipient's daily summary (their preference for this kind).
    in_digest = models.BooleanField(_("waits for the daily summary"), default=False)
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)

    objects = owned_manager(queryset=NotificationQuerySet)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["recipient", "municipality", "read_at"], name="notification_unread"
            ),
        ]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """How a user wants to hear of one kind of notification. Without a row: at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"

    def clean(self):
        from .rules import delivery_refusal

        refusal = delivery_refusal(self.kind, self.delivery)
        if refusal:
            raise ValidationError({"delivery": refusal})


class UserLanguage(models.Model):
    """The language a user chose (with the language menu or on the preferences page): their
    mails are written in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="language_choice",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return f"{self.user}: {self.language}"


class DigestSent(models.Model):
    """A daily summary that left: one per user, municipality and day, so a second run of
    `send_reminders` on the same day sends none."""

    municipality = municipality_field()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("sent on"))

    objects = owned_manager()

    class Meta:
        verbose_name = _("daily summary sent")
        verbose_name_plural = _("daily summaries sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "sent_on"], name="digest_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.sent_on}"
