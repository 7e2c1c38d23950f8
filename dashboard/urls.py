from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("my-work/", views.my_work, name="my_work"),
    path("my-work/calendar/new/", views.calendar_feed_create, name="calendar_feed_create"),
    path("my-work/calendar/revoke/", views.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("my-work/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
