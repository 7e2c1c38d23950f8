"""Django's login, logout and password pages, with the password-reset form throttled."""

from django.contrib.auth import urls as auth_urls
from django.urls import path

from . import views

urlpatterns = [
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset")
    if pattern.name == "password_reset"
    else pattern
    for pattern in auth_urls.urlpatterns
]
