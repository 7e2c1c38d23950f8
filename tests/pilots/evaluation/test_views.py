"""Pages of evaluation: permission per persona, bad input, query budgets."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from pilots.evaluation import services as evaluation_services
from pilots.models import EvaluationPoint, Measurement, PilotEvaluation, ProgrammeEvaluation
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import approved_programme, bulk_points, point_fields
from tests.pilots.factories import make_programme
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

ALL = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]
READERS = {"staff", "officer", "head", "director", "cell", "mat", "admin_user"}
PROCUREMENT = {"officer", "head"}
TODAY = timezone.localdate()


def _expect(allowed, outsider=404):
    return {
        name: 200 if name in allowed else (outsider if name == "outsider" else 403) for name in ALL
    }


PILOT_PAGES = [
    ("pilots:pilot_detail", [], READERS),
    ("pilots:point_create", [], PROCUREMENT),
    ("pilots:point_detail", ["point"], READERS),
    ("pilots:point_update", ["point"], PROCUREMENT),
    ("pilots:point_delete", ["point"], PROCUREMENT),
    ("pilots:pilot_evaluation", [], PROCUREMENT),
]


@pytest.mark.parametrize(("name", "extra", "allowed"), PILOT_PAGES, ids=[p[0] for p in PILOT_PAGES])
@pytest.mark.parametrize("persona", ALL)
def test_pilot_page_permission_per_persona(client_for, world, name, extra, allowed, persona):
    args = [world["pilot"].pk, *(world[key].pk for key in extra)]
    response = client_for(persona).get(reverse(name, args=args))
    assert response.status_code == _expect(allowed)[persona]


@pytest.mark.parametrize("persona", ALL)
def test_programme_evaluation_permission_per_persona(client_for, world, persona):
    response = client_for(persona).get(
        reverse("pilots:programme_evaluation", args=[world["programme"].pk])
    )
    assert response.status_code == _expect(PROCUREMENT | {"mat"})[persona]


@pytest.mark.parametrize("persona", ALL)
def test_the_programme_page_shows_the_roll_up_to_every_reader(client_for, world, persona):
    response = client_for(persona).get(
        reverse("pilots:programme_detail", args=[world["programme"].pk])
    )
    assert response.status_code == _expect(READERS)[persona]
    if response.status_code == 200:
        assert response.context["rollup"].pilots


def test_a_missing_point_or_another_pilots_point_is_a_404(client_for, world):
    other = world["programme"].pilots.exclude(pk=world["pilot"].pk).get()
    client = client_for("officer")
    url = reverse("pilots:point_detail", args=[other.pk, world["point"].pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("pilots:point_detail", args=[other.pk, 999])).status_code == 404


def test_only_procurement_may_post_a_measurement(client_for, world):
    url = reverse("pilots:point_detail", args=[world["pilot"].pk, world["point"].pk])
    data = {"measured_on": TODAY.isoformat(), "value": "5", "source": "R"}
    assert client_for("cell").post(url, data).status_code == 403
    assert Measurement.objects.count() == 1


# --- Pages at work and bad input -------------------------------------------------------------


def test_the_pilot_page_shows_schedule_lead_time_scores_and_why(client_for, world):
    response = client_for("staff").get(reverse("pilots:pilot_detail", args=[world["pilot"].pk]))
    content = response.content.decode()
    assert response.context["results"].rows[0].score == Decimal("40.0")
    assert 'role="img"' in content
    assert "<svg" in content
    assert "style=" not in content.split("<main")[1]
    assert "Aandeel gerecycleerd materiaal" in content


@pytest.mark.parametrize(
    "changes",
    [
        {"target": "0"},
        {"baseline": "abc"},
        {"weight": "0"},
        {"direction": "sideways"},
        {"indicator": ""},
    ],
)
def test_bad_point_input_is_refused_without_saving(client_for, users, changes):
    pilot = make_programme(user=users["officer"]).pilots.first()
    data = {**{k: str(v) for k, v in point_fields().items()}, **changes}
    response = client_for("officer").post(reverse("pilots:point_create", args=[pilot.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not EvaluationPoint.objects.exists()


def test_target_equal_to_baseline_is_refused_with_a_clear_dutch_message(client_for, users):
    pilot = make_programme(user=users["officer"]).pilots.first()
    data = {**{k: str(v) for k, v in point_fields().items()}, "target": "0"}
    response = client_for("officer").post(reverse("pilots:point_create", args=[pilot.pk]), data)
    assert "doel is gelijk aan de nulmeting" in response.content.decode()


def test_a_locked_point_asks_for_a_reason(client_for, world):
    url = reverse("pilots:point_update", args=[world["pilot"].pk, world["point"].pk])
    data = {**{k: str(v) for k, v in point_fields().items()}, "target": "50"}
    response = client_for("officer").post(url, data)
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    response = client_for("officer").post(url, {**data, "reason": "Bijgesteld na de dialoog."})
    assert response.status_code == 302
    world["point"].refresh_from_db()
    assert world["point"].target == Decimal("50")


def test_a_template_prefills_the_point_form(client_for, users):
    pilot = make_programme(user=users["officer"]).pilots.first()
    url = reverse("pilots:point_create", args=[pilot.pk])
    response = client_for("officer").get(url, {"template": "tco-vs-linear"})
    form = response.context["form"]
    assert (form.initial["unit"], form.initial["direction"]) == ("€", "lower")
    data = {
        **{k: str(v) for k, v in point_fields(unit="€", direction="lower").items()},
        "baseline": "100000",
        "target": "80000",
        "template": "tco-vs-linear",
    }
    assert client_for("officer").post(url, data).status_code == 302
    assert EvaluationPoint.objects.get().template.code == "tco-vs-linear"


def test_a_bad_measurement_is_refused_without_saving(client_for, world):
    url = reverse("pilots:point_detail", args=[world["pilot"].pk, world["point"].pk])
    for data in (
        {"measured_on": "gisteren", "value": "5", "source": "R"},
        {"measured_on": TODAY.isoformat(), "value": "veel", "source": "R"},
        {
            "measured_on": (TODAY + datetime.timedelta(days=1)).isoformat(),
            "value": "5",
            "source": "R",
        },
    ):
        response = client_for("officer").post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert Measurement.objects.count() == 1
    good = {"measured_on": TODAY.isoformat(), "value": "24", "source": "Register"}
    assert client_for("officer").post(url, good).status_code == 302
    assert Measurement.objects.count() == 2


def test_an_evaluation_is_recorded_and_refused_without_motivation(client_for, world):
    url = reverse("pilots:pilot_evaluation", args=[world["pilot"].pk])
    data = {"summary": "Goed.", "conclusion": "scale_up", "motivation": ""}
    response = client_for("officer").post(url, data)
    assert response.status_code == 200
    assert "motivation" in response.context["form"].errors
    assert not PilotEvaluation.objects.exists()
    response = client_for("officer").post(url, {**data, "motivation": "Doelen gehaald."})
    assert response.status_code == 302
    assert PilotEvaluation.objects.get().conclusion == "scale_up"


def test_the_programme_evaluation_is_recorded_by_the_mat(client_for, world):
    url = reverse("pilots:programme_evaluation", args=[world["programme"].pk])
    data = {"summary": "Geslaagd.", "fed_back_on": "", "mat_decision": "Opschalen."}
    response = client_for("mat").post(url, data)
    assert response.status_code == 200
    assert "fed_back_on" in response.context["form"].errors
    # The report is frozen as fed back before the MAT's decision on it is recorded.
    response = client_for("mat").post(url, {**data, "fed_back_on": TODAY.isoformat()})
    assert response.status_code == 200
    assert "mat_decision" in response.context["form"].errors
    assert "Sla eerst de datum" in response.content.decode()
    fed_back = {**data, "fed_back_on": TODAY.isoformat(), "mat_decision": ""}
    assert client_for("mat").post(url, fed_back).status_code == 302
    page = client_for("mat").get(url)
    assert "wordt nog opgemaakt" in page.content.decode()
    refused = client_for("mat").post(url, {**data, "fed_back_on": TODAY.isoformat()})
    assert "mat_decision" in refused.context["form"].errors
    run_tasks()
    page = client_for("mat").get(url)
    assert "is vastgelegd als versie 1" in page.content.decode()
    response = client_for("mat").post(url, {**data, "fed_back_on": TODAY.isoformat()})
    assert response.status_code == 302
    assert ProgrammeEvaluation.objects.get().mat_decision == "Opschalen."


def test_a_point_with_measurements_cannot_be_removed_through_the_page(client_for, world):
    url = reverse("pilots:point_delete", args=[world["pilot"].pk, world["point"].pk])
    client = client_for("officer")
    page = client.get(url)
    assert page.context["refusal"]
    assert b"disabled" in page.content
    response = client.post(url, {"reason": "Overbodig."})
    assert response.status_code == 200
    assert EvaluationPoint.objects.filter(pk=world["point"].pk).exists()


# --- Query budgets (50 pilots × 10 points × 20 measurements) -------------------------------


@pytest.fixture
def large(users):
    programme = approved_programme(users, dossiers=DossierFactory.create_batch(50))
    pilots = list(programme.pilots.all())
    for pilot in pilots:
        bulk_points(pilot, points=10, measurements=20)
    evaluation = {"summary": "Ok.", "conclusion": "adjust", "motivation": "Bijsturen."}
    for pilot in pilots[:25]:
        evaluation_services.pilot_evaluation_save(
            pilot_id=pilot.pk, user=users["officer"], **evaluation
        )
    return {
        "programme": programme,
        "pilot": pilots[0],
        "point": pilots[0].evaluation_points.first(),
    }


def test_the_pilot_page_keeps_its_query_budget_at_size(
    client_for, large, django_assert_max_num_queries
):
    client = client_for("officer")
    with django_assert_max_num_queries(15):
        response = client.get(reverse("pilots:pilot_detail", args=[large["pilot"].pk]))
    assert len(response.context["results"].rows) == 10


def test_the_programme_page_with_its_roll_up_keeps_its_query_budget_at_size(
    client_for, large, django_assert_max_num_queries
):
    client = client_for("officer")
    with django_assert_max_num_queries(25):
        response = client.get(reverse("pilots:programme_detail", args=[large["programme"].pk]))
    rollup = response.context["rollup"]
    assert len(rollup.pilots) == 50
    assert all(row.results.score.total == 10 for row in rollup.pilots)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("pilots:programme_evaluation", args=[large["programme"].pk]))
    assert response.status_code == 200


def test_the_point_page_keeps_its_query_budget_at_size(
    client_for, large, django_assert_max_num_queries
):
    client = client_for("staff")
    # 12: one of them reads the corrections and removals, with what each superseded.
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("pilots:point_detail", args=[large["pilot"].pk, large["point"].pk])
        )
    assert len(response.context["page"].object_list) == 20


def test_the_reason_a_point_is_not_measured_is_entered_beside_its_measurements(
    client_for, world, users
):
    point = evaluation_services.point_create(
        pilot_id=world["pilot"].pk,
        user=users["officer"],
        reason="Een punt erbij.",
        **point_fields(indicator="Aandeel lokale leveranciers"),
    )
    url = reverse("pilots:point_detail", args=[world["pilot"].pk, point.pk])
    page = client_for("officer").get(url)
    assert "Waarom wordt dit punt niet gemeten?" in page.content.decode()
    reason = "De leverancier meldt zijn onderaannemers pas bij de jaarafrekening."
    response = client_for("officer").post(url, {"unmeasured_reason": reason, "save_reason": "1"})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.unmeasured_reason == reason
    assert not Measurement.objects.filter(point=point).exists()  # no measurement posted
    assert reason in client_for("staff").get(url).content.decode()
    pilot_page = client_for("staff").get(reverse("pilots:pilot_detail", args=[world["pilot"].pk]))
    assert reason in pilot_page.content.decode()
    # Only procurement records it; too long a reason is refused with the form shown again.
    assert (
        client_for("cell").post(url, {"unmeasured_reason": "x", "save_reason": "1"}).status_code
        == 403
    )
    too_long = client_for("officer").post(
        url, {"unmeasured_reason": "x" * 2001, "save_reason": "1"}
    )
    assert too_long.status_code == 200
    assert "unmeasured_reason" in too_long.context["reason_form"].errors
    point.refresh_from_db()
    assert point.unmeasured_reason == reason


def test_the_budget_spent_is_recorded_with_the_programme_evaluation(client_for, world):
    url = reverse("pilots:programme_evaluation", args=[world["programme"].pk])
    data = {"summary": "Geslaagd.", "fed_back_on": "", "budget_spent": "21.850,00"}
    response = client_for("officer").post(url, data)
    assert response.status_code == 302
    assert ProgrammeEvaluation.objects.get().budget_spent == Decimal("21850.00")
    page = client_for("officer").get(url)
    assert page.context["form"].initial["budget_spent"] == Decimal("21850.00")
    refused = client_for("officer").post(url, {**data, "budget_spent": "-5"})
    assert refused.status_code == 200
    assert "budget_spent" in refused.context["form"].errors
    assert ProgrammeEvaluation.objects.get().budget_spent == Decimal("21850.00")


def test_the_pilot_page_shows_its_planned_phases_and_the_missing_points_once(client_for, world):
    """The walk-through: the planned phase table and "no evaluation points yet" came twice."""
    other = world["programme"].pilots.exclude(pk=world["pilot"].pk).get()
    content = client_for("staff").get(reverse("pilots:pilot_detail", args=[other.pk])).content
    main = content.decode().split("<main")[1]
    assert main.count("Nog geen evaluatiepunten") == 1
    assert "Geplande fasen van" not in main
    assert main.count("Geplande en werkelijke datums van de fasen") == 1
