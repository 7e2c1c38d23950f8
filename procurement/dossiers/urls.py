from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("export.<str:file_format>", views.dossier_export, name="dossier_export"),
    path("new/", views.dossier_create, name="dossier_create"),
    path("owner-options/", views.owner_options, name="owner_options"),
    path("procedure-suggestion/", views.procedure_suggestion, name="procedure_suggestion"),
    path("<str:reference>/", views.dossier_detail, name="dossier_detail"),
    path("<str:reference>/edit/", views.dossier_update, name="dossier_update"),
    path("<str:reference>/participants/", views.participation_add, name="participation_add"),
    path(
        "<str:reference>/participants/<int:participation_id>/",
        views.participation_change,
        name="participation_change",
    ),
    path(
        "<str:reference>/participants/<int:participation_id>/remove/",
        views.participation_remove,
        name="participation_remove",
    ),
]
