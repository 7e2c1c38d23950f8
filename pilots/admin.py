from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.admin_shared import SharedReferenceAdmin
from core.roles import Role, has_role

from .approval import services as approval_services
from .common.errors import PilotError
from .models import (
    AdvisorAccess,
    AdvisorComment,
    ApprovalChain,
    ApprovalStage,
    Decision,
    EvaluationPointTemplate,
    Invitation,
    LegalBasis,
    OfficialDocument,
    Phase,
    PhaseType,
    Pilot,
    PointChange,
    PolicyRecommendation,
    Programme,
    ReferenceLeadTime,
    Revision,
    RevisionStage,
    Substitution,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit records: visible to administrators, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PhaseType)
class PhaseTypeAdmin(SharedReferenceAdmin):
    list_display = ["name", "name_en", "code", "position", "default_weeks"]


class ApprovalStageInline(admin.TabularInline):
    model = ApprovalStage
    extra = 0


@admin.register(ApprovalChain)
class ApprovalChainAdmin(admin.ModelAdmin):
    """The shared chains and the active municipality's own. Only a superuser edits a shared
    chain; an administrator's new chain belongs to their municipality."""

    list_display = ["name", "municipality", "is_default"]
    inlines = [ApprovalStageInline]

    def get_queryset(self, request):
        own = getattr(request, "municipality", None)
        return super().get_queryset(request).filter(Q(municipality=None) | Q(municipality=own))

    def get_exclude(self, request, obj=None):
        return [] if request.user.is_superuser else ["municipality"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.municipality = request.municipality
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        shared = obj is not None and obj.municipality_id is None
        allowed = super().has_change_permission(request, obj)
        return allowed and (request.user.is_superuser or not shared)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(
            request, obj
        )


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class PilotAdminForm(forms.ModelForm):
    """A pilot is added only to a programme whose content may still change: in approval or
    approved, the content is what the deciders saw (`Programme.edit_refusal`)."""

    class Meta:
        model = Pilot
        fields = [
            "programme",
            "dossier",
            "scope",
            "objectives",
            "procurement_budget",
            "circular_strategies",
        ]

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme") or getattr(self.instance, "programme", None)
        refusal = programme.edit_refusal() if programme is not None else None
        if refusal:
            raise ValidationError(refusal)
        return cleaned


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    form = PilotAdminForm
    list_display = ["dossier", "programme"]
    list_select_related = ["dossier", "programme"]
    raw_id_fields = ["programme", "dossier"]
    inlines = [PhaseInline]

    def get_readonly_fields(self, request, obj=None):
        # Moving a pilot to another programme would change two proposals at once.
        return ["programme", "dossier"] if obj is not None else []

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.programme.is_editable)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.programme.is_editable)


class PilotInline(admin.TabularInline):
    model = Pilot
    extra = 0
    raw_id_fields = ["dossier"]
    fields = ["dossier", "scope"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "revision_number", "budget", "start_date"]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = ["status", "revision_number", "pending_stage", "created_by"]
    inlines = [PilotInline]

    # Outside a draft the content is what the deciders saw: the admin cannot change it either.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)


class RevisionStageInline(ReadOnlyInline):
    model = RevisionStage


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ["programme", "number", "status", "submitted_by", "submitted_at"]
    list_select_related = ["programme", "submitted_by"]
    inlines = [RevisionStageInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["programme", "stage", "outcome", "decision_date", "recorded_by", "recorded_at"]
    list_filter = ["outcome"]
    list_select_related = ["programme", "stage", "recorded_by"]

    @admin.display(description=_("date of the decision"))
    def decision_date(self, obj):
        """The meeting's or decision date the decision carries (`Decision.date`), not the
        moment it was recorded."""
        return obj.date


class SubstitutionAdminForm(forms.ModelForm):
    """The same rules as the substitutes page (`services.substitution_refusal`): the absent
    decider holds the role, the substitute holds the same or a higher one."""

    class Meta:
        model = Substitution
        fields = ["principal", "substitute", "role", "starts_on", "ends_on"]

    def clean(self):
        cleaned = super().clean()
        names = ["principal", "substitute", "role", "starts_on", "ends_on"]
        values = [cleaned.get(name) for name in names]
        if None in values or "" in values:
            return cleaned
        principal, substitute, role, starts_on, ends_on = values
        refusal = approval_services.substitution_refusal(
            principal=principal,
            substitute=substitute,
            role=role,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        if refusal:
            raise ValidationError(
                {refusal.field: refusal.message} if refusal.field else refusal.message
            )
        return cleaned


@admin.register(Substitution)
class SubstitutionAdmin(admin.ModelAdmin):
    """Substitutions are named here or on the substitutes page under the same rules, never
    changed (a different period or person is a new substitution), never deleted (the
    history shows who could decide when), and ended through the service."""

    form = SubstitutionAdminForm
    list_display = ["principal", "substitute", "role", "starts_on", "ends_on", "ended_at"]
    list_select_related = ["principal", "substitute"]
    readonly_fields = ["ended_at", "ended_by", "created_at"]
    actions = ["end_now"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("End the selected substitutions now"))
    def end_now(self, request, queryset):
        for substitution in queryset:
            try:
                approval_services.substitution_end(
                    substitution_id=substitution.pk, user=request.user
                )
            except (PilotError, PermissionDenied) as error:
                self.message_user(request, f"{substitution}: {error}", messages.ERROR)
            else:
                self.message_user(
                    request, _("%(substitution)s ended.") % {"substitution": substitution}
                )


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    """The legal grounds and the delegation the municipality's decision notes rest on. The
    owned manager shows the active municipality's own only; a new one belongs to it (the
    row's default is the active scope), so one is added only while working in a
    municipality, and only by its administrator (or a superuser)."""

    list_display = ["title", "citation", "kind", "position"]
    list_filter = ["kind"]
    search_fields = ["title", "citation"]

    def _administers(self, request) -> bool:
        return request.user.is_superuser or has_role(request.user, Role.ADMINISTRATOR)

    def has_module_permission(self, request):
        return self._administers(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._administers(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        working_here = getattr(request, "municipality", None) is not None
        return working_here and self._administers(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._administers(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._administers(request) and super().has_delete_permission(request, obj)


@admin.register(OfficialDocument)
class OfficialDocumentAdmin(ReadOnlyAdmin):
    list_display = ["programme", "kind", "version", "stage", "sha256", "size", "created_at"]
    list_filter = ["kind"]
    search_fields = ["programme__title", "sha256"]


# Execution and evaluation (docs/evaluation.md): reference data is edited here; what users
# record goes through the app's services and is shown read-only.


@admin.register(ReferenceLeadTime)
class ReferenceLeadTimeAdmin(SharedReferenceAdmin):
    list_display = ["procedure_type", "days", "source"]
    list_select_related = ["procedure_type"]


@admin.register(EvaluationPointTemplate)
class EvaluationPointTemplateAdmin(SharedReferenceAdmin):
    list_display = ["indicator", "category", "unit", "direction", "weight", "position"]
    list_filter = ["category"]


@admin.register(PointChange)
class PointChangeAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "pilot", "action", "after_approval", "changed_by", "changed_at"]
    list_filter = ["action", "after_approval"]
    list_select_related = ["pilot__dossier", "changed_by"]


@admin.register(PolicyRecommendation)
class PolicyRecommendationAdmin(ReadOnlyAdmin):
    list_display = ["title", "theme", "status", "decided_on", "owner"]
    list_filter = ["theme", "status"]


# Advisors (docs/advice.md): invitations and comments are made in the app; the access log is
# an audit record.


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["advisor", "programme", "ends_on", "ended_at", "invited_by", "created_at"]
    list_select_related = ["advisor", "programme", "invited_by"]
    search_fields = ["programme__title", "advisor__email", "advisor__last_name"]


@admin.register(AdvisorComment)
class AdvisorCommentAdmin(ReadOnlyAdmin):
    list_display = ["invitation", "author", "created_at"]
    list_select_related = ["invitation__advisor", "invitation__programme", "author"]


@admin.register(AdvisorAccess)
class AdvisorAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "invitation", "path"]
    list_select_related = ["user", "invitation__advisor", "invitation__programme"]
    list_filter = ["at"]
    search_fields = ["user__email", "path", "invitation__programme__title"]
