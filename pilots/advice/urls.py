"""The advisor's pages and the officers' pages for advisors (docs/advice.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("advice/", views.advice_list, name="advice_list"),
    path("advice/<int:pk>/", views.advice_detail, name="advice_detail"),
    path(
        "advice/<int:pk>/documents/<int:document_id>.pdf",
        views.advice_document,
        name="advice_document",
    ),
    path("programmes/<int:pk>/advisors/invite/", views.invitation_create, name="invitation_create"),
    path(
        "programmes/<int:pk>/advisors/<int:invitation_id>/",
        views.advisor_thread,
        name="advisor_thread",
    ),
    path(
        "programmes/<int:pk>/advisors/<int:invitation_id>/end/",
        views.invitation_end,
        name="invitation_end",
    ),
]
