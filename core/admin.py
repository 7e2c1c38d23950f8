"""The organisations in the admin. A municipality's administrator edits their own
municipality and its memberships; regions and new municipalities are for superusers."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Membership, Municipality, Region
from .roles import Role, has_role


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["coordinators"]

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "nis_code", "reference_prefix", "region"]
    search_fields = ["name", "nis_code"]

    def get_queryset(self, request):
        found = super().get_queryset(request)
        if request.user.is_superuser:
            return found
        return found.filter(pk=getattr(request.municipality, "pk", None))

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or has_role(request.user, Role.ADMINISTRATOR)

    has_view_permission = has_change_permission
    has_module_permission = has_change_permission


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Who works for the active municipality, in which roles."""

    list_display = ["user", "municipality", "is_active"]
    list_filter = ["is_active", "roles"]
    search_fields = ["user__username", "user__last_name"]
    filter_horizontal = ["roles"]
    fields = ["user", "roles", "is_active"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        municipality = getattr(request, "municipality", None)
        return super().get_queryset(request).filter(municipality=municipality)

    def save_model(self, request, obj, form, change):
        # The membership is always one of the municipality the administrator works in.
        obj.municipality = request.municipality
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return getattr(request, "municipality", None) is not None and super().has_add_permission(
            request
        )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    filter_horizontal = ["roles"]
    fields = ["municipality", "roles", "is_active"]

    def get_queryset(self, request):
        found = super().get_queryset(request)
        if request.user.is_superuser:
            return found
        return found.filter(municipality=getattr(request, "municipality", None))

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class DraagvlakUserAdmin(UserAdmin):
    """A municipality's administrator sees the users who work for their municipality; a
    superuser sees every user and their memberships."""

    inlines = [MembershipInline]

    def get_queryset(self, request):
        found = super().get_queryset(request)
        if request.user.is_superuser:
            return found
        return found.filter(
            memberships__municipality=getattr(request, "municipality", None),
            memberships__is_active=True,
        ).distinct()


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginLockoutAdmin(AccessAttemptAdmin):
    """Failed logins per username and client address. Unlocking deletes the attempts: the
    username can log in from that address again at once. A municipality's administrator
    sees and unlocks the attempts on usernames of people who work for their municipality."""

    actions = ["unlock", "cleanup_expired_attempts"]

    def get_queryset(self, request):
        found = super().get_queryset(request)
        if request.user.is_superuser:
            return found
        colleagues = get_user_model().objects.filter(
            memberships__municipality=getattr(request, "municipality", None),
            memberships__is_active=True,
        )
        return found.filter(username__in=colleagues.values("username"))

    def _administers(self, request) -> bool:
        return request.user.is_superuser or has_role(request.user, Role.ADMINISTRATOR)

    def has_view_permission(self, request, obj=None):
        return self._administers(request)

    has_module_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Unlock: allow these logins again now"))
    def unlock(self, request, queryset):
        count, _deleted = queryset.delete()
        self.message_user(
            request,
            ngettext("%(count)d lockout lifted.", "%(count)d lockouts lifted.", count)
            % {"count": count},
        )
