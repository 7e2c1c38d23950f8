"""Policy (docs/evaluation.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("policy/", views.policy_draft, name="policy_draft"),
    path("policy/recommendations/", views.recommendation_list, name="recommendation_list"),
    path(
        "policy/recommendations/export.<str:file_format>",
        views.recommendation_export,
        name="recommendation_export",
    ),
    path("policy/recommendations/new/", views.recommendation_edit, name="recommendation_create"),
    path(
        "policy/recommendations/<int:pk>/",
        views.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "policy/recommendations/<int:pk>/edit/",
        views.recommendation_edit,
        name="recommendation_update",
    ),
    path(
        "policy/recommendations/<int:pk>/status/",
        views.recommendation_move,
        name="recommendation_move",
    ),
]
