from django.contrib import admin

from .models import (
    ActionItem,
    Concern,
    Consultation,
    ConsultationDecision,
    Department,
    Involvement,
    Organisation,
    Person,
    SupportAssessment,
)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "head"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["head"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "department", "organisation", "job_title", "user", "erased_at"]
    list_filter = ["department", "organisation"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["user", "department", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]


class SupportAssessmentInline(admin.TabularInline):
    model = SupportAssessment
    extra = 0
    autocomplete_fields = ["assessed_by"]


@admin.register(Involvement)
class InvolvementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "content_type", "object_id", "role", "influence", "interest"]
    list_filter = ["content_type"]
    search_fields = ["person__full_name", "organisation__name", "role"]
    autocomplete_fields = ["person", "organisation"]
    inlines = [SupportAssessmentInline]


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ["__str__", "category", "status", "owner", "due_on"]
    list_filter = ["category", "status"]
    autocomplete_fields = ["involvement", "owner"]


class DecisionInline(admin.TabularInline):
    model = ConsultationDecision
    extra = 0


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    autocomplete_fields = ["owner"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "held_on", "content_type", "object_id"]
    date_hierarchy = "held_on"
    search_fields = ["title", "minutes"]
    autocomplete_fields = ["participants", "organisations"]
    inlines = [DecisionInline, ActionItemInline]
