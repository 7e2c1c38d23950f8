import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import ScopeError, scopes_disabled

from core.models import Region
from core.scoping import municipality_scope
from pilots.models import Programme
from region.models import PilotCase
from stakeholders import services as stakeholder_services
from tests.factories import DossierFactory, MunicipalityFactory, PersonFactory, UserFactory

from .helpers import make_case

pytestmark = pytest.mark.django_db

LIST = reverse("region:case_list")


@pytest.fixture
def cases(region, municipality, neighbour):
    return [
        make_case(
            region=region,
            municipality=municipality,
            title="Werkkledij",
            cpv_code="18100000",
            strategy_codes="R3 R8",
            estimated_value=40000,
        ),
        make_case(
            region=region,
            municipality=neighbour,
            title="Kantoormeubilair",
            cpv_code="39130000",
            subject_type="supplies",
            strategy_codes="R5",
            estimated_value=90000,
            conclusion="adjust",
        ),
        make_case(
            region=region,
            municipality=neighbour,
            title="Renovatie sporthal",
            cpv_code="45000000",
            subject_type="works",
            strategy_codes="R2",
            estimated_value=500000,
            conclusion="stop",
        ),
    ]


def titles(response) -> set[str]:
    return {case.title for case in response.context["page"].object_list}


def test_a_member_browses_the_library(client_for, cases):
    response = client_for("staff").get(LIST)
    assert response.status_code == 200
    assert titles(response) == {"Werkkledij", "Kantoormeubilair", "Renovatie sporthal"}
    assert "Gemeente Buur" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "meubil"}, {"Kantoormeubilair"}),
        ({"q": "gemeente buur"}, {"Kantoormeubilair", "Renovatie sporthal"}),
        ({"subject_type": "works"}, {"Renovatie sporthal"}),
        ({"cpv": "391"}, {"Kantoormeubilair"}),
        ({"strategy": "R8"}, {"Werkkledij"}),
        ({"value_min": "50.000"}, {"Kantoormeubilair", "Renovatie sporthal"}),
        ({"value_max": "100000"}, {"Werkkledij", "Kantoormeubilair"}),
        ({"conclusion": "adjust"}, {"Kantoormeubilair"}),
        ({"conclusion": "nonsense"}, {"Werkkledij", "Kantoormeubilair", "Renovatie sporthal"}),
    ],
)
def test_the_library_filters(client_for, cases, params, expected):
    response = client_for("staff").get(LIST, params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_a_withdrawn_case_disappears_for_everyone(client_for, cases):
    cases[1].withdrawn_at = datetime.datetime.now(datetime.UTC)
    cases[1].save()
    response = client_for("staff").get(LIST)
    assert "Kantoormeubilair" not in titles(response)
    assert client_for("staff").get(cases[1].get_absolute_url()).status_code == 404


def test_the_htmx_request_gets_only_the_results(client_for, cases):
    response = client_for("staff").get(
        LIST, {"q": "werk"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="case-results"
    )
    assert b"<html" not in response.content
    assert b"Werkkledij" in response.content


def test_the_coordinator_sees_the_library_and_the_figures(client, cases, region):
    coordinator = UserFactory(username="coordinator", roles__member=False)
    region.coordinators.add(coordinator)
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert client.get(reverse("region:figures")).status_code == 200
    assert client.get(cases[0].get_absolute_url()).status_code == 200
    # and nothing of any member's internal data
    with municipality_scope(cases[0].municipality):
        dossier = DossierFactory(title="Intern dossier van de stad")
    body = client.get(reverse("procurement:dossier_list")).content.decode()
    assert dossier.title not in body
    assert client.get(dossier.get_absolute_url()).status_code == 404
    assert client.get(reverse("dashboard:home")).url == LIST  # sent to the library
    assert "bi-globe2" in client.get(LIST).content.decode()
    assert 'href="/dossiers/"' not in client.get(LIST).content.decode()


def test_a_user_outside_any_region_gets_404(client, municipality):
    user = UserFactory(username="loner")
    client.force_login(user)
    assert client.get(LIST).status_code == 404
    assert client.get(reverse("region:figures")).status_code == 404


def test_anonymous_users_log_in_first(client, region):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_case_of_another_region_is_invisible(client_for, region, users):
    other = Region.objects.create(name="Andere regio")
    stranger = MunicipalityFactory(name="Gemeente Ver", nis_code="98001", region=other)
    with municipality_scope(stranger):
        foreign = make_case(region=other, municipality=stranger, title="Verre case")
    client = client_for("officer")
    assert "Verre case" not in client.get(LIST).content.decode()
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert client.get(reverse("region:case_copy", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("region:case_withdraw", args=[foreign.pk])).status_code == 404
    response = client.get(reverse("region:case_compare"), {"a": foreign.pk, "b": foreign.pk + 1})
    assert "Verre case" not in response.content.decode()


@pytest.mark.unscoped
def test_a_query_on_cases_outside_a_region_scope_raises(db):
    with pytest.raises(ScopeError):
        list(PilotCase.objects.all())
    with pytest.raises(ScopeError):
        PilotCase.objects.filter(pk=1).exists()


def test_the_region_scope_only_sees_its_regions(region, municipality):
    other = Region.objects.create(name="Andere regio")
    stranger = MunicipalityFactory(name="Gemeente Ver", nis_code="98001", region=other)
    with municipality_scope(stranger):
        make_case(region=other, municipality=stranger, title="Verre case")
    make_case(region=region, municipality=municipality, title="Eigen case")
    assert list(PilotCase.objects.values_list("title", flat=True)) == ["Eigen case"]
    with scopes_disabled():  # the test's own check that both rows exist
        assert PilotCase.objects.count() == 2


def test_the_detail_page(client_for, cases):
    response = client_for("staff").get(cases[0].get_absolute_url())
    assert response.status_code == 200
    assert b"Werkkledij" in response.content
    assert reverse("region:case_copy", args=[cases[0].pk]) not in response.content.decode()
    officer = client_for("officer").get(cases[0].get_absolute_url()).content.decode()
    assert reverse("region:case_copy", args=[cases[0].pk]) in officer
    assert reverse("region:case_withdraw", args=[cases[0].pk]) in officer  # our own case
    other = client_for("officer").get(cases[1].get_absolute_url()).content.decode()
    assert reverse("region:case_withdraw", args=[cases[1].pk]) not in other


def test_compare_shows_two_cases_side_by_side(client_for, cases):
    response = client_for("staff").get(
        reverse("region:case_compare"), {"a": cases[0].pk, "b": cases[1].pk}
    )
    assert response.status_code == 200
    assert [case.title for case in response.context["cases"]] == ["Werkkledij", "Kantoormeubilair"]


@pytest.mark.parametrize(
    "params", [{"a": "x", "b": "y"}, {"a": "1"}, {"a": "999999", "b": "999998"}, {}]
)
def test_compare_with_bad_input_shows_the_form(client_for, cases, params):
    response = client_for("staff").get(reverse("region:case_compare"), params)
    assert response.status_code == 200
    assert response.context["cases"] == []


def test_compare_refuses_the_same_case_twice(client_for, cases):
    response = client_for("staff").get(
        reverse("region:case_compare"), {"a": cases[0].pk, "b": cases[0].pk}
    )
    assert response.context["cases"] == []
    assert "Kies twee verschillende cases." in response.content.decode()


def test_figures_hide_what_fewer_than_three_municipalities_give(client_for, cases):
    response = client_for("staff").get(reverse("region:figures"))
    figures = response.context["figures"]
    assert figures.total.contributors == 2
    assert figures.total.count is None
    assert "minder dan 3 gemeenten: niet getoond" in response.content.decode()


def test_figures_show_what_three_municipalities_give(client_for, cases, region):
    third = MunicipalityFactory(name="Gemeente Derde", nis_code="99102", region=region)
    with municipality_scope(third):
        make_case(region=region, municipality=third, title="Derde", strategy_codes="R3")
    figures = client_for("staff").get(reverse("region:figures")).context["figures"]
    assert figures.total.count == 4
    by_value = {row.value: row.figure for row in figures.conclusions}
    assert by_value["scale_up"].contributors == 2
    assert by_value["scale_up"].count is None
    strategies = {row.value: row.figure for row in figures.strategies}
    assert strategies["R3"].contributors == 2
    assert strategies["R3"].count is None
    make_case(region=region, municipality=cases[1].municipality, title="Vierde")
    figures = client_for("staff").get(reverse("region:figures")).context["figures"]
    by_value = {row.value: row.figure for row in figures.conclusions}
    assert by_value["scale_up"].count == 3


def test_the_library_costs_the_same_queries_at_two_sizes(
    client_for, region, municipality, neighbour, django_assert_max_num_queries
):
    client = client_for("staff")
    for n in range(3):
        make_case(region=region, municipality=neighbour, title=f"Case {n}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST).status_code == 200
    for n in range(30):
        make_case(
            region=region, municipality=municipality if n % 2 else neighbour, title=f"Meer {n}"
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get(LIST).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 10


# --- Publishing, withdrawing, copying through the pages --------------------------------------


def test_the_preview_shows_what_will_be_shared_and_nothing_sensitive(client_for, pilot, users):
    person = PersonFactory(full_name="Griet Geheimhouder")
    involvement = stakeholder_services.involvement_create(
        user=users["officer"], subject=pilot.programme, person=person, influence=4, interest=5
    )
    stakeholder_services.support_assess(
        user=users["officer"],
        involvement_id=involvement.pk,
        assessed_on=timezone.localdate(),
        level=1,
        note="Steun wankelt sterk",
    )
    stakeholder_services.concern_save(
        user=users["officer"],
        involvement=involvement,
        category="legal_risk",
        description="Bang voor juridische procedures",
        raised_on=timezone.localdate(),
    )
    client = client_for("officer")
    url = reverse("region:case_publish", args=[pilot.pk])
    preview = client.get(url).content.decode()
    assert "Werkkledij" in preview
    assert "Aandeel gerecycleerd materiaal" in preview
    assert "Start de marktdialoog vroeg." in preview  # shown, marked as optional
    response = client.post(url, {"share_lessons": "on", "share_factors": "on"})
    case = PilotCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url()).content.decode()
    compare = client.get(
        reverse("region:case_compare"), {"a": case.pk, "b": case.pk}
    ).content.decode()
    stored = str(PilotCase.objects.filter(pk=case.pk).values().get())
    for secret in ("Griet Geheimhouder", "Steun wankelt sterk", "Bang voor juridische procedures"):
        for text in (preview, page, compare, stored):
            assert secret not in text
    assert "Start de marktdialoog vroeg." in page


def test_publishing_twice_through_the_page_gives_a_clear_message(client_for, pilot):
    client = client_for("officer")
    url = reverse("region:case_publish", args=[pilot.pk])
    client.post(url, {})
    response = client.get(url)
    assert "al gedeeld met de regio" in response.content.decode()
    assert PilotCase.objects.count() == 1


@pytest.mark.parametrize(("persona", "status"), [("staff", 403), ("mat", 403), ("officer", 200)])
def test_who_sees_the_publish_pages(client_for, pilot, persona, status):
    client = client_for(persona)
    assert client.get(reverse("region:case_publish", args=[pilot.pk])).status_code == status
    assert client.get(reverse("region:share_list")).status_code == status


def test_another_municipalitys_pilot_cannot_be_published(client, pilot, neighbour_users):
    client.force_login(neighbour_users["officer"])
    assert client.get(reverse("region:case_publish", args=[pilot.pk])).status_code == 404
    assert client.post(reverse("region:case_publish", args=[pilot.pk])).status_code == 404
    assert not PilotCase.objects.exists()


def test_withdraw_asks_first_then_withdraws(client_for, pilot, publish):
    case = publish(pilot)
    client = client_for("officer")
    url = reverse("region:case_withdraw", args=[case.pk])
    assert client.get(url).status_code == 200
    assert PilotCase.objects.get().is_live
    assert client.post(url).status_code == 302
    assert not PilotCase.objects.get().is_live


def test_another_municipality_may_not_withdraw(client, pilot, publish, neighbour_users):
    case = publish(pilot)
    client.force_login(neighbour_users["officer"])
    assert client.post(reverse("region:case_withdraw", args=[case.pk])).status_code == 403
    assert PilotCase.objects.get().is_live


def test_a_neighbour_starts_a_programme_from_the_page(
    client, pilot, publish, neighbour, neighbour_users
):
    case = publish(pilot)
    with municipality_scope(neighbour):
        dossier = DossierFactory(title="Werkkledij Buur")
    client.force_login(neighbour_users["officer"])
    url = reverse("region:case_copy", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Werkkledij bij de buren", "dossier": dossier.pk})
    with municipality_scope(neighbour):
        programme = Programme.objects.get(title="Werkkledij bij de buren")
    assert response["Location"] == programme.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_a_forged_dossier_of_another_municipality_is_refused(
    client, pilot, publish, neighbour_users
):
    case = publish(pilot)
    client.force_login(neighbour_users["officer"])
    response = client.post(
        reverse("region:case_copy", args=[case.pk]), {"title": "X", "dossier": pilot.dossier_id}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["dossier"]
    with municipality_scope(neighbour_users["officer"].memberships.get().municipality):
        assert not Programme.objects.exists()


def test_staff_may_not_copy(client, pilot, publish, neighbour_users):
    case = publish(pilot)
    client.force_login(neighbour_users["staff"])
    assert client.get(reverse("region:case_copy", args=[case.pk])).status_code == 403


def test_the_nav_shows_the_region_to_members(client_for, region):
    assert "bi-globe2" in client_for("staff").get(reverse("dashboard:home")).content.decode()


def test_the_nav_hides_the_region_outside_any_region(client_for, municipality):
    assert "bi-globe2" not in client_for("staff").get(reverse("dashboard:home")).content.decode()


def _share_report(case, content=b"%PDF-1.7 gedeeld"):
    import hashlib

    from django.core.files.base import ContentFile

    case.report.save("r.pdf", ContentFile(content), save=False)
    case.report_sha256 = hashlib.sha256(content).hexdigest()
    case.save()


def test_the_shared_report_is_served_to_the_region(
    client, client_for, pilot, publish, users, neighbour_users
):
    case = publish(pilot)
    url = reverse("region:case_report", args=[case.pk])
    assert client_for("staff").get(url).status_code == 404  # nothing shared
    _share_report(case)
    client.force_login(neighbour_users["staff"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.7 gedeeld"


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_a_missing_or_altered_shared_report_asks_for_the_backup(
    client, pilot, publish, neighbour_users, damage, caplog
):
    case = publish(pilot)
    _share_report(case)
    if damage == "missing":
        case.report.storage.delete(case.report.name)
    else:
        with case.report.storage.open(case.report.name, "wb") as stored:
            stored.write(b"%PDF-1.7 anders")
    client.force_login(neighbour_users["staff"])
    response = client.get(reverse("region:case_report", args=[case.pk]))
    assert response.status_code == 503
    assert "terugzetten uit de back-up" in response.content.decode()
    assert "restore it from the backup" in caplog.text


def test_without_an_open_dossier_the_copy_page_says_to_register_one(
    client, pilot, publish, neighbour_users
):
    case = publish(pilot)
    client.force_login(neighbour_users["officer"])
    response = client.get(reverse("region:case_copy", args=[case.pk]))
    assert response.status_code == 200
    assert not response.context["has_dossiers"]
    assert reverse("procurement:dossier_create") in response.content.decode()


def test_the_figures_and_a_case_cost_the_same_queries_at_two_sizes(
    client_for, region, municipality, neighbour
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("staff")
    first = make_case(
        region=region, municipality=neighbour, phase_plan=[{"phase": "award", "days": 9}]
    )
    with CaptureQueriesContext(connection) as small_figures:
        client.get(reverse("region:figures"))
    with CaptureQueriesContext(connection) as small_case:
        client.get(first.get_absolute_url())
    for n in range(20):
        make_case(
            region=region, municipality=municipality, title=f"Meer {n}", strategy_codes="R2 R3"
        )
    big = make_case(
        region=region,
        municipality=neighbour,
        phase_plan=[
            {"phase": code, "days": 9} for code in ("market-dialogue", "award", "execution")
        ],
        results=[{"name": f"P{n}", "target": "1", "result": "1", "met": True} for n in range(15)],
    )
    with CaptureQueriesContext(connection) as large_figures:
        client.get(reverse("region:figures"))
    with CaptureQueriesContext(connection) as large_case:
        client.get(big.get_absolute_url())
    assert len(large_figures) == len(small_figures)
    assert len(large_case) == len(small_case)
