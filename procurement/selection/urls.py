from django.urls import include, path

from . import views

app_name = "selection"

# A department's answer to the round, and a candidate of it.
ANSWER_PATTERNS = [
    path("", views.answer, name="answer"),
    path("new-dossier/", views.answer_register, name="answer_register"),
    path("complete/", views.answer_complete, name="answer_complete"),
]
CANDIDATE_PATTERNS = [
    path("", views.candidate_score, name="candidate_score"),
    path("answer/", views.candidate_answer, name="candidate_answer"),
    path("remove/", views.candidate_remove, name="candidate_remove"),
]

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("new/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/criteria/", views.criteria_edit, name="criteria"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/ranking/export.<str:file_format>", views.ranking_export, name="ranking_export"),
    path("<int:pk>/decide/", views.round_decide, name="decide"),
    path("<int:pk>/reopen/", views.round_reopen, name="reopen"),
    path("<int:pk>/answer/<int:department_id>/", include(ANSWER_PATTERNS)),
    path("<int:pk>/candidates/<int:candidate_id>/", include(CANDIDATE_PATTERNS)),
]
