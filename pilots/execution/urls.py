"""Execution (docs/evaluation.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("pilots/<int:pk>/phases/", views.phases_record, name="phases_record"),
    path("pilots/<int:pk>/dialogues/new/", views.dialogue_edit, name="dialogue_create"),
    path(
        "pilots/<int:pk>/dialogues/<int:dialogue_id>/edit/",
        views.dialogue_edit,
        name="dialogue_update",
    ),
]
