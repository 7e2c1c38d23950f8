from django.urls import path

from . import document_views, evaluation_views, views

app_name = "pilots"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/export.<str:file_format>", views.programme_export, name="programme_export"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/substitutes/", views.substitution_list, name="substitution_list"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_update, name="programme_update"),
    path("programmes/<int:pk>/submit/", views.programme_submit, name="programme_submit"),
    path("programmes/<int:pk>/decide/", views.programme_decide, name="programme_decide"),
    path("pilots/", views.pilot_list, name="pilot_list"),
    path("pilots/export.<str:file_format>", views.pilot_export, name="pilot_export"),
    path("pilots/<int:pk>/", views.pilot_detail, name="pilot_detail"),
    path("pilots/<int:pk>/edit/", views.pilot_update, name="pilot_update"),
]

# The programme documents (docs/documents.md).
urlpatterns += [
    path("programmes/<int:pk>/briefing.pdf", document_views.briefing_pdf, name="briefing_pdf"),
    path("programmes/<int:pk>/briefing/", document_views.briefing_preview, name="briefing_preview"),
    path(
        "programmes/<int:pk>/evaluation.pdf",
        document_views.evaluation_pdf,
        name="evaluation_pdf",
    ),
    path(
        "programmes/<int:pk>/evaluation-report/",
        document_views.evaluation_preview,
        name="evaluation_preview",
    ),
    path("programmes/<int:pk>/documents/", document_views.document_list, name="document_list"),
    path(
        "programmes/<int:pk>/documents/<int:document_id>.pdf",
        document_views.official_document,
        name="official_document",
    ),
]

# Execution, evaluation and policy (docs/evaluation.md).
urlpatterns += [
    path("pilots/<int:pk>/phases/", evaluation_views.phases_record, name="phases_record"),
    path("pilots/<int:pk>/dialogues/new/", evaluation_views.dialogue_edit, name="dialogue_create"),
    path(
        "pilots/<int:pk>/dialogues/<int:dialogue_id>/edit/",
        evaluation_views.dialogue_edit,
        name="dialogue_update",
    ),
    path("pilots/<int:pk>/points/new/", evaluation_views.point_create, name="point_create"),
    path(
        "pilots/<int:pk>/points/<int:point_id>/",
        evaluation_views.point_detail,
        name="point_detail",
    ),
    path(
        "pilots/<int:pk>/points/<int:point_id>/edit/",
        evaluation_views.point_update,
        name="point_update",
    ),
    path(
        "pilots/<int:pk>/points/<int:point_id>/delete/",
        evaluation_views.point_delete,
        name="point_delete",
    ),
    path(
        "pilots/<int:pk>/evaluation/",
        evaluation_views.pilot_evaluation_edit,
        name="pilot_evaluation",
    ),
    path(
        "programmes/<int:pk>/evaluation/",
        evaluation_views.programme_evaluation_edit,
        name="programme_evaluation",
    ),
    path("policy/", evaluation_views.policy_draft, name="policy_draft"),
    path(
        "policy/recommendations/",
        evaluation_views.recommendation_list,
        name="recommendation_list",
    ),
    path(
        "policy/recommendations/export.<str:file_format>",
        evaluation_views.recommendation_export,
        name="recommendation_export",
    ),
    path(
        "policy/recommendations/new/",
        evaluation_views.recommendation_edit,
        name="recommendation_create",
    ),
    path(
        "policy/recommendations/<int:pk>/",
        evaluation_views.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "policy/recommendations/<int:pk>/edit/",
        evaluation_views.recommendation_edit,
        name="recommendation_update",
    ),
    path(
        "policy/recommendations/<int:pk>/status/",
        evaluation_views.recommendation_move,
        name="recommendation_move",
    ),
]
