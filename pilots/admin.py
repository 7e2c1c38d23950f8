from django.contrib import admin

from .models import (
    ApprovalChain,
    ApprovalStage,
    Decision,
    EvaluationPointTemplate,
    OfficialDocument,
    OrganisationProfile,
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
class PhaseTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "position", "default_weeks"]


class ApprovalStageInline(admin.TabularInline):
    model = ApprovalStage
    extra = 0


@admin.register(ApprovalChain)
class ApprovalChainAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    inlines = [ApprovalStageInline]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = ["dossier", "programme"]
    list_select_related = ["dossier", "programme"]
    raw_id_fields = ["programme", "dossier"]
    inlines = [PhaseInline]

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
    list_display = ["programme", "stage", "outcome", "recorded_by", "recorded_at"]
    list_filter = ["outcome"]
    list_select_related = ["programme", "stage", "recorded_by"]


@admin.register(Substitution)
class SubstitutionAdmin(admin.ModelAdmin):
    list_display = ["principal", "substitute", "role", "starts_on", "ends_on"]
    list_select_related = ["principal", "substitute"]


@admin.register(OfficialDocument)
class OfficialDocumentAdmin(ReadOnlyAdmin):
    list_display = ["programme", "kind", "version", "stage", "sha256", "size", "created_at"]
    list_filter = ["kind"]
    search_fields = ["programme__title", "sha256"]


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "logo", "updated_at"]

    def has_add_permission(self, request):
        # One profile: once it exists, it is changed, not added to.
        return not OrganisationProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


# Execution and evaluation (docs/evaluation.md): reference data is edited here; what users
# record goes through the app's services and is shown read-only.


@admin.register(ReferenceLeadTime)
class ReferenceLeadTimeAdmin(admin.ModelAdmin):
    list_display = ["procedure_type", "days", "source"]
    list_select_related = ["procedure_type"]


@admin.register(EvaluationPointTemplate)
class EvaluationPointTemplateAdmin(admin.ModelAdmin):
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
