import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from core.scoping import municipality_scope
from pilots.models import EvaluationPoint, Phase, Programme
from region import services
from region.models import LIVE_CASE, PilotCase
from tests.factories import DossierFactory
from tests.tasks import run_tasks

from .helpers import evaluated_pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_it_publishes_a_snapshot_of_the_evaluated_pilot(pilot, publish, users):
    case = publish(pilot)
    assert case.region_id == pilot.programme.municipality.region_id
    assert case.municipality_id == pilot.programme.municipality_id
    assert case.source_pilot_id == pilot.pk
    assert case.title == "Werkkledij"
    assert case.cpv_code == "18100000-0"
    assert case.conclusion == "scale_up"
    assert case.results == [
        {
            "name": "Aandeel gerecycleerd materiaal",
            "category": "circularity",
            "unit": "%",
            "target": "30.00",
            "result": "30.00",
            "met": True,
        }
    ]
    assert case.points[0]["baseline"] == "0.00"
    assert [row["phase"] for row in case.phase_plan] == list(
        Phase.objects.filter(pilot=pilot).values_list("phase_type__code", flat=True)
    )
    assert case.published_by == users["officer"]


def test_the_optional_parts_are_shared_only_when_ticked(pilot, publish):
    case = publish(pilot)
    assert (case.lessons, case.success_factors, case.pitfalls) == ("", "", "")
    assert not case.report


def test_ticked_parts_are_shared(pilot, publish):
    case = publish(pilot, share_lessons=True, share_factors=True)
    assert case.lessons == "Start de marktdialoog vroeg."
    assert case.success_factors == "Een gemotiveerde dienst."
    assert case.pitfalls == "Te weinig aanbieders."


def test_it_copies_the_official_evaluation_report_when_ticked(pilot, publish, users):

    from pilots.evaluation import services as evaluation_services

    evaluation_services.programme_evaluation_save(
        programme_id=pilot.programme_id,
        user=users["officer"],
        summary="Goed.",
        fed_back_on=timezone.localdate(),
    )
    run_tasks()  # a worker freezes the report fed back
    official = pilot.programme.official_documents.filter(kind="evaluation").get()
    case = publish(pilot, share_report=True)
    assert case.report_sha256 == official.sha256
    with case.report.open("rb") as copied, official.file.open("rb") as original:
        assert copied.read() == original.read()


def test_sharing_a_report_whose_stored_file_is_missing_is_refused(pilot, publish, users):
    from pilots.evaluation import services as evaluation_services

    evaluation_services.programme_evaluation_save(
        programme_id=pilot.programme_id,
        user=users["officer"],
        summary="Goed.",
        fed_back_on=timezone.localdate(),
    )
    run_tasks()  # a worker freezes the report fed back
    official = pilot.programme.official_documents.filter(kind="evaluation").get()
    official.file.storage.delete(official.file.name)
    with pytest.raises(services.RegionError, match="restore it from the backup"):
        publish(pilot, share_report=True)


def test_sharing_a_report_that_does_not_exist_is_refused(pilot, publish):
    with pytest.raises(services.RegionError, match="no official evaluation report"):
        publish(pilot, share_report=True)


def test_it_refuses_a_pilot_that_is_not_evaluated(region, users, publish):
    from tests.pilots.factories import make_programme

    programme = make_programme(user=users["officer"], dossiers=[DossierFactory()])
    with pytest.raises(services.RegionError, match="evaluated"):
        publish(programme.pilots.get())
    assert not PilotCase.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "director", "cell", "mat", "outsider"])
def test_only_procurement_publishes(pilot, publish, users, persona):
    with pytest.raises(services.RegionError):
        publish(pilot, user=users[persona])


def test_the_head_of_procurement_publishes(pilot, publish, users):
    assert publish(pilot, user=users["head"]).pk


def test_a_second_publication_is_refused_while_the_case_is_live(pilot, publish):
    first = publish(pilot)
    with pytest.raises(services.RegionError, match="already shared"):
        publish(pilot, share_lessons=True)
    first.refresh_from_db()
    assert first.lessons == ""
    assert PilotCase.objects.count() == 1


def test_after_a_withdrawal_the_pilot_is_published_anew(pilot, publish, users):
    first = publish(pilot)
    services.case_withdraw(case_id=first.pk, user=users["officer"])
    second = publish(pilot, share_lessons=True)
    assert second.pk != first.pk
    assert list(PilotCase.objects.filter(LIVE_CASE)) == [second]


def test_a_municipality_without_region_cannot_publish(municipality, users, publish):
    pilot = evaluated_pilot(users)
    with pytest.raises(services.RegionError, match="no region"):
        publish(pilot)


def test_a_withdrawn_case_leaves_the_library_and_its_report(
    pilot, publish, users, django_capture_on_commit_callbacks
):
    case = publish(pilot)
    case.report.save("r.pdf", ContentFile(b"%PDF"), save=True)
    storage, name = case.report.storage, case.report.name
    with django_capture_on_commit_callbacks(execute=True):
        services.case_withdraw(case_id=case.pk, user=users["officer"])
    case.refresh_from_db()
    assert case.withdrawn_at is not None
    assert case.withdrawn_by == users["officer"]
    assert not PilotCase.objects.filter(LIVE_CASE).exists()
    assert not storage.exists(name)


def test_withdrawing_twice_is_refused(pilot, publish, users):
    case = publish(pilot)
    services.case_withdraw(case_id=case.pk, user=users["officer"])
    with pytest.raises(services.RegionError, match="already withdrawn"):
        services.case_withdraw(case_id=case.pk, user=users["officer"])


def test_another_municipality_cannot_withdraw(pilot, publish, neighbour, neighbour_users):
    case = publish(pilot)
    with municipality_scope(neighbour), pytest.raises(services.RegionError):
        services.case_withdraw(case_id=case.pk, user=neighbour_users["officer"])
    case.refresh_from_db()
    assert case.is_live


def test_staff_of_the_publisher_cannot_withdraw(pilot, publish, users):
    case = publish(pilot)
    with pytest.raises(services.RegionError):
        services.case_withdraw(case_id=case.pk, user=users["staff"])


# --- Use as a starting point ----------------------------------------------------------------


def _copy(case, neighbour, user, **kwargs):
    with municipality_scope(neighbour):
        dossier = kwargs.pop("dossier", None) or DossierFactory(title="Eigen werkkledij")
        return services.case_copy(
            case_id=case.pk, user=user, title="Onze werkkledij", dossier=dossier, **kwargs
        ), dossier


def test_a_neighbour_starts_a_draft_programme_of_its_own(
    pilot, publish, neighbour, neighbour_users
):
    case = publish(pilot)
    programme, dossier = _copy(case, neighbour, neighbour_users["officer"])
    with municipality_scope(neighbour):
        programme = Programme.objects.get(pk=programme.pk)
        assert programme.municipality_id == neighbour.pk
        assert programme.status == Programme.Status.DRAFT
        assert programme.title == "Onze werkkledij"
        new_pilot = programme.pilots.get()
        assert new_pilot.dossier_id == dossier.pk
        points = list(EvaluationPoint.objects.filter(pilot=new_pilot))
        assert [(p.indicator, p.baseline, p.target, p.weight) for p in points] == [
            ("Aandeel gerecycleerd materiaal", 0, 30, 2)
        ]
        planned = {
            phase.phase_type.code: (phase.planned_end - phase.planned_start).days + 1
            for phase in new_pilot.phases.select_related("phase_type")
        }
    assert planned == {row["phase"]: row["days"] for row in case.phase_plan}


def test_the_copy_reads_nothing_of_the_publisher(pilot, publish, neighbour, neighbour_users):
    case = publish(pilot)
    _programme, _dossier = _copy(case, neighbour, neighbour_users["officer"])
    # The publisher's programme is untouched and not reachable from the neighbour's scope.
    with municipality_scope(neighbour):
        assert not Programme.objects.filter(pk=pilot.programme_id).exists()
    assert Programme.objects.filter(pk=pilot.programme_id).exists()


def test_the_criteria_replace_those_of_an_open_round(pilot, publish, neighbour, neighbour_users):
    case = publish(pilot)
    case.criteria = [
        {
            "name": "Klein",
            "description": "",
            "weight": "60.0",
            "direction": "lower",
            "kind": "value",
        },
        {
            "name": "Leerwaarde",
            "description": "",
            "weight": "40.0",
            "direction": "higher",
            "kind": "hand",
        },
    ]
    case.save(update_fields=["criteria"])
    import datetime

    from procurement.selection.models import Criterion
    from procurement.selection.services import round_open
    from tests.factories import DepartmentFactory

    with municipality_scope(neighbour):
        selection_round = round_open(
            user=neighbour_users["officer"],
            title="Ronde",
            question="Welke?",
            deadline=timezone.localdate() + datetime.timedelta(days=9),
            departments=[DepartmentFactory(code="buurdienst")],
        )
    _copy(case, neighbour, neighbour_users["officer"], selection_round=selection_round)
    with municipality_scope(neighbour):
        criteria = list(
            Criterion.objects.filter(round=selection_round).values_list("name", "source", "weight")
        )
    assert criteria == [("Klein", "value", 60), ("Leerwaarde", "hand", 40)]


@pytest.mark.parametrize("persona", ["staff", "director", "mat"])
def test_only_procurement_copies(pilot, publish, neighbour, neighbour_users, persona):
    case = publish(pilot)
    with pytest.raises(services.RegionError):
        _copy(case, neighbour, neighbour_users[persona])
    with municipality_scope(neighbour):
        assert not Programme.objects.exists()


def test_a_withdrawn_case_cannot_be_copied(pilot, publish, users, neighbour, neighbour_users):
    case = publish(pilot)
    services.case_withdraw(case_id=case.pk, user=users["officer"])
    with pytest.raises(PilotCase.DoesNotExist):
        _copy(case, neighbour, neighbour_users["officer"])
