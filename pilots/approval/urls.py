from django.urls import path

from . import views

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/export.<str:file_format>", views.programme_export, name="programme_export"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/substitutes/", views.substitution_list, name="substitution_list"),
    path(
        "programmes/substitutes/<int:pk>/end/",
        views.substitution_end,
        name="substitution_end",
    ),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_update, name="programme_update"),
    path("programmes/<int:pk>/submit/", views.programme_submit, name="programme_submit"),
    path("programmes/<int:pk>/decide/", views.programme_decide, name="programme_decide"),
    path("pilots/", views.pilot_list, name="pilot_list"),
    path("pilots/export.<str:file_format>", views.pilot_export, name="pilot_export"),
    path("pilots/<int:pk>/", views.pilot_detail, name="pilot_detail"),
    path("pilots/<int:pk>/edit/", views.pilot_update, name="pilot_update"),
]
