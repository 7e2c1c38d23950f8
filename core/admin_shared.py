"""Admin base for the reference data every municipality of the instance shares (procedure
types and thresholds, the R-ladder, phase types, reference lead times, evaluation-point
templates): any administrator may read it, only a superuser changes it, since a change
would change every municipality's rules."""

from django.contrib import admin


class SharedReferenceAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
