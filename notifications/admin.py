"""The notification preferences in the admin, under the same rule as the preferences page
(`rules.delivery_refusal`, through the model's `clean`): a decision asked of you cannot be
set to the summary or off here either. A preference and a language belong to a person, not to
a municipality: only superusers see them here; everyone sets their own on the settings page."""

from django.contrib import admin

from .models import NotificationPreference, UserLanguage


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    has_change_permission = has_delete_permission = has_view_permission


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(SuperuserOnly):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(UserLanguage)
class UserLanguageAdmin(SuperuserOnly):
    list_display = ["user", "language"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
