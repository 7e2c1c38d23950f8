from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from notifications.views import language_set

urlpatterns = [
    path("", include("core.urls")),
    path("", include("dashboard.urls")),
    path("", include("search.urls")),
    path("accounts/", include("core.account_urls")),
    # Django's language switch (django.conf.urls.i18n), which also keeps a logged-in user's
    # choice for their mails.
    path("i18n/setlang/", language_set, name="set_language"),
    path("", include("procurement.urls")),
    path("stakeholders/", include("stakeholders.urls")),
    path("", include("pilots.urls")),
    path("region/", include("region.urls")),
    path("", include("notifications.urls")),
    path("attachments/", include("attachments.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
