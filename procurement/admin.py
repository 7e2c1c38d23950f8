from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from core.admin_shared import SharedReferenceAdmin
from core.scoping import active_municipality_ids

from .dossiers import services as dossier_services
from .models import (
    Candidate,
    CircularStrategy,
    Criterion,
    Dossier,
    JointParticipation,
    ProcedureThreshold,
    ProcedureType,
    RoundDepartment,
    SelectionEvent,
    SelectionRound,
)


class ProcedureThresholdInline(admin.TabularInline):
    model = ProcedureThreshold
    extra = 0


@admin.register(ProcedureType)
class ProcedureTypeAdmin(SharedReferenceAdmin):
    list_display = ["name", "name_en", "code", "legal_reference", "position"]
    search_fields = ["name", "name_en", "code"]
    inlines = [ProcedureThresholdInline]


@admin.register(ProcedureThreshold)
class ProcedureThresholdAdmin(SharedReferenceAdmin):
    list_display = ["procedure_type", "subject_type", "upper_limit", "valid_from", "valid_until"]
    list_filter = ["procedure_type", "subject_type"]


@admin.register(CircularStrategy)
class CircularStrategyAdmin(SharedReferenceAdmin):
    list_display = ["code", "__str__"]


class JointParticipationInline(admin.TabularInline):
    """Read only: the participants change through the dossier's page, whose service checks the
    region and recomputes the suggested procedure."""

    model = JointParticipation
    fields = ["municipality", "share", "added_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "department", "estimated_value", "status"]
    list_filter = ["status", "department", "subject_type"]
    search_fields = ["reference", "title"]
    autocomplete_fields = ["department", "owner"]
    readonly_fields = ["reference", "suggested_procedure", "created_by", "created_at"]
    list_select_related = ["department"]
    inlines = [JointParticipationInline]

    # The suggested procedure follows from the subject, the (total) value and the date, as
    # the dossier's page computes it: a value changed here changes the suggestion too.
    def save_model(self, request, obj, form, change):
        obj.suggested_procedure = dossier_services.suggestion_for(obj)
        super().save_model(request, obj, form, change)

    # simple-history's records are not scoped like the dossiers: the history pages show the
    # active municipality's records only, or 404 (also for a deleted dossier's records).
    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        found = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return found.filter(_own_history())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        ids = (unquote(object_id), str(version_id))
        own = all(part.isdigit() for part in ids) and (
            Dossier.history.filter(_own_history(), id=ids[0], history_id=ids[1]).exists()
        )
        if not own:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


def _own_history() -> Q:
    """A record is the active municipality's by the municipality it carries; one written
    before the region (without one) by its dossier, which the scoped manager finds."""
    return Q(municipality_id__in=active_municipality_ids()) | Q(
        municipality__isnull=True, id__in=Dossier.objects.values("pk")
    )


class RoundDepartmentInline(admin.TabularInline):
    """Read only: a department is asked when the round opens (with its e-mail) and answers on
    the round's pages."""

    model = RoundDepartment
    extra = 0
    can_delete = False
    fields = ["department", "answer_status", "completed_by", "completed_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class CriterionInline(admin.TabularInline):
    """Read only: the criteria page checks the weights and is closed once the round is
    decided."""

    model = Criterion
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Criterion._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SelectionRound)
class SelectionRoundAdmin(admin.ModelAdmin):
    """The status and the decision change only through `round_decide` and `round_reopen`; a
    round is opened on its page (which asks the departments); a decided round is closed for
    edits here as it is in the app."""

    list_display = ["title", "status", "deadline", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = [
        "status",
        "created_by",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_rationale",
    ]
    inlines = [RoundDepartmentInline, CriterionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_open)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.is_open)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    """Scores, overrides and outcomes are recorded on the round's pages (with their events);
    here a candidate's own answer is corrected while the round is open."""

    list_display = ["dossier", "round", "willingness", "outcome"]
    list_filter = ["round", "outcome"]
    list_select_related = ["dossier", "round"]
    readonly_fields = [
        "round",
        "dossier",
        "added_by",
        "added_at",
        "override_total",
        "override_rationale",
        "outcome",
        "outcome_rationale",
        "outcome_by",
        "outcome_at",
        "total_at_decision",
        "rank_at_decision",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.round.is_open)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.round.is_open)


@admin.register(SelectionEvent)
class SelectionEventAdmin(admin.ModelAdmin):
    list_display = ["round", "kind", "user", "at"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
