"""Policy recommendations and the draft strategic procurement policy."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pilots.evaluation import services as evaluation_services
from pilots.models import PolicyRecommendation, RecommendationEvent
from pilots.policy import selectors as policy_selectors
from pilots.policy import services as policy_services
from tests.pilots.evaluation_helpers import approved_programme

pytestmark = pytest.mark.django_db

ALL = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]
READERS = {"staff", "officer", "head", "director", "cell", "mat", "admin_user"}
TODAY = timezone.localdate()
EVALUATION = {"summary": "Ok.", "conclusion": "scale_up", "motivation": "Doelen gehaald."}


def _expect(allowed, outsider=403):
    return {
        name: 200 if name in allowed else (outsider if name == "outsider" else 403) for name in ALL
    }


@pytest.fixture
def evaluations(users):
    programme = approved_programme(users)
    return [
        evaluation_services.pilot_evaluation_save(
            pilot_id=pilot.pk, user=users["officer"], **EVALUATION
        )
        for pilot in programme.pilots.all()
    ]


def _recommend(users, title, theme="circular", evaluations=(), moves=()):
    recommendation = policy_services.recommendation_create(
        user=users["cell"],
        theme=theme,
        title=title,
        text=f"Uitleg bij {title}.",
        evaluations=evaluations,
    )
    for status in moves:
        mat = status in PolicyRecommendation.DECIDED
        policy_services.recommendation_move(
            recommendation_id=recommendation.pk,
            user=users["mat" if mat else "cell"],
            status=status,
            meeting_date=TODAY if mat else None,
            note="Niet nu." if status == "rejected" else "",
        )
    return recommendation


@pytest.fixture
def recommendation(users, evaluations):
    return _recommend(users, "Circulaire criteria", evaluations=evaluations)


PAGES = [
    ("pilots:policy_draft", False, _expect(READERS)),
    ("pilots:recommendation_list", False, _expect(READERS)),
    ("pilots:recommendation_create", False, _expect({"cell"})),
    ("pilots:recommendation_detail", True, _expect(READERS, outsider=404)),
    ("pilots:recommendation_update", True, _expect({"cell"}, outsider=404)),
    ("pilots:recommendation_move", True, _expect({"cell", "mat"}, outsider=404)),
]


@pytest.mark.parametrize(("name", "with_pk", "expected"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", ALL)
def test_policy_page_permission_per_persona(
    client_for, recommendation, name, with_pk, expected, persona
):
    args = [recommendation.pk] if with_pk else []
    response = client_for(persona).get(reverse(name, args=args))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("persona", ALL)
def test_the_export_per_persona(client_for, recommendation, file_format, persona):
    response = client_for(persona).get(reverse("pilots:recommendation_export", args=[file_format]))
    assert response.status_code == _expect(READERS)[persona]


def test_the_csv_export_lists_the_recommendation_and_its_evaluations(client_for, recommendation):
    response = client_for("staff").get(reverse("pilots:recommendation_export", args=["csv"]))
    content = b"".join(response.streaming_content).decode()
    assert "Circulaire criteria" in content
    assert "Voorgesteld" in content


def test_an_unknown_export_format_is_a_404(client_for, recommendation):
    response = client_for("staff").get(reverse("pilots:recommendation_export", args=["pdf"]))
    assert response.status_code == 404


def test_the_draft_groups_by_theme_adopted_first_and_leaves_rejected_out(users, evaluations):
    _recommend(users, "B voorgesteld", "circular")
    _recommend(users, "A aangenomen", "circular", moves=["discussed", "adopted"])
    _recommend(users, "Lokaal besproken", "local", moves=["discussed"])
    _recommend(users, "Verworpen", "legal_risk", moves=["rejected"])
    draft = policy_selectors.policy_draft()
    assert [theme["value"] for theme in draft["themes"]] == ["circular", "local"]
    titles = [r.title for r in draft["themes"][0]["recommendations"]]
    assert titles == ["A aangenomen", "B voorgesteld"]
    assert (draft["adopted"], draft["open"]) == (1, 2)
    assert [r.title for r in draft["rejected"]] == ["Verworpen"]


def test_the_draft_policy_page_reads_by_theme(client_for, users, evaluations):
    _recommend(users, "Circulaire criteria", evaluations=evaluations, moves=["adopted"])
    _recommend(users, "Buffer in de planning", "process")
    response = client_for("staff").get(reverse("pilots:policy_draft"))
    content = response.content.decode()
    assert content.index("Circulaire criteria") < content.index("Buffer in de planning")
    assert evaluations[0].pilot.dossier.title in content


def test_the_list_filters_and_sorts(client_for, users):
    _recommend(users, "Alfa", "circular")
    _recommend(users, "Beta", "social", moves=["discussed"])
    client = client_for("staff")
    response = client.get(reverse("pilots:recommendation_list"), {"status": "discussed"})
    assert [r.title for r in response.context["page"].object_list] == ["Beta"]
    response = client.get(reverse("pilots:recommendation_list"), {"sort": "-title"})
    assert [r.title for r in response.context["page"].object_list] == ["Beta", "Alfa"]
    response = client.get(reverse("pilots:recommendation_list"), {"q": "alf"})
    assert [r.title for r in response.context["page"].object_list] == ["Alfa"]


def test_a_bad_filter_value_does_not_break_the_list(client_for, users):
    _recommend(users, "Alfa")
    response = client_for("staff").get(
        reverse("pilots:recommendation_list"), {"status": "nonsense", "page": "x"}
    )
    assert response.status_code == 200


def test_the_cell_creates_a_recommendation_through_the_form(client_for, evaluations):
    data = {
        "theme": "process",
        "title": "Buffer in de planning",
        "text": "Zes weken extra.",
        "owner": "strategic-cell",
        "evaluations": [evaluations[0].pk],
    }
    response = client_for("cell").post(reverse("pilots:recommendation_create"), data)
    assert response.status_code == 302
    recommendation = PolicyRecommendation.objects.get()
    assert list(recommendation.evaluations.all()) == [evaluations[0]]


def test_a_recommendation_without_title_is_refused(client_for, evaluations):
    data = {"theme": "process", "title": "", "text": "x", "owner": "strategic-cell"}
    response = client_for("cell").post(reverse("pilots:recommendation_create"), data)
    assert response.status_code == 200
    assert not PolicyRecommendation.objects.exists()


def test_the_mat_adopts_through_the_confirmation_page(client_for, recommendation):
    url = reverse("pilots:recommendation_move", args=[recommendation.pk])
    client = client_for("mat")
    response = client.post(url, {"status": "adopted"})
    assert response.status_code == 200
    assert "meeting_date" in response.context["form"].errors
    response = client.post(url, {"status": "adopted", "meeting_date": TODAY.isoformat()})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == "adopted"
    assert RecommendationEvent.objects.filter(to_status="adopted").get().recorded_by.username == (
        "mat"
    )


def test_a_status_the_role_may_not_set_is_not_offered(client_for, recommendation):
    url = reverse("pilots:recommendation_move", args=[recommendation.pk])
    response = client_for("cell").post(url, {"status": "adopted", "meeting_date": TODAY})
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    recommendation.refresh_from_db()
    assert recommendation.status == "proposed"


def test_a_decided_recommendation_cannot_be_edited(client_for, users):
    recommendation = _recommend(users, "Klaar", moves=["adopted"])
    response = client_for("cell").get(
        reverse("pilots:recommendation_update", args=[recommendation.pk])
    )
    assert response.status_code == 302


def test_the_policy_pages_keep_their_query_budget(
    client_for, users, evaluations, django_assert_max_num_queries
):
    themes = ["circular", "local", "social", "legal_risk", "process", "organisation"]
    for n in range(60):
        _recommend(users, f"Aanbeveling {n:02d}", themes[n % 6], evaluations=evaluations)
    client = client_for("staff")
    with django_assert_max_num_queries(9):
        response = client.get(reverse("pilots:policy_draft"))
    assert len(response.context["draft"]["themes"]) == 6
    with django_assert_max_num_queries(11):
        response = client.get(reverse("pilots:recommendation_list"), {"sort": "title"})
    assert len(response.context["page"].object_list) == 25
    recommendation = PolicyRecommendation.objects.first()
    with django_assert_max_num_queries(9):
        client.get(reverse("pilots:recommendation_detail", args=[recommendation.pk]))


def test_the_message_after_adopting_reads_as_a_sentence(client_for, recommendation):
    """The walk-through: "De aanbeveling is nu aangenomen door het mat."."""
    url = reverse("pilots:recommendation_move", args=[recommendation.pk])
    response = client_for("mat").post(
        url, {"status": "adopted", "meeting_date": TODAY.isoformat()}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Het MAT heeft de aanbeveling aangenomen."]
