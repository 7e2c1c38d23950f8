import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.scoping import municipality_field, owned_manager

# What involvement, concerns and consultations may be about. Named by label so that this app
# never imports the apps that own them (docs/design.md: pilots -> procurement -> stakeholders).
SUBJECT_MODELS = frozenset({"procurement.dossier", "pilots.programme", "pilots.pilot"})

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Quadrant(models.TextChoices):
    MANAGE_CLOSELY = "manage_closely", _("Manage closely")
    KEEP_SATISFIED = "keep_satisfied", _("Keep satisfied")
    KEEP_INFORMED = "keep_informed", _("Keep informed")
    MONITOR = "monitor", _("Monitor")


# On the 1-5 scales, 3 and above counts as high (docs/stakeholders.md).
HIGH = 3


def quadrant_for(*, influence: int, interest: int) -> Quadrant:
    """The power-interest grid: high influence and high interest -> manage closely; high
    influence only -> keep satisfied; high interest only -> keep informed; else monitor."""
    if influence >= HIGH and interest >= HIGH:
        return Quadrant.MANAGE_CLOSELY
    if influence >= HIGH:
        return Quadrant.KEEP_SATISFIED
    if interest >= HIGH:
        return Quadrant.KEEP_INFORMED
    return Quadrant.MONITOR


class SupportLevel(models.IntegerChoices):
    RESISTANT = 1, _("Resistant")
    SCEPTICAL = 2, _("Sceptical")
    NEUTRAL = 3, _("Neutral")
    SUPPORTIVE = 4, _("Supportive")
    CHAMPION = 5, _("Champion")


class Department(models.Model):
    municipality = municipality_field()

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=20)
    head = models.ForeignKey(
        "stakeholders.Person",
        verbose_name=_("head"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = owned_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="department_name_once"),
            models.UniqueConstraint(fields=["municipality", "code"], name="department_code_once"),
        ]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """An external party: an advisor, another local government, a market party."""

    municipality = municipality_field()

    class Kind(models.TextChoices):
        ADVISOR = "advisor", _("External advisor")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        REGIONAL_COLLABORATION = "regional_collaboration", _("Regional collaboration")
        MARKET_PARTY = "market_party", _("Market party")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = owned_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="organisation_name_once")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stakeholders:organisation_detail", args=[self.pk])


class Person(models.Model):
    """Someone in or around the organisation; a staff member who logs in has a user."""

    municipality = municipality_field()

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text=_("For someone outside the city: the organisation they work for."),
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(
        _("personal notes"),
        max_length=5000,
        blank=True,
        help_text=_("Only procurement and the strategic cell see these notes."),
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, null=True)

    objects = owned_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["full_name"]),
            models.Index(fields=["department", "full_name"]),
            models.Index(fields=["organisation", "full_name"]),
        ]

    def __str__(self):
        if self.erased_at:
            return gettext("Erased person %(number)s") % {"number": self.pk}
        return self.full_name

    def get_absolute_url(self):
        return reverse("stakeholders:person_detail", args=[self.pk])

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def affiliation(self):
        return self.department or self.organisation


class SubjectQuerySet(models.QuerySet):
    def for_subject(self, subject):
        return self.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )


class SubjectLink(models.Model):
    """What a row is about: a programme, a pilot or a dossier."""

    municipality = municipality_field()

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("content_type", "object_id")

    objects = owned_manager(queryset=SubjectQuerySet)

    class Meta:
        abstract = True


class Involvement(SubjectLink):
    """A person or an organisation with a stake in a subject."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="involvements",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="involvements",
    )
    role = models.CharField(_("role in the subject"), max_length=150, blank=True)
    influence = models.PositiveSmallIntegerField(_("influence (1-5)"), validators=SCALE)
    interest = models.PositiveSmallIntegerField(_("interest (1-5)"), validators=SCALE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-influence", "-interest", "pk"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="involvement_person_xor_organisation",
                violation_error_message=_("Choose either a person or an organisation."),
            ),
            models.CheckConstraint(
                condition=Q(influence__gte=1, influence__lte=5), name="involvement_influence_1_5"
            ),
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5), name="involvement_interest_1_5"
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "person"],
                condition=Q(person__isnull=False),
                name="involvement_unique_person",
                violation_error_message=_("This stakeholder is already involved."),
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "organisation"],
                condition=Q(organisation__isnull=False),
                name="involvement_unique_organisation",
                violation_error_message=_("This stakeholder is already involved."),
            ),
        ]

    def __str__(self):
        return str(self.stakeholder)

    @property
    def stakeholder(self):
        return self.person or self.organisation

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_for(influence=self.influence, interest=self.interest)


class SupportAssessment(models.Model):
    """A dated judgement of someone's support. Current = latest by date, then by creation."""

    involvement = models.ForeignKey(
        Involvement,
        verbose_name=_("involvement"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    assessed_on = models.DateField(_("assessed on"))
    level = models.PositiveSmallIntegerField(_("support"), choices=SupportLevel.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = owned_manager("involvement__municipality")

    class Meta:
        ordering = ["-assessed_on", "-created_at", "-pk"]
        verbose_name = _("support assessment")
        verbose_name_plural = _("support assessments")
        indexes = [models.Index(fields=["involvement", "-assessed_on", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="assessment_level_1_5"
            )
        ]

    def __str__(self):
        return f"{self.involvement}: {self.get_level_display()} ({self.assessed_on})"


class Concern(models.Model):
    class Category(models.TextChoices):
        UNKNOWN_WAY_OF_WORKING = "unknown_way_of_working", _("Fear of an unknown way of working")
        LEGAL_RISK = "legal_risk", _("Legal risk")
        SLOWER_LEAD_TIME = "slower_lead_time", _("Slower lead time")
        LOCAL_VS_CIRCULAR = "local_vs_circular", _("Local vs circular")
        WORKLOAD = "workload", _("Workload")
        BUDGET = "budget", _("Budget")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("Being mitigated")
        MITIGATED = "mitigated", _("Mitigated")
        DROPPED = "dropped", _("No longer relevant")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    involvement = models.ForeignKey(
        Involvement,
        verbose_name=_("raised by"),
        on_delete=models.CASCADE,
        related_name="concerns",
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    description = models.TextField(_("concern"), max_length=2000)
    raised_on = models.DateField(_("raised on"))
    mitigation = models.TextField(_("mitigation"), max_length=2000, blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner of the mitigation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_concerns",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = owned_manager("involvement__municipality")

    class Meta:
        ordering = ["raised_on", "pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Consultation(SubjectLink):
    """A meeting (overleg): who was there, what was said, decided and agreed to do."""

    held_on = models.DateField(_("date"))
    title = models.CharField(_("subject"), max_length=200)
    participants = models.ManyToManyField(
        Person, verbose_name=_("participants"), blank=True, related_name="consultations"
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="consultations",
    )
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Deleting the object deletes its attachments and their files (attachments app).
    attachments = GenericRelation("attachments.Attachment")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["held_on"]),
            models.Index(fields=["title"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stakeholders:consultation_detail", args=[self.pk])


class ConsultationDecision(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    text = models.TextField(_("decision"), max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = owned_manager("consultation__municipality")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]


class ActionItem(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = owned_manager("consultation__municipality")

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [
            models.Index(fields=["owner", "done_at", "due_on"]),
            models.Index(fields=["done_at", "due_on"]),
        ]

    def __str__(self):
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Open after its due date. Templates call it without `today`: it is then today."""
        return not self.is_done and self.due_on < (today or timezone.localdate())


class ActionItemReminder(models.Model):
    """One reminder sent; the unique date keeps a second run on the same day silent."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()

    objects = owned_manager("action_item__consultation__municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action_item", "sent_on"], name="one_action_item_reminder_a_day"
            )
        ]

    def __str__(self):
        return f"{self.action_item_id} {self.sent_on}"


class ErasureRecord(models.Model):
    """That a person was erased, by whom and when; it holds nothing about who they were."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="erasure")
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    erased_at = models.DateTimeField(auto_now_add=True)

    objects = owned_manager("person__municipality")

    def __str__(self):
        return f"{self.person_id} {self.erased_at:%Y-%m-%d}"
