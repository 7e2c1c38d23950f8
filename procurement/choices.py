from django.db import models
from django.utils.translation import gettext_lazy as _


class Willingness(models.TextChoices):
    """Whether a department is willing to tender a procurement circularly."""

    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")
