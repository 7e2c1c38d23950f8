"""The procurement app's doors. Each room keeps the URL namespace it always had: `procurement`
for the dossier register, `selection` for the selection rounds."""

from django.urls import include, path

urlpatterns = [
    path("dossiers/", include("procurement.dossiers.urls")),
    path("selection/", include("procurement.selection.urls")),
]
