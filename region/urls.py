from django.urls import path

from . import views

app_name = "region"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/report.pdf", views.case_report, name="case_report"),
    path("cases/<int:pk>/withdraw/", views.case_withdraw, name="case_withdraw"),
    path("cases/<int:pk>/use/", views.case_copy, name="case_copy"),
    path("compare/", views.case_compare, name="case_compare"),
    path("figures/", views.figures, name="figures"),
    path("share/", views.share_list, name="share_list"),
    path("share/<int:pilot_id>/", views.case_publish, name="case_publish"),
]
