"""The register in the Django admin, under the register's own rule on what is sensitive
(`permissions.can_see_sensitive`): without it a staff user reads no support assessment, no
personal note and not who raised a concern, also not in the summary of what a deletion
removes; recording support and concerns takes `permissions.can_record_sensitive`, as in the
app."""

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from . import permissions
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

# What a deletion summary names only by kind for a user without sensitive access: the level
# of an assessment, and a concern listed under the person who raised it.
SENSITIVE_MODELS = (SupportAssessment, Concern)


def _sensitive(request) -> bool:
    return permissions.can_see_sensitive(request.user)


class RegisterAdmin(admin.ModelAdmin):
    """The deletion summary of a row whose deletion takes support assessments and concerns
    with it names those by kind only, unless the user may see them."""

    def get_deleted_objects(self, objs, request):
        if _sensitive(request):
            return super().get_deleted_objects(objs, request)
        return _deleted_objects_redacted(self.admin_site, objs, request)


def _deleted_objects_redacted(admin_site, objs, request):
    """Django's `admin.utils.get_deleted_objects`, with sensitive rows shown by kind only."""
    try:
        first = objs[0]
    except IndexError:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def format_callback(obj):
        opts = obj._meta
        kind = capfirst(opts.verbose_name)
        if isinstance(obj, SENSITIVE_MODELS):
            return kind
        if not admin_site.is_registered(obj.__class__):
            return f"{kind}: {obj}"
        if not admin_site.get_model_admin(obj.__class__).has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
            )
        except NoReverseMatch:
            return f"{kind}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', kind, url, obj)

    to_delete = collector.nested(format_callback)
    protected = [format_callback(obj) for obj in collector.protected]
    counts = {
        model._meta.verbose_name_plural: len(found) for model, found in collector.model_objs.items()
    }
    return to_delete, counts, perms_needed, protected


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
class PersonAdmin(RegisterAdmin):
    list_display = ["full_name", "department", "organisation", "job_title", "user", "erased_at"]
    list_filter = ["department", "organisation"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["user", "department", "organisation"]

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        return excluded if _sensitive(request) else [*excluded, "notes"]

    # Erased is final: what the erasure removed is not typed back in here.
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not obj.is_erased)


@admin.register(Organisation)
class OrganisationAdmin(RegisterAdmin):
    list_display = ["name", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]


class SupportAssessmentInline(admin.TabularInline):
    model = SupportAssessment
    extra = 0
    autocomplete_fields = ["assessed_by"]

    def has_view_permission(self, request, obj=None):
        return _sensitive(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return permissions.can_record_sensitive(request.user) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can_record_sensitive(request.user) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return permissions.can_record_sensitive(request.user) and super().has_delete_permission(
            request, obj
        )


@admin.register(Involvement)
class InvolvementAdmin(LivingPeopleMixin, RegisterAdmin):
    list_display = ["__str__", "content_type", "object_id", "role", "influence", "interest"]
    list_filter = ["content_type"]
    search_fields = ["person__full_name", "organisation__name", "role"]
    autocomplete_fields = ["person", "organisation"]
    inlines = [SupportAssessmentInline]

    def get_inlines(self, request, obj):
        return self.inlines if _sensitive(request) else []


@admin.register(Concern)
class ConcernAdmin(LivingPeopleMixin, admin.ModelAdmin):
    """Without sensitive access a concern reads as in a decision document: category, what is
    feared, the mitigation and its status, without who raised it or owns the mitigation."""

    list_display = ["__str__", "category", "status", "owner", "due_on"]
    list_filter = ["category", "status"]
    autocomplete_fields = ["involvement", "owner"]

    def get_list_display(self, request):
        if _sensitive(request):
            return self.list_display
        return [name for name in self.list_display if name != "owner"]

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        return excluded if _sensitive(request) else [*excluded, "involvement", "owner"]

    def has_add_permission(self, request):
        return permissions.can_record_sensitive(request.user) and super().has_add_permission(
            request
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can_record_sensitive(request.user) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return permissions.can_record_sensitive(request.user) and super().has_delete_permission(
            request, obj
        )


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
