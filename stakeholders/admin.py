from django.contrib import admin

from .forms import living_people
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


class LivingPeopleMixin:
    """An erased person is no one's contact, owner or stakeholder any more (the services
    refuse it); the admin offers only the living."""

    living_person_fields = ("person", "owner", "head")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.living_person_fields:
            kwargs["queryset"] = living_people()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Department)
class DepartmentAdmin(LivingPeopleMixin, admin.ModelAdmin):
    list_display = ["name", "code", "head"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["head"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "department", "organisation", "job_title", "user", "erased_at"]
    list_filter = ["department", "organisation"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["user", "department", "organisation"]

    # Erased is final: what the erasure removed is not typed back in here.
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not obj.is_erased)


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
class InvolvementAdmin(LivingPeopleMixin, admin.ModelAdmin):
    list_display = ["__str__", "content_type", "object_id", "role", "influence", "interest"]
    list_filter = ["content_type"]
    search_fields = ["person__full_name", "organisation__name", "role"]
    autocomplete_fields = ["person", "organisation"]
    inlines = [SupportAssessmentInline]


@admin.register(Concern)
class ConcernAdmin(LivingPeopleMixin, admin.ModelAdmin):
    list_display = ["__str__", "category", "status", "owner", "due_on"]
    list_filter = ["category", "status"]
    autocomplete_fields = ["involvement", "owner"]


class DecisionInline(admin.TabularInline):
    model = ConsultationDecision
    extra = 0


class ActionItemInline(LivingPeopleMixin, admin.TabularInline):
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
