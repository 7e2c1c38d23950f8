"""Evaluation (docs/evaluation.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("pilots/<int:pk>/points/new/", views.point_create, name="point_create"),
    path("pilots/<int:pk>/points/<int:point_id>/", views.point_detail, name="point_detail"),
    path("pilots/<int:pk>/points/<int:point_id>/edit/", views.point_update, name="point_update"),
    path("pilots/<int:pk>/points/<int:point_id>/delete/", views.point_delete, name="point_delete"),
    path(
        "pilots/<int:pk>/points/<int:point_id>/measurements/<int:measurement_id>/correct/",
        views.measurement_correct,
        name="measurement_correct",
    ),
    path(
        "pilots/<int:pk>/points/<int:point_id>/measurements/<int:measurement_id>/remove/",
        views.measurement_remove,
        name="measurement_remove",
    ),
    path("pilots/<int:pk>/evaluation/", views.pilot_evaluation_edit, name="pilot_evaluation"),
    path(
        "programmes/<int:pk>/evaluation/",
        views.programme_evaluation_edit,
        name="programme_evaluation",
    ),
]
