from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CircularStrategy, Dossier, ProcedureThreshold, ProcedureType


class ProcedureThresholdInline(admin.TabularInline):
    model = ProcedureThreshold
    extra = 0


@admin.register(ProcedureType)
class ProcedureTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "position"]
    search_fields = ["name", "name_en", "code"]
    inlines = [ProcedureThresholdInline]


@admin.register(ProcedureThreshold)
class ProcedureThresholdAdmin(admin.ModelAdmin):
    list_display = ["procedure_type", "subject_type", "upper_limit", "valid_from", "valid_until"]
    list_filter = ["procedure_type", "subject_type"]


@admin.register(CircularStrategy)
class CircularStrategyAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "department", "estimated_value", "status"]
    list_filter = ["status", "department", "subject_type"]
    search_fields = ["reference", "title"]
    autocomplete_fields = ["department", "owner"]
    readonly_fields = ["reference", "suggested_procedure", "created_by", "created_at"]
    list_select_related = ["department"]
