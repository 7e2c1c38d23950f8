"""The notification preferences in the admin, under the same rule as the preferences page
(`rules.delivery_refusal`, through the model's `clean`): a decision asked of you cannot be
set to the summary or off here either."""

from django.contrib import admin

from .models import NotificationPreference, UserLanguage


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(UserLanguage)
class UserLanguageAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
