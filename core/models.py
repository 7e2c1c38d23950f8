"""The organisations of an instance: the municipalities that own the data, the regions they
cooperate in, and who works for which municipality in which roles."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .uploads import validate_image


class Region(models.Model):
    """Municipalities that share their pilot cases and may buy together."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regional coordinators"),
        blank=True,
        related_name="coordinated_regions",
        help_text=_("They see the region's cases and figures, never a member's internal data."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality (or another local government) whose data is sealed off from the others."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    nis_code = models.CharField(
        _("NIS code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{5}$", _("A NIS code is five digits, e.g. 36015."))],
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2,5}$", _("Two to five capital letters, e.g. ROE."))],
        help_text=_("Put before the dossier references, e.g. ROE-2026-0042."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="organisation/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), validate_image],
        help_text=_("On the cover of every document. PNG or JPEG."),
    )
    approval_reminder_days = models.PositiveSmallIntegerField(
        _("approval reminder after (days)"),
        default=5,
        help_text=_("Deciders are reminded of a stage pending this many days."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["reference_prefix"],
                condition=~models.Q(reference_prefix=""),
                name="municipality_prefix_unique",
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user working for a municipality, in roles that hold within that municipality only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    roles = models.ManyToManyField(
        Group, verbose_name=_("roles"), blank=True, related_name="memberships"
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Without an active membership the user loses access at the next request."),
    )

    class Meta:
        ordering = ["municipality__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="membership_once")
        ]

    def __str__(self):
        return f"{self.user} @ {self.municipality}"


class SubmittedForm(models.Model):
    """A create form's one-time token, claimed by the first submission that carries it
    (core/idempotency.py). A repeat of the same submission finds the claim and is sent to the
    first one's result instead of creating a second object."""

    token = models.CharField(_("token"), max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    path = models.CharField(_("path"), max_length=500)
    # Empty while the first submission is still being processed.
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")

    def __str__(self):
        return self.token
