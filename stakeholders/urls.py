from django.urls import include, path

from . import views

app_name = "stakeholders"

# The pages of one subject (a programme, pilot or dossier of another app).
SUBJECT_PATTERNS = [
    path("", views.subject_support, name="subject_support"),
    path("stakeholders/new/", views.involvement_create, name="involvement_create"),
    path("concerns/new/", views.concern_create, name="concern_create"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
]

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("export.<str:file_format>", views.person_export, name="person_export"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update, name="person_update"),
    path("people/<int:pk>/personal-data.json", views.person_data_export, name="person_data"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path(
        "organisations/export.<str:file_format>",
        views.organisation_export,
        name="organisation_export",
    ),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_update, name="organisation_update"),
    path("subjects/", views.subject_list, name="subject_list"),
    path("subjects/<int:content_type_id>/<int:object_id>/", include(SUBJECT_PATTERNS)),
    path("involvements/<int:pk>/edit/", views.involvement_update, name="involvement_update"),
    path("involvements/<int:pk>/support/", views.support_assess, name="support_assess"),
    path("concerns/<int:pk>/edit/", views.concern_update, name="concern_update"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path(
        "consultations/export.<str:file_format>",
        views.consultation_export,
        name="consultation_export",
    ),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", views.consultation_update, name="consultation_update"),
    path("consultations/<int:pk>/decisions/new/", views.decision_add, name="decision_add"),
    path("consultations/<int:pk>/actions/new/", views.action_item_add, name="action_item_add"),
    path("actions/<int:pk>/done/", views.action_item_complete, name="action_item_complete"),
]
