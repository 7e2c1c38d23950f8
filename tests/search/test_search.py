"""The search, on both databases: what it finds, for whom, and what no input breaks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Municipality
from core.scoping import municipality_scope
from procurement.models import JointParticipation
from search import selectors
from search.kinds import KINDS
from tests.factories import DepartmentFactory, DossierFactory
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

ALL_KINDS = [kind.key for kind in KINDS]


def _found(results) -> dict[str, list[str]]:
    return {group.kind.key: [hit.url for hit in group.hits] for group in results.groups}


def test_one_word_finds_every_kind_with_a_link_to_each(users, world):
    results = selectors.search(user=users["officer"], raw="zonnepanelen")
    found = _found(results)
    assert list(found) == ALL_KINDS
    assert found["dossiers"] == [world["dossier"].get_absolute_url()]
    assert found["rounds"] == [world["round"].get_absolute_url()]
    assert found["programmes"] == [world["programme"].get_absolute_url()]
    assert found["pilots"] == [world["pilot"].get_absolute_url()]
    assert found["people"] == [world["person"].get_absolute_url()]
    assert found["organisations"] == [world["organisation"].get_absolute_url()]
    assert found["consultations"] == [world["consultation"].get_absolute_url()]
    assert results.total == 7


def test_every_word_has_to_match_somewhere(users, world):
    found = _found(selectors.search(user=users["officer"], raw="zonnepanelen stadhuis"))
    assert found["dossiers"] == [world["dossier"].get_absolute_url()]
    assert "rounds" not in found
    assert "programmes" not in found
    # The second word in the description, the first in the title.
    found = _found(selectors.search(user=users["officer"], raw="panelen plaatsen"))
    assert found["dossiers"] == [world["dossier"].get_absolute_url()]


@pytest.mark.parametrize("typed", ["2026-0417", "0417", "2026-0417 zonnepanelen"])
def test_a_dossier_is_found_by_its_reference(users, world, typed):
    found = _found(selectors.search(user=users["officer"], raw=typed))
    assert found["dossiers"] == [world["dossier"].get_absolute_url()]


def test_a_group_links_to_its_list_filtered_by_the_same_words(client_for, world):
    response = client_for("officer").get(reverse("search:results"), {"q": "zonnepanelen"})
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "procurement:dossier_list",
        "selection:round_list",
        "pilots:programme_list",
        "pilots:pilot_list",
        "stakeholders:person_list",
        "stakeholders:organisation_list",
        "stakeholders:consultation_list",
    ):
        assert f'href="{reverse(name)}?q=zonnepanelen"' in html
    assert "7 resultaten" in html


def test_the_groups_count_beyond_what_they_show(users, department):
    for n in range(selectors.LIMIT + 3):
        DossierFactory(title=f"Laptops lot {n}", department=department)
    (group,) = selectors.search(user=users["officer"], raw="laptops").groups
    assert len(group.hits) == selectors.LIMIT
    assert group.count == selectors.LIMIT + 3


def test_whoever_may_not_open_a_list_finds_nothing_of_its_kind(users, world):
    """The outsider works here without a role: the register and the stakeholders, no rounds,
    programmes or pilots, as the navigation and the list pages have it."""
    found = _found(selectors.search(user=users["outsider"], raw="zonnepanelen"))
    assert list(found) == ["dossiers", "people", "organisations", "consultations"]


def test_a_consultation_about_a_programme_is_found_only_by_who_sees_the_programme(users, world):
    ConsultationFactory(subject=world["programme"], title="Stuurgroep kantoorpapier")
    assert "consultations" in _found(selectors.search(user=users["staff"], raw="kantoorpapier"))
    assert _found(selectors.search(user=users["outsider"], raw="kantoorpapier")) == {}


def test_another_municipalitys_rows_are_never_found(users, world):
    other = Municipality.objects.create(name="Gemeente Anders", nis_code="99111")
    with municipality_scope(other):
        department = DepartmentFactory(name="Elders", code="eld")
        officer = users["officer"]
        DossierFactory(title="Zonnepanelen elders GEHEIM", department=department)
        ConsultationFactory(
            subject=DossierFactory(department=department), title="Zonnepanelen GEHEIM"
        )
        del officer
    results = selectors.search(user=users["admin_user"], raw="zonnepanelen geheim")
    assert results.groups == []
    assert results.total == 0


def test_a_joint_dossier_led_by_another_municipality_is_found_with_its_lead(users, world):
    lead = Municipality.objects.create(name="Gemeente Leider", nis_code="99112")
    with municipality_scope(lead):
        joint = DossierFactory(
            title="Gezamenlijke zonnepanelen",
            department=DepartmentFactory(name="Leiding", code="lei"),
        )
        JointParticipation.objects.create(
            dossier=joint, municipality=Municipality.objects.get(nis_code=world_nis()), share=1
        )
    found = _found(selectors.search(user=users["staff"], raw="gezamenlijke zonnepanelen"))
    assert found["dossiers"] == [f"{joint.get_absolute_url()}?lead={lead.pk}"]


def world_nis() -> str:
    from core.membership import first_municipality

    return first_municipality().nis_code


BAD_INPUT = [
    "",
    " ",
    "a",
    "zonnepanelen\r\nstadhuis",
    "!!!",
    "&|!:*()",
    "zonne:* & !(panelen | stadhuis)",
    "' OR 1=1 --",
    "'; DROP TABLE procurement_dossier; --",
    '"zonnepanelen"',
    "%_%",
    "\\",
    "<script>alert(1)</script>",
    "z" * 5000,
    "zonnepanelen " * 300,
    "🙂 ☀️",
]


@pytest.mark.parametrize("typed", BAD_INPUT)
def test_no_input_breaks_the_page(client_for, world, typed):
    response = client_for("officer").get(reverse("search:results"), {"q": typed})
    assert response.status_code == 200
    assert b'id="search-q"' in response.content
    assert b"<script>alert(1)" not in response.content


def test_an_empty_or_too_short_query_says_what_to_type(client_for, world):
    client = client_for("officer")
    assert b"search-problem" not in client.get(reverse("search:results")).content
    for typed in ("a", "!!!", "é", "- -", "&|!:*()"):
        html = client.get(reverse("search:results"), {"q": typed}).content.decode()
        assert "Typ minstens één woord van 2 letters of cijfers." in html


def test_a_long_query_is_cut_with_a_notice(client_for, world):
    html = (
        client_for("officer")
        .get(reverse("search:results"), {"q": "zonnepanelen " + "! " * 300 + "stadhuis"})
        .content.decode()
    )
    assert "Alleen de eerste 200 tekens zijn gezocht." in html
    assert reverse("procurement:dossier_list") + "?q=zonnepanelen" in html


def test_operators_only_separate_words():
    terms = selectors.terms_of("zonne:* & !(panelen | stadhuis) 2026-0417 x")
    assert terms.words == ("zonne", "panelen", "stadhuis", "2026-0417")
    assert selectors.terms_of("\x00\x01").words == ()
    many = selectors.terms_of(" ".join(f"woord{n}" for n in range(20)))
    assert len(many.words) == selectors.MAX_WORDS
    assert many.notice
    assert selectors.terms_of("Zon zon ZON").words == ("Zon",)


def test_a_nul_is_refused_by_the_house_before_the_search_runs(client_for, world):
    response = client_for("officer").get(reverse("search:results"), {"q": "zon\x00nepanelen"})
    assert response.status_code == 400


def test_the_navigation_has_the_box_for_whoever_may_search(client_for, world):
    assert b'id="nav-search"' in client_for("officer").get(reverse("dashboard:home")).content
    assert b'id="nav-search"' in client_for("outsider").get(reverse("dashboard:home")).content


def test_anonymous_gets_the_login_page(client_for):
    response = client_for(None).get(reverse("search:results"), {"q": "zonnepanelen"})
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def _fill(users, department, *, size: int) -> None:
    for n in range(size):
        dossier = DossierFactory(title=f"Zonnepanelen lot {size}-{n}", department=department)
        make_programme(
            user=users["officer"],
            title=f"Zonnepanelen traject {size}-{n}",
            dossiers=[dossier, DossierFactory(department=department)],
        )
        ConsultationFactory(subject=dossier, title=f"Zonnepanelen overleg {size}-{n}")


@pytest.mark.parametrize("persona", ["officer", "outsider", "staff"])
def test_the_search_costs_the_same_queries_at_two_sizes(
    client_for, users, department, world, persona, monkeypatch
):
    """Three hits per kind, so that both sizes are beyond what a group shows and each group
    counts its rows: 4 and 14 of each kind that the word finds."""
    monkeypatch.setattr(selectors, "LIMIT", 3)
    client = client_for(persona)
    counts = []
    for more in (3, 10):
        _fill(users, department, size=more)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("search:results"), {"q": "zonnepanelen"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 18, counts
