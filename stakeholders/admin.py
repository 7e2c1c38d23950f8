from django.contrib import admin

from .models import Department, Person


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "head"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["head"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "department", "job_title", "user"]
    list_filter = ["department"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["user", "department"]
