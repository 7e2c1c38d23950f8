from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    path("<slug:key>/<int:pk>/add/", views.attachment_add, name="add"),
    path("<int:pk>/", views.attachment_download, name="download"),
    path("<int:pk>/remove/", views.attachment_remove, name="remove"),
    path("<int:pk>/annexes/", views.attachment_annexes, name="annexes"),
]
