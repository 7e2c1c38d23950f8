"""The programme documents (docs/documents.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("programmes/<int:pk>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("programmes/<int:pk>/briefing/", views.briefing_preview, name="briefing_preview"),
    path("programmes/<int:pk>/evaluation.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path(
        "programmes/<int:pk>/evaluation-report/",
        views.evaluation_preview,
        name="evaluation_preview",
    ),
    path("programmes/<int:pk>/documents/", views.document_list, name="document_list"),
    path(
        "programmes/<int:pk>/documents/<int:document_id>.pdf",
        views.official_document,
        name="official_document",
    ),
    path(
        "programmes/<int:pk>/documents/renderings/<int:rendering_id>/",
        views.rendering_status,
        name="rendering_status",
    ),
    path(
        "programmes/<int:pk>/documents/renderings/<int:rendering_id>/retry/",
        views.rendering_retry,
        name="rendering_retry",
    ),
]
