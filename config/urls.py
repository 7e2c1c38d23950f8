from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("dashboard.urls")),
    path("accounts/", include("core.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("procurement.urls")),
    path("stakeholders/", include("stakeholders.urls")),
    path("", include("pilots.urls")),
    path("region/", include("region.urls")),
    path("attachments/", include("attachments.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
