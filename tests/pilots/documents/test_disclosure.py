"""What the decision documents say about stakeholders: concerns without who raised them, and
support only over groups of 3 or more assessed people (stakeholders/disclosure.py), because
the briefing is read by roles that may not see individual assessments while the
power-interest grid shows every stakeholder by name and quadrant."""

import re

import pytest
from django.urls import reverse

from pilots.documents.briefing import briefing_risks, briefing_support
from stakeholders.models import Concern, SupportLevel
from tests.stakeholders.factories import (
    ConcernFactory,
    InvolvementFactory,
    SupportAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def _stakeholder(programme, name, *, influence, interest, level):
    involvement = InvolvementFactory(
        subject=programme, person__full_name=name, influence=influence, interest=interest
    )
    if level is not None:
        SupportAssessmentFactory(involvement=involvement, level=level, note="Niet delen")
    return involvement


@pytest.fixture
def lone_director(programme):
    """Three assessed stakeholders to manage closely, and one alone in "keep satisfied":
    the director of Ruimte, resistant."""
    for index, level in enumerate([4, 5, 4]):
        _stakeholder(programme, f"Betrokkene {index}", influence=4, interest=4, level=level)
    return _stakeholder(
        programme, "Directeur Ruimte", influence=5, interest=1, level=SupportLevel.RESISTANT
    )


def _support_row(html: str, quadrant: str) -> str:
    tbody = html[html.index('class="data-table support-table"') :]
    match = re.search(rf"<tr><th scope=\"row\">{quadrant}</th>(.*?)</tr>", tbody, flags=re.S)
    assert match, quadrant
    return match.group(1)


def test_the_briefing_and_the_public_grid_do_not_give_away_a_lone_stakeholders_support(
    client_for, programme, lone_director
):
    # What department staff see: the grid names the director, alone in "keep satisfied".
    grid = client_for("staff").get(
        reverse("stakeholders:subject_support", args=[lone_director.content_type_id, programme.pk])
    )
    assert grid.status_code == 200
    staff_rows = grid.context["support"].rows
    keep_satisfied = [row for row in staff_rows if row.quadrant == "keep_satisfied"]
    assert [str(row.stakeholder) for row in keep_satisfied] == ["Directeur Ruimte"]

    # What the briefing (read by the same staff once it is official) says of that quadrant.
    preview = client_for("director").get(reverse("pilots:briefing_preview", args=[programme.pk]))
    html = preview.content.decode()
    row = _support_row(html, "Tevreden houden")
    assert "minder dan 3" in row
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells == ["1"]  # only the number of stakeholders, which the grid shows anyway
    assert "1,0" not in row
    assert "1.0" not in row


@pytest.mark.parametrize("alone", [1, 2])
def test_a_quadrant_of_one_or_two_assessed_people_shows_no_support_figures(programme, alone):
    for index in range(3):
        _stakeholder(programme, f"Groot {index}", influence=4, interest=4, level=4)
    for index in range(alone):
        _stakeholder(programme, f"Klein {index}", influence=1, interest=1, level=1)
    data = briefing_support(programme)
    groups = {group["quadrant"]: group for group in data["groups"]}
    monitor = groups["monitor"]
    assert monitor["suppressed"]
    assert monitor["count"] == alone
    assert monitor["average"] is None
    assert all(level["count"] is None for level in monitor["levels"])
    # Shown beside the total, "manage closely" would give the small group away by
    # subtraction: it is hidden with it.
    assert groups["manage_closely"]["suppressed"]
    assert data["average"] is not None  # the whole group is 3 + alone people
    # The power-interest grid: both quadrants grey, with their number of stakeholders and no
    # bar; its text alternative says no more.
    grid = {quadrant["label"]: quadrant for quadrant in data["chart"]["quadrants"]}
    for label in ["Monitoren", "Nauw betrekken"]:
        assert grid[label]["fill"] == "#e4e7ec"
        assert grid[label]["parts"] == []
        assert grid[label]["note"] == "minder dan 3 ingeschat: niet getoond"
    assert (
        "Monitoren: "
        + ("1 belanghebbende" if alone == 1 else "2 belanghebbenden")
        + (", minder dan 3 ingeschat: niet getoond")
        in data["chart"]["description"]
    )
    assert "weerstand" not in data["chart"]["description"]


def test_a_programme_with_fewer_than_three_assessed_shows_no_support_figures_at_all(
    programme,
):
    _stakeholder(programme, "Enige", influence=4, interest=4, level=2)
    _stakeholder(programme, "Niet ingeschat", influence=4, interest=4, level=None)
    data = briefing_support(programme)
    assert data["total"] == 2
    assert data["total_suppressed"]
    assert data["average"] is None
    assert data["supportive"] is None


def test_large_enough_quadrants_keep_their_figures(programme):
    for index in range(3):
        _stakeholder(programme, f"A{index}", influence=4, interest=4, level=5)
    for index in range(3):
        _stakeholder(programme, f"B{index}", influence=1, interest=1, level=2)
    data = briefing_support(programme)
    groups = {group["quadrant"]: group for group in data["groups"]}
    assert not data["suppressed"]
    assert groups["manage_closely"]["average"] == 5.0
    assert groups["monitor"]["average"] == 2.0
    assert data["supportive"] == 3


def test_the_briefing_lists_concerns_without_who_raised_them(
    client_for, programme, django_assert_max_num_queries
):
    involvement = _stakeholder(programme, "Katrien Wouters", influence=4, interest=4, level=4)
    ConcernFactory(
        involvement=involvement,
        description="Vreest dat de levering vertraagt",
        mitigation="Marktconsultatie vooraf",
        status=Concern.Status.IN_PROGRESS,
    )
    data = briefing_risks(programme)
    (concern,) = data["open_concerns"]
    # Not even read: the concern comes without its involvement.
    assert "involvement" not in concern.__dict__.get("_state").fields_cache
    html = client_for("director").get(reverse("pilots:briefing_preview", args=[programme.pk]))
    text = html.content.decode()
    risks = text[text.index('id="section-risks"') :]
    risks = risks[: risks.index('id="section-support"')]
    assert "Vreest dat de levering vertraagt" in risks
    assert "Marktconsultatie vooraf" in risks
    assert "Katrien Wouters" not in text
    assert "Niet delen" not in text


def test_an_advisor_downloads_the_official_briefing_under_the_same_rule(
    client, users, programme, lone_director
):
    """The one PDF of these tests: what an external advisor receives is the frozen briefing,
    which follows the rule for readers without sensitive access."""
    import datetime
    import io

    from django.utils import timezone
    from pypdf import PdfReader

    from pilots.advice import services as advice_services
    from pilots.documents.models import OfficialDocument
    from tests.factories import UserFactory
    from tests.pilots.evaluation_helpers import approve

    ConcernFactory(
        involvement=lone_director,
        description="Vreest extra werk voor de dienst",
        status=Concern.Status.OPEN,
    )
    approve(programme, users)
    advisor = UserFactory(username="adviseur-pdf", roles__member=False)
    invitation = advice_services.invitation_create(
        user=users["officer"],
        programme_id=programme.pk,
        email=advisor.email,
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        note="Graag advies.",
    )
    document = OfficialDocument.objects.get(programme=programme, kind="briefing")
    client.force_login(advisor)
    response = client.get(reverse("pilots:advice_document", args=[invitation.pk, document.pk]))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Vreest extra werk voor de dienst" in text
    assert "minder dan 3 ingeschat: niet getoond" in text
    assert "Directeur Ruimte" not in text
    assert "Niet delen" not in text
