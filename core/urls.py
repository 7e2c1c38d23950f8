from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("pick/<slug:name>/", views.picker_options, name="picker_options"),
    path("municipality/", views.switch_municipality, name="switch_municipality"),
]
