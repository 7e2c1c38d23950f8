"""Every page of the pilots app, room by room, under the one namespace `pilots`."""

from django.urls import include, path

app_name = "pilots"

urlpatterns = [
    path("", include("pilots.approval.urls")),
    path("", include("pilots.documents.urls")),
    path("", include("pilots.execution.urls")),
    path("", include("pilots.evaluation.urls")),
    path("", include("pilots.policy.urls")),
    path("", include("pilots.advice.urls")),
]
