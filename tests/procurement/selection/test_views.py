import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.dossiers.procedures import LIMITED_VALUE_PROCEDURE
from procurement.models import Candidate, Criterion, HandScore, ProcedureThreshold, SelectionRound
from tests.browser_form import untouched_form_data
from tests.factories import DepartmentFactory, DossierFactory
from tests.procurement.factories import CandidateFactory, HandScoreFactory, RoundDepartmentFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["staff", "officer", "head", "director", "cell", "mat", "admin_user"]
PROCUREMENT = {"officer", "head"}
ALL_PERSONAS = [*EVERYONE, "outsider", None]


def _expected(persona, allowed, *, hidden=404):
    if persona is None:
        return 302
    if persona == "outsider":
        return hidden
    return 200 if persona in allowed else 403


@pytest.fixture
def candidate(selection_round, own_dossier):
    return CandidateFactory(round=selection_round, dossier=own_dossier)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_round_list_per_persona(client_for, selection_round, persona):
    response = client_for(persona).get(reverse("selection:round_list"))
    assert response.status_code == _expected(persona, set(EVERYONE), hidden=403)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
@pytest.mark.parametrize("name", ["round_detail", "ranking"])
def test_round_pages_per_persona(client_for, selection_round, candidate, persona, name):
    response = client_for(persona).get(reverse(f"selection:{name}", args=[selection_round.pk]))
    assert response.status_code == _expected(persona, set(EVERYONE))


@pytest.mark.parametrize("persona", ALL_PERSONAS)
@pytest.mark.parametrize("name", ["criteria", "decide"])
def test_procurement_pages_per_persona(client_for, selection_round, persona, name):
    response = client_for(persona).get(reverse(f"selection:{name}", args=[selection_round.pk]))
    assert response.status_code == _expected(persona, PROCUREMENT)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_round_create_per_persona(client_for, persona):
    response = client_for(persona).get(reverse("selection:round_create"))
    assert response.status_code == _expected(persona, PROCUREMENT, hidden=403)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_candidate_score_per_persona(client_for, selection_round, candidate, persona):
    url = reverse("selection:candidate_score", args=[selection_round.pk, candidate.pk])
    assert client_for(persona).get(url).status_code == _expected(persona, PROCUREMENT)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
@pytest.mark.parametrize("name", ["answer", "answer_complete", "answer_register"])
def test_own_department_answer_pages_per_persona(
    client_for, selection_round, department, persona, name
):
    url = reverse(f"selection:{name}", args=[selection_round.pk, department.pk])
    allowed = PROCUREMENT | {"staff"}
    assert client_for(persona).get(url).status_code == _expected(persona, allowed)


@pytest.mark.parametrize("persona", ["staff", "officer"])
def test_another_departments_answer_page(client_for, selection_round, other_department, persona):
    url = reverse("selection:answer", args=[selection_round.pk, other_department.pk])
    expected = 200 if persona == "officer" else 403
    assert client_for(persona).get(url).status_code == expected


def test_a_department_not_asked_has_no_answer_page(client_for, selection_round):
    stranger = DepartmentFactory()
    url = reverse("selection:answer", args=[selection_round.pk, stranger.pk])
    assert client_for("officer").get(url).status_code == 404


@pytest.mark.parametrize("persona", ["staff", "officer", "cell"])
def test_candidate_answer_pages_per_persona(client_for, selection_round, candidate, persona):
    expected = 200 if persona in {"staff", "officer"} else 403
    for name in ("candidate_answer", "candidate_remove"):
        url = reverse(f"selection:{name}", args=[selection_round.pk, candidate.pk])
        assert client_for(persona).get(url).status_code == expected


def test_staff_link_a_dossier_of_their_department(client_for, selection_round, own_dossier):
    url = reverse("selection:answer", args=[selection_round.pk, own_dossier.department_id])
    response = client_for("staff").post(
        url, {"dossier": own_dossier.pk, "willingness": "yes", "motivation": "Graag"}
    )
    assert response.status_code == 302
    assert Candidate.objects.get().motivation == "Graag"


def test_staff_cannot_link_another_departments_dossier(
    client_for, selection_round, own_dossier, other_dossier
):
    url = reverse("selection:answer", args=[selection_round.pk, own_dossier.department_id])
    response = client_for("staff").post(url, {"dossier": other_dossier.pk, "willingness": "yes"})
    assert response.status_code == 200
    assert not Candidate.objects.exists()


def test_the_officer_opens_a_round(client_for, department):
    response = client_for("officer").post(
        reverse("selection:round_create"),
        {
            "title": "Inventaris 2027",
            "question": "Welke opdrachten?",
            "deadline": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "departments": [department.pk],
        },
    )
    selection_round = SelectionRound.objects.get()
    assert response.url == selection_round.get_absolute_url()


def test_zero_weights_give_a_clear_message_and_save_nothing(client_for, selection_round):
    criteria = list(selection_round.criteria.all())
    data = {
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": len(criteria),
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 1000,
    }
    for i, criterion in enumerate(criteria):
        data.update(
            {
                f"criteria-{i}-id": criterion.pk,
                f"criteria-{i}-name": criterion.name,
                f"criteria-{i}-source": criterion.source,
                f"criteria-{i}-weight": "0",
            }
        )
    url = reverse("selection:criteria", args=[selection_round.pk])
    response = client_for("officer").post(url, data)
    assert response.status_code == 200
    assert "gewichten zijn nul" in response.content.decode() or "zero" in response.content.decode()
    assert not selection_round.criteria.filter(weight=0).exists()


def test_an_enormous_criteria_count_is_refused_without_building_the_forms(
    client_for, selection_round
):
    """Found by the form fuzzing: TOTAL_FORMS=1e30 made the page build 2,000 forms."""
    before = list(selection_round.criteria.values_list("pk", "weight"))
    data = {
        "criteria-TOTAL_FORMS": "100000",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    url = reverse("selection:criteria", args=[selection_round.pk])
    response = client_for("officer").post(url, data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) <= 50
    assert formset.non_form_errors()
    assert list(selection_round.criteria.values_list("pk", "weight")) == before


def test_an_out_of_range_hand_score_gives_a_message_and_saves_nothing(
    client_for, selection_round, candidate
):
    hand = selection_round.criteria.get(source=Criterion.Source.HAND)
    url = reverse("selection:candidate_score", args=[selection_round.pk, candidate.pk])
    response = client_for("officer").post(
        url, {"save-scores": "1", f"score_{hand.pk}": "7", f"comment_{hand.pk}": ""}
    )
    assert response.status_code == 200
    assert not HandScore.objects.exists()


def test_the_officer_scores_by_hand(client_for, selection_round, candidate):
    hand = selection_round.criteria.get(source=Criterion.Source.HAND)
    url = reverse("selection:candidate_score", args=[selection_round.pk, candidate.pk])
    response = client_for("officer").post(
        url, {"save-scores": "1", f"score_{hand.pk}": "4", f"comment_{hand.pk}": "Leerrijk"}
    )
    assert response.status_code == 302
    assert HandScore.objects.get().comment == "Leerrijk"


def test_the_ranking_flags_a_local_preference(client_for, selection_round, candidate):
    Candidate.objects.filter(pk=candidate.pk).update(local_preference=True)
    response = client_for("officer").get(reverse("selection:ranking", args=[selection_round.pk]))
    assert "30.000" in response.content.decode()


def test_the_local_preference_warning_states_the_limit_of_the_threshold_rows(
    client_for, selection_round, candidate
):
    Candidate.objects.filter(pk=candidate.pk).update(local_preference=True)
    ProcedureThreshold.objects.filter(procedure_type__code=LIMITED_VALUE_PROCEDURE).update(
        upper_limit=Decimal("60000")
    )
    response = client_for("officer").get(reverse("selection:ranking", args=[selection_round.pk]))
    page = response.content.decode()
    # Money reads as money everywhere (core/money.py).
    assert "onder €\xa060.000,00)" in page
    assert "Dit dossier ligt onder €\xa060.000,00." in page
    assert "30.000" not in page


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_ranking_exports_with_its_explanation(
    client_for, selection_round, candidate, file_format
):
    url = reverse("selection:ranking_export", args=[selection_round.pk, file_format])
    response = client_for("cell").get(url)
    assert response.status_code == 200
    if file_format == "csv":
        text = b"".join(response.streaming_content).decode()
        assert candidate.dossier.reference in text
        assert "bijdrage" in text.lower() or "contribution" in text.lower()


def test_the_dashboard_shows_open_requests_to_the_department(client_for, selection_round):
    response = client_for("staff").get(reverse("dashboard:home"))
    assert selection_round.title in response.content.decode()


# --- Query budgets at a realistic size -----------------------------------------------------


@pytest.fixture
def large_round(selection_round, department, other_department):
    departments = [department, other_department] + [DepartmentFactory() for _ in range(8)]
    for extra in departments[2:]:
        RoundDepartmentFactory(round=selection_round, department=extra)
    hand = selection_round.criteria.get(source=Criterion.Source.HAND)
    for i in range(300):
        dossier = DossierFactory(department=departments[i % 10], estimated_value=1000 + i * 500)
        candidate = CandidateFactory(round=selection_round, dossier=dossier)
        if i % 3:
            HandScoreFactory(candidate=candidate, criterion=hand, score=i % 6)
    return selection_round


@pytest.mark.parametrize("name", ["round_detail", "ranking"])
def test_round_pages_keep_their_query_budget(
    client_for, large_round, django_assert_max_num_queries, name
):
    client = client_for("officer")
    with django_assert_max_num_queries(16):
        response = client.get(reverse(f"selection:{name}", args=[large_round.pk]))
    assert response.status_code == 200


def test_the_ranking_export_keeps_its_query_budget(
    client_for, large_round, django_assert_max_num_queries
):
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("selection:ranking_export", args=[large_round.pk, "xlsx"]))
    assert response.status_code == 200


def test_the_answer_page_keeps_its_query_budget(
    client_for, large_round, department, django_assert_max_num_queries
):
    client = client_for("staff")
    with django_assert_max_num_queries(16):
        response = client.get(reverse("selection:answer", args=[large_round.pk, department.pk]))
    assert response.status_code == 200


def test_the_round_list_keeps_its_query_budget(
    client_for, large_round, django_assert_max_num_queries
):
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("selection:round_list")).status_code == 200


def test_saving_the_criteria_as_shown_ignores_the_untouched_extra_row(client_for, selection_round):
    """The walk-through: the empty "add a criterion" row made saving fail unless ticked."""
    url = reverse("selection:criteria", args=[selection_round.pk])
    client = client_for("officer")
    before = list(selection_round.criteria.values_list("name", "weight"))
    data = untouched_form_data(client.get(url).content.decode(), containing="criteria-TOTAL_FORMS")
    assert int(data["criteria-TOTAL_FORMS"][0]) == len(before) + 1
    response = client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    assert list(selection_round.criteria.values_list("name", "weight")) == before


def test_the_ranking_csv_writes_amounts_and_days_as_numbers_like_the_dossier_csv(
    client_for, selection_round, candidate
):
    import csv
    import io

    def table(url):
        response = client_for("cell").get(url)
        text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
        return list(csv.DictReader(io.StringIO(text), delimiter=";"))

    ranking = table(reverse("selection:ranking_export", args=[selection_round.pk, "csv"]))
    dossiers = table(
        reverse("procurement:dossier_export", args=["csv"]) + f"?q={candidate.dossier.reference}"
    )
    value = selection_round.criteria.get(source=Criterion.Source.VALUE)
    raw = next(key for key in ranking[0] if key.startswith(f"{value.name}:") and "ruwe" in key)
    dossier_value = next(key for key in dossiers[0] if key.startswith("Geraamde waarde"))
    assert ranking[0][raw] == dossiers[0][dossier_value]
    assert "€" not in ranking[0][raw]


def test_the_ranking_explains_the_scores_in_plain_words_with_the_formula_on_request(
    client_for, selection_round, candidate
):
    import re

    page = client_for("cell").get(reverse("selection:ranking", args=[selection_round.pk]))
    main = page.content.decode().split("<main")[1]
    visible = re.sub(r"<details.*?</details>", "", main, flags=re.S)
    assert "genormaliseerd" not in main
    assert "min-max" not in visible
    assert "vergelijkt de kandidaten van de ronde met elkaar" in visible
    assert "min-maxnormalisatie" in main
